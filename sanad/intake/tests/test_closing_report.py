"""Closing a report deletes the reporter's contact details; the reporter sees it closed."""

import importlib
from datetime import timedelta

import pytest

from sanad.intake import actions
from sanad.intake.models import Report, StatusChange

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
    assert [change.status for change in report.status_history()] == ["received", "handled", "closed"]
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
    assert not report.status_changes.exists()


def test_the_migration_drops_only_the_rows_that_repeated_the_arrival(client, send_report):
    from django.apps import apps

    migration = importlib.import_module("sanad.intake.migrations.0005_arrival_is_the_report_time")
    send_report(client)
    report = Report.objects.get()
    StatusChange.objects.create(report=report, status="received", at=report.submitted_at)  # as before 0005
    reopened = StatusChange.objects.create(report=report, status="received", at=report.submitted_at + timedelta(days=2))

    migration.drop_arrival_rows(apps, None)

    assert list(report.status_changes.all()) == [reopened]
    assert [change.at for change in report.status_history()] == [report.submitted_at, reopened.at]
