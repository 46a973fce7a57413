"""Unfinished drafts, and receipts left on screen, are deleted with their files after their time."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.files.storage import storages
from django.core.management import call_command

from sanad.evidence.models import Evidence
from sanad.intake.models import Report, ReportDraft
from sanad.intake.tests.conftest import ANSWERS, step_url, upload, walk_wizard

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def purge() -> None:
    call_command("purge_drafts", stdout=StringIO())


def test_an_abandoned_draft_and_its_files_are_deleted_after_the_draft_lifetime(
    client, settings, time_machine, png_bytes, django_capture_on_commit_callbacks
):
    settings.SANAD_DRAFT_LIFETIME = timedelta(hours=24)
    time_machine.move_to(START, tick=False)
    for slug in ["danger", "what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    client.post(step_url("evidence"), {"files": [upload("a.png", png_bytes)], "upload": ""})
    stored = Evidence.objects.get().storage_name

    time_machine.move_to(START + timedelta(hours=23, minutes=59), tick=False)
    purge()
    assert ReportDraft.objects.count() == 1

    time_machine.move_to(START + timedelta(hours=24, minutes=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        purge()
    assert not ReportDraft.objects.exists()
    assert not Evidence.objects.exists()
    assert not storages["evidence"].exists(stored)
    # The browser starts again from the first step, with nothing of the old answers.
    assert client.get(step_url("what"))["Location"] == step_url("danger")
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    assert "A fake account" not in client.get(step_url("what")).content.decode()


def test_a_draft_still_being_written_is_kept(client, settings, time_machine):
    settings.SANAD_DRAFT_LIFETIME = timedelta(hours=1)
    time_machine.move_to(START, tick=False)
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    time_machine.move_to(START + timedelta(minutes=50), tick=False)
    client.post(step_url("what"), {**ANSWERS["what"], "next": ""})
    time_machine.move_to(START + timedelta(minutes=100), tick=False)
    purge()
    assert ReportDraft.objects.count() == 1


def test_a_sent_report_keeps_its_files_when_the_receipt_display_expires(client, send_report, time_machine, png_bytes):
    time_machine.move_to(START, tick=False)
    send_report(client, files=[upload("a.png", png_bytes)])
    time_machine.move_to(START + timedelta(days=2), tick=False)
    purge()
    assert not ReportDraft.objects.exists()
    report = Report.objects.get()
    assert report.evidence.count() == 1
    assert client.get("/en/report/sent/", follow=True).redirect_chain[-1] == ("/en/report/step/danger/", 302)


def test_sending_a_draft_purged_meanwhile_starts_again_without_an_error(client, settings, time_machine):
    # The review page stayed open past the draft's lifetime; then the reporter pressed "send".
    settings.SANAD_DRAFT_LIFETIME = timedelta(hours=1)
    time_machine.move_to(START, tick=False)
    walk_wizard(client, ANSWERS)
    time_machine.move_to(START + timedelta(minutes=90), tick=False)  # the session itself lasts 2 hours
    purge()
    assert not ReportDraft.objects.exists()
    response = client.post(step_url("review"), {"next": ""})
    assert (response.status_code, response["Location"]) == (302, "/en/report/")
    assert not Report.objects.exists()
