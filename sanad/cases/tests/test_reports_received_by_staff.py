"""A report received by phone, e-mail or in person: the same questions, rules and sealing, a receipt for the caller."""

import re

import pytest
from django.core import mail
from django.test import Client

from sanad.audit.models import AuditEvent
from sanad.intake.models import Report

pytestmark = pytest.mark.django_db
URL = "/fr/staff/reports/new/"
SAID = "Un homme rencontré sur un jeu veut la voir samedi (exemple fictif)."


def answers(**overrides: str) -> dict[str, object]:
    data = {
        "channel": "phone",
        "language": "fr",
        "danger-danger_now": "no",
        "danger-self_harm": "no",
        "danger-sextortion_deadline": "no",
        "what-reporter_role": "parent",
        "what-categories": ["sexual_exploitation"],
        "what-description": SAID,
        "where-started": "week",
        "where-ongoing": "yes",
        "where-platforms": ["game"],
        "where-identifiers": "roblox: Demo_Player",
        "child-victim_age_band": "10_12",
        "child-victim_gender": "girl",
        "child-region": "",
        "contact-school": "",
        "child-told": ["parent"],
        "contact-wants_contact": "no",
        "contact-consent_share": "no",
    }
    return data | overrides


def test_a_phone_report_is_saved_with_its_channel_sealed_and_ranked(analyst, sign_in):
    client = sign_in(analyst)
    assert client.get(URL).status_code == 200
    response = client.post(URL, answers())
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.channel, report.urgency, report.reporter_role) == ("phone", "P1", "parent")
    assert report.description == SAID and SAID.encode() not in bytes(report.description_sealed)
    assert report.identifiers.get().service == "roblox"
    page = client.get(response["Location"]).content.decode()
    receipt = re.search(r'class="receipt-code"[^>]*><span>([0-9A-Z-]+)</span><wbr><span>([0-9A-Z-]+)</span>', page)
    code = receipt.group(1) + receipt.group(2)
    assert AuditEvent.objects.filter(action="report.received_by_staff", detail__channel="phone").exists()
    # The caller follows the report on the portal with it.
    portal = Client()
    assert portal.post("/fr/follow-up/", {"receipt": code}).status_code == 302
    # Shown once: after "written down", the receipt is gone.
    assert client.post("/fr/staff/reports/new/receipt/").status_code == 302
    assert code not in client.get("/fr/staff/reports/new/receipt/", follow=True).content.decode()


def test_a_danger_answer_calls_the_on_call_staff(analyst, sign_in, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(analyst).post(URL, answers(**{"danger-danger_now": "yes", "channel": "in_person"}))
    assert Report.objects.get().urgency == "P0"
    assert [message.to for message in mail.outbox] == [settings.SANAD_ONCALL_EMAIL]


def test_a_missing_answer_saves_nothing_and_keeps_what_was_typed(analyst, sign_in):
    response = sign_in(analyst).post(URL, answers(**{"what-categories": [], "channel": "email"}))
    assert response.status_code == 400
    assert Report.objects.count() == 0
    page = response.content.decode()
    assert "error-summary" in page and "Un homme rencontré" in page


@pytest.mark.parametrize("persona", ["liaison", "school_team", "ministry_viewer", "outsider"])
def test_only_the_centre_enters_reports(persona, request, sign_in):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert client.post(URL, answers()).status_code == 404
    assert Report.objects.count() == 0
