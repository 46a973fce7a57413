"""Journey 3: a validation error and a refused file lose nothing the reporter already gave."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sanad.evidence.uploads import ArchiveRefused
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.journey import t

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("language", LANGUAGES)
def test_errors_and_refused_files_lose_nothing(
    language: str, page: Page, tmp_path: Path, screenshot: Callable[[Page, str], Path]
) -> None:
    picture, archive = journey.make_png(tmp_path), journey.make_zip(tmp_path)
    journey.open_report(page, language)
    journey.answer_danger(page, language, sextortion=False)

    # "What happened": who and a description, but no category chosen.
    journey.fill_what(page, categories=[])
    page.locator('button[name="next"]').click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # portal.js moves focus there for screen readers
    expect(summary).to_contain_text(t(language, "Choose all that fit"))
    expect(page.locator("#field-categories .error")).to_have_text(
        t(language, "Choose at least one thing that happened, or “Something else”.")
    )
    expect(page.locator('textarea[name="description"]')).to_have_value(journey.DESCRIPTION)
    expect(page.locator('input[name="reporter_role"][value="victim"]')).to_be_checked()
    screenshot(page, f"{language}-20-what-error")
    summary.get_by_role("link").click()
    expect(page.locator('input[name="categories"]').first).to_be_focused()
    page.check('input[name="categories"][value="harassment"]')
    journey.go_next(page, language, "where")
    journey.fill_where(page)
    journey.go_next(page, language, "evidence")

    # A picture and an archive chosen together: the archive is refused, the picture kept.
    journey.upload(page, language, [picture, archive])
    refused = page.locator("#error-summary")
    expect(refused).to_contain_text(archive.name)
    expect(refused).to_contain_text(t(language, ArchiveRefused.message))
    expect(page.locator(".file-list li")).to_have_count(1)
    expect(page.locator(".file-list")).to_contain_text(picture.name)
    screenshot(page, f"{language}-21-evidence-refused")
    journey.go_next(page, language, "child")

    journey.answer_child(page, language)
    journey.check_review(
        page,
        language,
        expected=[
            journey.DESCRIPTION,
            picture.name,
            t(language, "Insults, mockery or rumours"),
            t(language, "This week"),
            t(language, "Still happening"),
        ],
        absent=(archive.name,),
    )
