"""A "yes" to self-harm shows the listening line first, before the emergency numbers: on the help
page, the later steps, the receipt and the follow-up. Arabic and French, JavaScript on and off."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from sanad.lib import helplines
from tests.browser import journey
from tests.browser.conftest import LANGUAGES

pytestmark = [pytest.mark.browser]

LISTENING = "0801000180"
COMBINATIONS = [(language, javascript) for language in LANGUAGES for javascript in (True, False)]
IDS = [f"{language}-{'js' if javascript else 'no-js'}" for language, javascript in COMBINATIONS]


def first_call_in_main(page: Page) -> str:
    return page.locator("main a[href^='tel:']").first.get_attribute("href") or ""


@pytest.mark.parametrize(("language", "javascript"), COMBINATIONS, ids=IDS)
def test_the_listening_line_comes_first_for_self_harm(
    language: str, javascript: bool, new_context: Callable[..., BrowserContext], settings, screenshot
) -> None:
    settings.SANAD_HELP_LINES = helplines.parse(
        {"child_helpline": "2511|08:30-18:00", "listening": LISTENING}, name="test"
    )
    page = new_context(javascript=javascript).new_page()
    journey.open_report(page, language)
    journey.answer_danger(page, language, sextortion=False, self_harm=True)
    expect(page.locator(".danger-advice")).to_be_visible()
    assert first_call_in_main(page) == f"tel:{LISTENING}"
    expect(page.locator(".danger-advice a[href='tel:19']")).to_be_visible()  # the emergency numbers follow
    if javascript:
        screenshot(page, f"{language}-15-self-harm-help")

    code = calm_report_from_help(page, language)
    assert first_call_in_main(page) == f"tel:{LISTENING}"  # the receipt
    if javascript:
        screenshot(page, f"{language}-16-self-harm-receipt")
    journey.open_follow_up(page, language, code)
    assert first_call_in_main(page) == f"tel:{LISTENING}"


def calm_report_from_help(page: Page, language: str) -> str:
    journey.go_next(page, language, "what")
    assert first_call_in_main(page) == f"tel:{LISTENING}"  # one line on the later steps
    journey.fill_what(page, categories=["threats"])
    journey.go_next(page, language, "where")
    journey.fill_where(page, has_files=False)
    journey.go_next(page, language, "child")
    journey.answer_child(page, language, then="contact")
    journey.go_next(page, language, "review")
    return journey.send(page, language)
