"""No step of the report is longer than two screens of a 390 by 844 phone, in Arabic (taller
lines) and French (longer words), on the longest way through: a danger answer, intimate images,
screenshots, contact details asked for."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser import journey
from tests.browser.conftest import LANGUAGES, PHONE

pytestmark = [pytest.mark.browser]

TWO_SCREENS = 2 * PHONE["height"]


def screens(page: Page) -> float:
    return page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_step_is_longer_than_two_phone_screens(
    language: str, new_context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    page = new_context().new_page()
    heights: dict[str, float] = {}

    def measure(name: str) -> None:
        page.wait_for_load_state()
        heights[name] = round(screens(page), 2)

    journey.open_report(page, language)
    measure("danger")
    journey.answer_danger(page, language, sextortion=True, self_harm=True)
    measure("help")
    journey.go_next(page, language, "what")
    journey.fill_what(page, categories=["sexual_exploitation", "threats"])
    measure("what")
    journey.go_next(page, language, "where")
    journey.fill_where(page)
    measure("where")
    journey.go_next(page, language, "evidence")
    journey.upload(page, language, [journey.make_png(tmp_path), journey.make_pdf(tmp_path)])
    measure("evidence")
    journey.go_next(page, language, "child")
    measure("child")
    journey.answer_child(page, language, then="contact")
    page.check('input[name="wants_contact"][value="yes"]')  # every contact question shown
    measure("contact")
    assert all(height <= 2 for height in heights.values()), sorted(heights.items())
