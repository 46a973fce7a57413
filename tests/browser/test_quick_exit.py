"""Journey 4: "Quick exit" leaves at once, and "back" does not bring the portal back."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import LANGUAGES, QUICK_EXIT_URL
from tests.browser.journey import t

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("language", LANGUAGES)
def test_quick_exit_replaces_the_page_in_history(language: str, page: Page, live_server) -> None:
    page.goto(f"/{language}/report/")
    page.get_by_role("link", name=t(language, "Quick exit")).click()
    page.wait_for_url(QUICK_EXIT_URL)
    expect(page.locator("h1")).to_have_text("Weather today")
    page.go_back()
    assert not page.url.startswith(live_server.url), page.url


def test_escape_three_times_leaves(page: Page, live_server) -> None:
    page.goto("/ar/report/step/danger/")
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert not page.url.startswith(live_server.url), page.url


def test_quick_exit_works_without_javascript(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context(javascript=False).new_page()
    page.goto("/fr/")
    page.get_by_role("link", name=t("fr", "Quick exit")).click()
    page.wait_for_url(QUICK_EXIT_URL)
