"""Closing needs an outcome; the reporter then sees it closed and their contact is gone. Reopening needs a reason."""

import pytest

from sanad.audit.models import AuditEvent
from sanad.cases.models import Case
from sanad.cases.tests.casework import case_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_contact(analyst, report_factory):
    report, _ = report_factory(contact="whatsapp: +212 6 00 00 00 00")
    return case_for(report, analyst), report


def test_closing_needs_an_outcome(analyst, sign_in, case_with_contact):
    case, _ = case_with_contact
    client = sign_in(analyst)
    for outcome in ["", "forgotten"]:
        response = client.post(f"/fr/staff/cases/{case.pk}/close/", {"outcome": outcome})
        assert response.status_code == 400
    assert Case.objects.get().status == "triaged"


def test_closing_shows_the_reporter_a_closed_report_and_deletes_the_contact(analyst, sign_in, case_with_contact):
    case, report = case_with_contact
    assert report.contact
    response = sign_in(analyst).post(f"/fr/staff/cases/{case.pk}/close/", {"outcome": "content_removed"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "content_removed")
    report.refresh_from_db()
    assert report.status == "closed"
    assert report.contact_sealed is None


def test_a_closed_case_can_be_reopened_with_a_reason(analyst, sign_in, case_with_contact):
    case, report = case_with_contact
    client = sign_in(analyst)
    client.post(f"/fr/staff/cases/{case.pk}/close/", {"outcome": "resolved"})
    refused = client.post(f"/fr/staff/cases/{case.pk}/reopen/", {"reason": "  "})
    assert refused.status_code == 400
    assert Case.objects.get().status == "closed"

    assert (
        client.post(f"/fr/staff/cases/{case.pk}/reopen/", {"reason": "new messages from the aggressor"}).status_code
        == 302
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_at) == ("in_progress", "", None)
    report.refresh_from_db()
    assert report.status == "handled"
    assert AuditEvent.objects.get(action="case.reopened").detail == {"reason": "new messages from the aggressor"}


def test_closing_twice_or_reopening_an_open_case_is_a_clear_error(analyst, sign_in, case_with_contact):
    case, _ = case_with_contact
    client = sign_in(analyst)
    assert client.post(f"/fr/staff/cases/{case.pk}/reopen/", {"reason": "why"}).status_code == 400
    client.post(f"/fr/staff/cases/{case.pk}/close/", {"outcome": "resolved"})
    assert client.post(f"/fr/staff/cases/{case.pk}/close/", {"outcome": "resolved"}).status_code == 400
    assert client.post(f"/fr/staff/cases/{case.pk}/status/", {"status": "in_progress"}).status_code == 400
