"""An upload or a message past a limit waits, with a plain word, and loses nothing typed;
the per-draft and per-report limits hold whatever the address."""

import pytest
from django.test import Client

from sanad.intake.models import Message, ReportDraft
from sanad.intake.tests.conftest import ANSWERS, step_url, upload

pytestmark = pytest.mark.django_db

UPLOADS_WAIT = "You added many files in a short time."
MESSAGES_WAIT = "You sent many messages in a short time."


def at_evidence_step(client: Client) -> None:
    for slug in ["danger", "what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})


def test_files_past_the_upload_limit_wait_and_the_answers_stay(client, settings, png_bytes):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "upload": "1/3600"}
    at_evidence_step(client)
    assert client.post(step_url("evidence"), {"files": [upload("a.png", png_bytes)], "upload": ""}).status_code == 302
    response = client.post(step_url("evidence"), {"files": [upload("b.png", png_bytes)], "upload": ""})
    assert response.status_code == 429
    page = response.content.decode()
    assert UPLOADS_WAIT in page and "a.png" in page
    assert ReportDraft.objects.get().evidence.count() == 1
    assert "A fake account keeps posting" in client.get(step_url("what")).content.decode()


def test_a_draft_has_its_own_upload_limit_whatever_the_address(settings, png_bytes):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "draft_upload": "2/3600"}
    client = Client(REMOTE_ADDR="198.51.100.50")
    at_evidence_step(client)
    for number in range(2):
        client.defaults["REMOTE_ADDR"] = f"198.51.100.{60 + number}"
        response = client.post(step_url("evidence"), {"files": [upload(f"{number}.png", png_bytes)], "upload": ""})
        assert response.status_code == 302
    client.defaults["REMOTE_ADDR"] = "2001:db8:9::1"
    response = client.post(step_url("evidence"), {"files": [upload("late.png", png_bytes)], "upload": ""})
    assert response.status_code == 429
    assert ReportDraft.objects.get().evidence.count() == 2


def test_a_message_past_the_limit_waits_and_stays_in_the_box(client, receipt, open_followup, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "message": "2/3600"}
    open_followup(client, receipt)
    statuses = [client.post("/en/follow-up/report/message/", {"body": f"message {n}"}).status_code for n in range(2)]
    assert statuses == [302, 302]
    response = client.post("/en/follow-up/report/message/", {"body": "the third one, kept"})
    assert response.status_code == 429
    page = response.content.decode()
    assert MESSAGES_WAIT in page and "the third one, kept" in page
    assert Message.objects.count() == 2


def test_a_report_has_its_own_message_limit_whatever_the_address(receipt, open_followup, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "report_message": "2/3600"}
    statuses = []
    for number in range(3):
        device = Client(REMOTE_ADDR=f"198.51.100.{70 + number}")
        open_followup(device, receipt)
        statuses.append(device.post("/en/follow-up/report/message/", {"body": f"from device {number}"}).status_code)
    assert statuses == [302, 302, 429]
    assert Message.objects.count() == 2
