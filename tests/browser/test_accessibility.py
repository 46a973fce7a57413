"""Check 6: axe-core finds no serious or critical problem on the public pages, in both languages.

axe-core is injected into the page, which the Content-Security-Policy would refuse: these
contexts bypass it (only here; every other test runs under the real policy).
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from sanad.intake.actions import send_centre_message
from sanad.intake.models import Report
from tests.browser import journey
from tests.browser.conftest import LANGUAGES

pytestmark = [pytest.mark.browser]

BLOCKING = {"serious", "critical"}
# axe's defaults, plus WCAG 2.2's touch-target size (off by default): the portal is used on phones.
AXE_RUN = "() => axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"


def describe(violation: dict) -> str:
    nodes = "; ".join(f"{node['target']} {node['html'][:160]}" for node in violation["nodes"][:5])
    return f"  [{violation['impact']}] {violation['id']}: {violation['help']} -> {nodes}"


class Audit:
    """Runs axe on each page it is shown; remembers the pages and their serious problems."""

    def __init__(self, axe_source: str) -> None:
        self.axe_source = axe_source
        self.problems: dict[str, list[str]] = {}
        self.audited: list[str] = []

    def __call__(self, page: Page, name: str) -> None:
        # From the top, so the sticky header covers nothing and the sizes axe measures are stable.
        page.wait_for_load_state("load")
        page.evaluate("window.scrollTo(0, 0)")
        # A page reached by posting a form may still restore the old scroll position: wait until at the top.
        page.wait_for_function("window.scrollY === 0")
        page.evaluate(self.axe_source)
        result = page.evaluate(AXE_RUN)
        blocking = [describe(v) for v in result["violations"] if v["impact"] in BLOCKING]
        self.audited.append(name)
        if blocking:
            self.problems[f"{name} ({page.url})"] = blocking

    def report(self) -> str:
        return "axe found serious or critical problems:\n" + "\n".join(
            f"{page_name}:\n" + "\n".join(found) for page_name, found in self.problems.items()
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_serious_accessibility_problems(
    language: str,
    new_context: Callable[..., BrowserContext],
    axe_source: str,
    tmp_path: Path,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page = new_context(bypass_csp=True).new_page()
    audit = Audit(axe_source)

    code = journey.report_with_sextortion(page, language, tmp_path, audit)
    journey.open_follow_up(page, language, code, audit)
    audit(page, "followup-report")
    send_centre_message(Report.objects.get(), journey.CENTRE_MESSAGE)
    journey.reply(page, language)
    audit(page, "followup-thread")
    pages = [
        ("30-help", "help/"),
        ("31-guide", "help/sexual_exploitation/"),
        ("32-privacy", "privacy/"),
        ("33-return", "report/return/"),
    ]
    for name, rest in pages:
        page.goto(journey.path(language, rest))
        expect(page.locator("h1")).to_be_visible()
        audit(page, name)
        screenshot(page, f"{language}-{name}")
    # A report under way: the page that offers to continue it or start again.
    page.goto(journey.path(language, "report/step/danger/"))
    journey.answer_danger(page, language, sextortion=False)
    page.goto(journey.path(language, "report/"))
    audit(page, "34-under-way")
    screenshot(page, f"{language}-34-under-way")

    assert len(audit.audited) == 18, audit.audited
    assert not audit.problems, audit.report()
