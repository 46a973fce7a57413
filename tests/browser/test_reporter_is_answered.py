"""A child's words are never lost: a reporter writes on a closed case, the case comes back to
the queue flagged "new from the reporter", the analyst answers, the reporter reads the answer.
In Arabic and French; the reporter's pages without JavaScript."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from sanad.cases.actions import close_case, open_case
from sanad.cases.models import Case
from sanad.cases.reporter_activity import pick_up
from sanad.cases.tests.conftest import make_report
from sanad.intake.models import PublicStatus
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.test_backoffice_journey import (
    ANALYST_KEY,
    make_staff,
    open_follow_up,
    reporter_sees_status,
    sign_in,
)

pytestmark = [pytest.mark.browser]

CHILD = {
    "ar": "رجع يبعث ليا نفس الرسائل البارح، عافاكم عاونوني",
    "fr": "il recommence a m'envoyer les memes messages depuis hier svp aidez moi",
}
ANSWER = {
    "ar": "شكراً لأنك كتبت لنا. لا تحذف الرسائل، نحن نتابع الأمر الآن.",
    "fr": "Merci de nous avoir écrit. Ne supprime pas les messages, nous nous en occupons.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_child_writing_on_a_closed_case_is_answered(
    language: str, new_context: Callable[..., BrowserContext], screenshot: Callable, tmp_path: Path
) -> None:
    staff = make_staff()
    report, receipt = make_report(description=journey.DESCRIPTION)
    case = open_case(report, by=staff.analyst)
    close_case(case, outcome="resolved", by=staff.analyst)

    child = new_context(javascript=False, locale="ar-MA" if language == "ar" else "fr-FR").new_page()
    open_follow_up(child, language, receipt)
    reporter_sees_status(child, language, PublicStatus.CLOSED)
    child.fill('textarea[name="body"]', CHILD[language])
    child.locator('form[action$="/follow-up/report/message/"] button[type="submit"]').click()
    child.wait_for_url(f"**/{language}/follow-up/report/")
    expect(child.locator(".thread")).to_contain_text(CHILD[language])

    assert pick_up() == 1  # what the scheduler does every SANAD_PICKUP_SECONDS

    analyst = new_context().new_page()
    sign_in(analyst, language, staff.analyst, ANALYST_KEY)
    analyst.goto(journey.path(language, "staff/queue/"))
    row = analyst.locator("tr.queue-row", has_text=case.reference)
    expect(row.locator(".badge-reporter")).to_be_visible()
    screenshot(analyst, f"{language}-48-queue-reporter-wrote")
    row.get_by_role("link", name=case.reference).click()
    analyst.wait_for_url(f"**/staff/cases/{case.pk}/")
    expect(analyst.locator(".page-badges .badge-reporter")).to_be_visible()
    expect(analyst.locator("main")).to_contain_text(CHILD[language])
    analyst.fill(
        '#message-title ~ form textarea[name="body"], form[action$="/messages/"] textarea[name="body"]',
        ANSWER[language],
    )
    analyst.locator('form[action$="/messages/"] button[type="submit"]').click()
    analyst.wait_for_url(f"**/staff/cases/{case.pk}/**")
    assert Case.objects.get(pk=case.pk).reporter_waiting_since is None

    child.reload()
    expect(child.locator(".thread")).to_contain_text(ANSWER[language])
    screenshot(child, f"{language}-49-followup-answered")
    reporter_sees_status(child, language, PublicStatus.BEING_HANDLED)
