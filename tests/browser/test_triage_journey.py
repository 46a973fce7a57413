"""Journey: danger only in a child's own words. The reporter ticks no danger box and chooses
harassment; the words say they no longer want to live. The report lands as P0 (the on-call
staff are alerted), first in the analyst's queue, with the phrase highlighted on the triage
page; the analyst confirms the assistant's suggestion. In Arabic and in French."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from sanad.cases.models import TriageReview
from sanad.intake.models import Report
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.test_backoffice_journey import ANALYST_KEY, make_staff, sign_in

pytestmark = [pytest.mark.browser]

# Synthetic texts: everyone laughs at the child since a video was posted; then, "I no longer
# want to live" and a way to do it tonight. No danger box is ticked.
WORDS = {
    "fr": (
        "Depuis la vidéo, tout le monde se moque de moi au collège. Je veux plus vivre, ce soir je vais sauter du pont."
    ),
    "ar": "من نهار نشرو الفيديو وكلشي كيضحك عليا فالمدرسة. ما بقيتش باغية نعيش، الليلة غادي نلوح راسي من السطح.",
}
PHRASE = {"fr": "veux plus vivre", "ar": "ما بقيتش باغية نعيش"}


def report_in_own_words(page: Page, language: str) -> str:
    journey.open_report(page, language)
    journey.answer_danger(page, language, sextortion=False)
    journey.expect_step(page, language, "What happened?")
    journey.fill_what(page, categories=["harassment"], description=WORDS[language])
    journey.go_next(page, language, "where")
    journey.answer_where(page, language, has_files=False)
    journey.answer_child(page, language)
    journey.check_review(page, language, expected=[WORDS[language]])
    return journey.send(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_danger_in_the_words_alone_lands_as_p0_with_the_phrase_highlighted(
    language: str, new_context: Callable[..., BrowserContext], screenshot: Callable[[Page, str], Path]
) -> None:
    staff = make_staff()
    report_in_own_words(new_context().new_page(), language)
    report = Report.objects.get()
    assert (report.danger_now, report.self_harm, report.sextortion_deadline) == (False, False, False)
    assert (report.triage["answered"], report.urgency) == ("P2", "P0")
    assert report.triage["signals"] == ["self_harm"]
    [alert] = mail.outbox  # as for a ticked box
    assert report.reference in alert.subject

    analyst = new_context().new_page()
    sign_in(analyst, language, staff.analyst, ANALYST_KEY)
    analyst.wait_for_url(f"**/{language}/staff/queue/")
    first = analyst.locator("table.queue tbody tr").first
    expect(first).to_contain_text(report.reference)
    expect(first.locator(".badge-P0")).to_be_visible()
    first.locator(f'a[href$="/staff/reports/{report.pk}/"]').click()
    analyst.wait_for_url(f"**/{language}/staff/reports/{report.pk}/")

    assistant = analyst.locator(".assistant")
    expect(assistant).to_contain_text(journey.t(language, "Self-harm or suicidal intent"))
    expect(assistant).to_contain_text("P2")
    mark = analyst.locator(".report-text mark.triage-P0").first
    expect(mark).to_contain_text(PHRASE[language])
    assert mark.evaluate("element => getComputedStyle(element).backgroundColor") != "rgba(0, 0, 0, 0)"
    mark.scroll_into_view_if_needed()
    screenshot(analyst, f"{language}-47-triage-assistant")

    form = analyst.locator('form[action$="/assistant/"]')
    expect(form.locator('input[name="signals"][value="self_harm"]')).to_be_checked()
    form.locator("button[type=submit]").click()
    analyst.wait_for_url(f"**/{language}/staff/reports/{report.pk}/")
    review = TriageReview.objects.get(report=report)
    assert "self_harm" in review.confirmed
    assert (review.rejected, review.missed) == ([], [])
