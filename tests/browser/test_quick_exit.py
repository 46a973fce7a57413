"""Journey 4: "Quick exit" leaves at once; after it, "Back" and reload show nothing of the report,
whoever picks the phone up sees no report under way, and the child alone comes back to it with
the code shown at the top of each step (docs/portal.md). Arabic and French, JavaScript on and off."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser import journey
from tests.browser.conftest import LANGUAGES, QUICK_EXIT_URL
from tests.browser.journey import t

pytestmark = [pytest.mark.browser]

SECRET = "zorglub sirr: kaydded bli ghadi ynacher tsawri"
COMBINATIONS = [(language, javascript) for language in LANGUAGES for javascript in (True, False)]
IDS = [f"{language}-{'js' if javascript else 'no-js'}" for language, javascript in COMBINATIONS]


def half_a_report(page: Page, language: str) -> str:
    """Answer the first steps, type on "where" without sending it; the code to come back."""
    journey.open_report(page, language)
    journey.answer_danger(page, language, sextortion=False)
    journey.fill_what(page, categories=["harassment"], description=SECRET)
    journey.go_next(page, language, "where")
    page.fill('textarea[name="identifiers"]', "@zorglub.secret")
    code = page.locator(".keep-line strong").inner_text().strip()
    assert len(code) == 4 and code.isdigit(), code
    return code


def quick_exit(page: Page, language: str) -> None:
    page.get_by_role("link", name=t(language, "Quick exit")).click()
    page.wait_for_url(QUICK_EXIT_URL)
    expect(page.locator("h1")).to_have_text("Weather today")


def shows_nothing_of_the_report(page: Page) -> None:
    content = page.content()
    assert "zorglub" not in content.lower(), page.url
    for box in page.locator("input[type=radio], input[type=checkbox]").all():
        assert not box.is_checked(), page.url
    for area in page.locator("textarea").all():
        assert area.input_value() == "", page.url
    expect(page.locator(".keep-line")).to_have_count(0)


@pytest.mark.parametrize(("language", "javascript"), COMBINATIONS, ids=IDS)
def test_after_quick_exit_back_and_reload_show_nothing_of_the_report(
    language: str, javascript: bool, new_context: Callable[..., BrowserContext], live_server
) -> None:
    page = new_context(javascript=javascript).new_page()
    half_a_report(page, language)
    quick_exit(page, language)

    # Back through every page of the visit the history still lists: none shows an answer.
    for _ in range(4):
        page.go_back()
        if not page.url.startswith(live_server.url):
            break
        page.wait_for_load_state()
        shows_nothing_of_the_report(page)
        page.reload()
        shows_nothing_of_the_report(page)

    # Whoever opens the site next on this phone sees no report under way.
    page.goto(journey.path(language))
    expect(page.locator(".hero")).to_contain_text(t(language, "Report now"))
    expect(page.locator(".hero")).not_to_contain_text(t(language, "Continue my report"))


@pytest.mark.parametrize(("language", "javascript"), COMBINATIONS, ids=IDS)
def test_the_child_comes_back_to_the_kept_draft_with_its_code(
    language: str, javascript: bool, new_context: Callable[..., BrowserContext]
) -> None:
    context = new_context(javascript=javascript)
    page = context.new_page()
    code = half_a_report(page, language)
    quick_exit(page, language)

    # Someone else trying: a wrong code tells nothing.
    page.goto(journey.path(language, "report/return/"))
    page.fill('input[name="code"]', f"{(int(code) + 1) % 10000:04d}")
    page.get_by_role("button", name=t(language, "Continue my report")).click()
    expect(page.locator("#field-code .error")).to_have_text(
        t(language, "This code does not open a report on this phone. Check the four digits.")
    )

    page.fill('input[name="code"]', code)
    page.get_by_role("button", name=t(language, "Continue my report")).click()
    page.wait_for_url(f"**/{language}/report/step/where/")  # where the child stopped
    page.goto(journey.path(language, "report/step/what/"))
    expect(page.locator('textarea[name="description"]')).to_have_value(SECRET)


def test_escape_three_times_leaves(page: Page, live_server) -> None:
    page.goto("/ar/report/step/danger/")
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert not page.url.startswith(live_server.url), page.url
