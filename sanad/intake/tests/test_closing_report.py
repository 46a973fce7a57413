"""Closing a report deletes the reporter's contact details; the reporter sees it closed."""

import pytest

from sanad.intake import actions
from sanad.intake.models import Report

pytestmark = pytest.mark.django_db

WITH_CONTACT = {
    "wants_contact": "yes",
    "contact_method": "whatsapp",
    "contact_value": "+212 6 11 22 33 44",
    "contact_safe": "on",
}


def test_closing_deletes_the_contact_and_shows_in_the_history(client, send_report, open_followup):
    receipt = send_report(client, contact=WITH_CONTACT)
    report = Report.objects.get()
    assert report.contact == "whatsapp: +212 6 11 22 33 44"

    actions.set_public_status(report, "handled")
    actions.set_public_status(report, "closed")

    report.refresh_from_db()
    assert report.contact_sealed is None
    assert report.contact == ""
    assert list(report.status_changes.values_list("status", flat=True)) == ["received", "handled", "closed"]
    open_followup(client, receipt)
    page = client.get("/en/follow-up/report/").content.decode()
    assert "Closed" in page
    assert "We have finished handling your report" in page


def test_moving_to_another_status_keeps_the_contact(client, send_report):
    send_report(client, contact=WITH_CONTACT)
    report = Report.objects.get()
    actions.set_public_status(report, "referred")
    report.refresh_from_db()
    assert report.contact == "whatsapp: +212 6 11 22 33 44"


def test_setting_the_same_status_again_records_nothing(client, send_report):
    send_report(client)
    report = Report.objects.get()
    actions.set_public_status(report, "received")
    assert report.status_changes.count() == 1
