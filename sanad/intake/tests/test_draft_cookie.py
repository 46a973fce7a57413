"""A reporter's draft is found by a signed cookie: no server-side session while writing a report."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from sanad.intake.models import Report, ReportDraft
from sanad.intake.tests.conftest import ANSWERS, receipt_on, step_url, walk_wizard

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_writing_and_sending_a_report_makes_no_session(client):
    walk_wizard(client, ANSWERS)
    cookie = client.cookies["sanad_draft"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # gone when the browser closes

    client.post(step_url("review"), {"next": ""})
    assert receipt_on(client.get("/en/report/sent/").content.decode())

    assert Report.objects.count() == 1
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies


def test_a_draft_id_without_our_signature_opens_nothing(client):
    walk_wizard(client, ANSWERS)
    someone_elses = ReportDraft.objects.get()
    stranger = Client()
    stranger.cookies["sanad_draft"] = str(someone_elses.pk)  # the bare id, unsigned

    assert stranger.get(step_url("review")).status_code == 302  # no draft here: to the receipt page, then start
    assert stranger.get("/en/report/sent/")["Location"] == "/en/report/"
    stranger.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})

    assert ReportDraft.objects.count() == 2  # the stranger got a draft of their own
    assert stranger.cookies["sanad_draft"].value != client.cookies["sanad_draft"].value
    client.post(step_url("review"), {"next": ""})
    assert Report.objects.count() == 1


def test_saying_the_receipt_is_written_down_forgets_the_draft(client):
    walk_wizard(client, ANSWERS)
    client.post(step_url("review"), {"next": ""})

    response = client.post("/en/report/sent/")

    assert response["Location"] == "/en/follow-up/"
    assert client.cookies["sanad_draft"].value == ""  # deleted
    assert not ReportDraft.objects.exists()
    assert client.get("/en/report/sent/")["Location"] == "/en/report/"


def test_the_cookie_kept_for_a_return_lasts_the_drafts_lifetime_and_is_as_guarded(client, settings):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    kept = client.cookies["sanad_return"]
    assert kept["httponly"] and kept["secure"] and kept["samesite"] == "Lax"
    assert kept["max-age"] == int(settings.SANAD_DRAFT_LIFETIME.total_seconds())
    assert kept.value != str(ReportDraft.objects.get().pk)  # signed: a bare id would open nothing
