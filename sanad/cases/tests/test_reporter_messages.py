"""A message to the reporter reaches their follow-up page, through their receipt."""

import pytest
from django.test import Client

from sanad.audit.models import AuditEvent
from sanad.cases.tests.casework import case_for
from sanad.intake.models import Message

pytestmark = pytest.mark.django_db


def test_the_reporter_reads_the_message_on_the_follow_up_page(analyst, sign_in, report_factory):
    report, receipt = report_factory()
    case = case_for(report, analyst)
    response = sign_in(analyst).post(
        f"/fr/staff/cases/{case.pk}/messages/",
        {"report": report.pk, "body": "Bonjour, pouvez-vous garder Plugh-Preuve?"},
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.report, message.author) == (report, Message.Author.CENTRE)
    event = AuditEvent.objects.get(action="report.message_sent")
    assert "Plugh" not in str(event.detail)

    reporter = Client()
    assert reporter.get("/fr/follow-up/").status_code == 200
    opened = reporter.post("/fr/follow-up/", {"receipt": receipt})
    assert opened["Location"] == "/fr/follow-up/report/"
    page = reporter.get("/fr/follow-up/report/").content.decode()
    assert "Plugh-Preuve" in page


def test_only_a_report_of_this_case_can_be_written_to(analyst, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    elsewhere, _ = report_factory()
    response = sign_in(analyst).post(f"/fr/staff/cases/{case.pk}/messages/", {"report": elsewhere.pk, "body": "Hello"})
    assert response.status_code == 400
    assert not Message.objects.exists()


@pytest.mark.parametrize("body", ["", "x" * 10_001])
def test_an_empty_or_huge_message_is_refused(analyst, sign_in, report_factory, body):
    report, _ = report_factory()
    case = case_for(report, analyst)
    response = sign_in(analyst).post(f"/fr/staff/cases/{case.pk}/messages/", {"report": report.pk, "body": body})
    assert response.status_code == 400
    assert not Message.objects.exists()
