"""Journeys 1 and 2: a sextortion report from the home page to the follow-up thread,
with JavaScript on (screenshots taken) and off (every page is server-rendered)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from sanad.intake.actions import send_centre_message
from sanad.intake.models import Report, Urgency
from tests.browser import journey
from tests.browser.conftest import LANGUAGES

pytestmark = [pytest.mark.browser]


def report_and_follow_up(page: Page, language: str, folder: Path, visit: journey.Visit, *, javascript: bool) -> None:
    code = journey.report_with_sextortion(page, language, folder, visit, javascript=javascript)

    report = Report.objects.get()
    assert report.urgency == Urgency.P0
    assert report.sextortion_deadline and not report.danger_now and not report.self_harm
    assert report.evidence.count() == 2
    assert set(report.categories.values_list("category", flat=True)) == {"sexual_exploitation", "harassment"}
    assert set(report.platforms.values_list("platform", flat=True)) == {"instagram"}
    assert report.description == journey.DESCRIPTION
    assert report.told_nobody and report.victim_age_band == "13_15"
    assert report.language == language
    assert not report.consent_contact and report.contact == ""

    journey.open_follow_up(page, language, code, visit)
    expect(page.locator(".thread")).to_have_count(0)
    visit(page, "13-followup")

    send_centre_message(report, journey.CENTRE_MESSAGE)
    page.reload()
    expect(page.locator(".message-centre")).to_contain_text(journey.CENTRE_MESSAGE)
    journey.reply(page, language)
    expect(page.locator(".thread .message")).to_have_count(2)
    visit(page, "14-followup-thread")
    assert [message.author for message in report.messages.all()] == ["centre", "reporter"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_with_javascript(
    language: str, page: Page, tmp_path: Path, screenshot: Callable[[Page, str], Path]
) -> None:
    report_and_follow_up(
        page, language, tmp_path, lambda page, name: screenshot(page, f"{language}-{name}"), javascript=True
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_without_javascript(language: str, new_context: Callable[..., BrowserContext], tmp_path: Path) -> None:
    page = new_context(javascript=False).new_page()
    report_and_follow_up(page, language, tmp_path, journey.no_visit, javascript=False)
