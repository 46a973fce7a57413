"""A report past its network's limit is saved, queued and marked, and the child is told in plain
words; a report with a danger answer is never limited. The browsers of a test share one
address, like a school's Wi-Fi. Arabic and French, JavaScript on and off."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from sanad.intake.models import Report, Urgency
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.journey import t

pytestmark = [pytest.mark.browser]

NOTE = (
    "Many reports were sent from your network (a school's Wi-Fi, for example) in the last hour. "
    "Yours is saved all the same, and it will be read like every other report."
)
COMBINATIONS = [(language, javascript) for language in LANGUAGES for javascript in (True, False)]
IDS = [f"{language}-{'js' if javascript else 'no-js'}" for language, javascript in COMBINATIONS]


def calm_report(page: Page, language: str, *, self_harm: bool = False) -> str:
    """A report without screenshots, from the home page to the receipt."""
    journey.open_report(page, language)
    journey.answer_danger(page, language, sextortion=False, self_harm=self_harm)
    if self_harm:
        journey.go_next(page, language, "what")  # past the help page
    journey.fill_what(page, categories=["harassment"])
    journey.go_next(page, language, "where")
    journey.fill_where(page, has_files=False)
    journey.go_next(page, language, "child")
    journey.answer_child(page, language, then="contact" if self_harm else "review")
    if self_harm:
        journey.go_next(page, language, "review")
    return journey.send(page, language)


@pytest.mark.parametrize(("language", "javascript"), COMBINATIONS, ids=IDS)
def test_a_report_past_the_limit_is_saved_and_the_child_told(
    language: str, javascript: bool, new_context: Callable[..., BrowserContext], settings
) -> None:
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "report": "1/3600"}
    first = new_context(javascript=javascript).new_page()
    calm_report(first, language)
    expect(first.locator("main")).not_to_contain_text(t(language, NOTE))

    second = new_context(javascript=javascript).new_page()  # another child, same network
    code = calm_report(second, language)
    expect(second.locator(".success")).to_contain_text(t(language, NOTE))
    expect(second.locator(".receipt-code")).to_have_text(code)
    assert Report.objects.count() == 2
    assert Report.objects.filter(arrived_over_limit=True).count() == 1

    # A danger answer is never limited, nor marked.
    third = new_context(javascript=javascript).new_page()
    calm_report(third, language, self_harm=True)
    expect(third.locator("main")).not_to_contain_text(t(language, NOTE))
    danger = Report.objects.get(self_harm=True)
    assert danger.urgency == Urgency.P0 and not danger.arrived_over_limit
