"""The case page: its reports decrypted, deadlines, a timeline of everything; reading it is audited."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from sanad.audit.models import AuditEvent
from sanad.cases import actions
from sanad.cases.tests.casework import case_for
from sanad.intake import actions as intake_actions
from sanad.testing import set_deadline

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]  # also on SQLite, as the demo runs

START = datetime(2025, 5, 2, 8, 0, tzinfo=UTC)


def test_the_case_page_shows_each_report_decrypted_and_records_the_reading(analyst, sign_in, report_factory):
    first, _ = report_factory(description="Premier signalement: Quux-Garply.")
    case = case_for(first, analyst)
    second, _ = report_factory(description="Deuxième signalement: Waldo-Fred.")
    actions.link_report(second, case=case, by=analyst)
    response = sign_in(analyst).get(f"/fr/staff/cases/{case.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quux-Garply" in page and "Waldo-Fred" in page
    event = AuditEvent.objects.get(action="case.viewed")
    assert (event.actor, event.object_type, event.object_id) == (analyst, "case", str(case.pk))
    assert event.detail == {}


def test_the_deadline_follows_the_configured_urgency(analyst, sign_in, report_factory):
    set_deadline("first_action", "P1", timedelta(hours=12))
    with time_machine.travel(START, tick=False):
        report, _ = report_factory(categories=("threats",))
        case = case_for(report, analyst)
    assert case.first_action_due == START + timedelta(hours=12)
    with time_machine.travel(START + timedelta(hours=13), tick=False):
        page = sign_in(analyst).get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert "within 12 hours" in page
    # Triage was the first action, on time: the passed deadline no longer counts.
    assert "badge-met" in page
    assert "badge-overdue" not in page


def test_the_timeline_holds_events_notes_and_messages_in_time_order(analyst, sign_in, report_factory):
    with time_machine.travel(START, tick=False):
        report, _ = report_factory()
        case = case_for(report, analyst)
    with time_machine.travel(START + timedelta(minutes=5), tick=False):
        actions.change_urgency(case, to="P1", reason="threats in the screenshots", by=analyst)
    with time_machine.travel(START + timedelta(minutes=10), tick=False):
        actions.add_note(case, body="Called the school: Corge-Note.", by=analyst)
    with time_machine.travel(START + timedelta(minutes=15), tick=False):
        actions.message_reporter(case, report, body="Pouvez-vous nous dire Grault-Question?", by=analyst)
    with time_machine.travel(START + timedelta(minutes=20), tick=False):
        intake_actions.add_reporter_message(report, "Voici la réponse Thud-Answer.")
        page = sign_in(analyst).get(f"/en/staff/cases/{case.pk}/").content.decode()
    timeline = page.split('id="timeline"', 1)[1]
    order = [
        "Case opened",
        "Urgency changed",
        "threats in the screenshots",
        "Corge-Note",
        "Grault-Question",
        "Thud-Answer",
    ]
    positions = [timeline.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_urgency_change_needs_a_reason(analyst, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    client = sign_in(analyst)
    refused = client.post(f"/fr/staff/cases/{case.pk}/urgency/", {"urgency": "P0", "reason": ""})
    assert refused.status_code == 400
    case.refresh_from_db()
    assert case.urgency == "P2"
    client.post(f"/fr/staff/cases/{case.pk}/urgency/", {"urgency": "P0", "reason": "self-harm mentioned"})
    case.refresh_from_db()
    assert case.urgency == "P0"


def test_assigning_to_centre_staff_only(analyst, second_analyst, supervisor, liaison, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    client = sign_in(analyst)
    assert client.post(f"/fr/staff/cases/{case.pk}/assign/", {"assignee": second_analyst.pk}).status_code == 302
    case.refresh_from_db()
    assert case.assignee == second_analyst
    assert client.post(f"/fr/staff/cases/{case.pk}/assign/", {"assignee": supervisor.pk}).status_code == 302
    refused = client.post(f"/fr/staff/cases/{case.pk}/assign/", {"assignee": liaison.pk})
    assert refused.status_code == 400
    case.refresh_from_db()
    assert case.assignee == supervisor
    assert client.post(f"/fr/staff/cases/{case.pk}/assign/", {"assignee": ""}).status_code == 302
    case.refresh_from_db()
    assert case.assignee is None


def test_status_waiting_needs_to_say_on_whom(analyst, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    client = sign_in(analyst)
    assert client.post(f"/fr/staff/cases/{case.pk}/status/", {"status": "waiting"}).status_code == 400
    assert client.post(f"/fr/staff/cases/{case.pk}/status/", {"status": "closed"}).status_code == 400
    response = client.post(f"/fr/staff/cases/{case.pk}/status/", {"status": "waiting", "waiting_on": "platform"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.waiting_on) == ("waiting", "platform")
    client.post(f"/fr/staff/cases/{case.pk}/status/", {"status": "in_progress", "waiting_on": "platform"})
    case.refresh_from_db()
    assert (case.status, case.waiting_on) == ("in_progress", "")


def test_the_pages_carry_no_inline_script_or_style(analyst, sign_in, report_factory):
    report, _ = report_factory()
    case = case_for(report_factory()[0], analyst)
    client = sign_in(analyst)
    for url in ["/ar/staff/queue/", f"/ar/staff/reports/{report.pk}/", f"/ar/staff/cases/{case.pk}/"]:
        response = client.get(url)
        body = response.content.decode()
        assert "<script" not in body and "<style" not in body and " style=" not in body, url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_timeline_says_the_recipient_read_a_referral_only_when_its_liaison_did(
    analyst, liaison, police, sign_in, report_factory
):
    report, _ = report_factory()
    case = case_for(report, analyst)
    referral = actions.refer_case(
        case, target="police", organisation=police, brief="Merci (fictif).", legal_ground="", by=analyst
    )
    assert sign_in(analyst).get(f"/en/staff/referrals/{referral.pk}/").status_code == 200
    timeline = sign_in(analyst).get(f"/en/staff/cases/{case.pk}/").content.decode().split('id="timeline"', 1)[1]
    assert "Referral viewed" in timeline
    assert "by its recipient" not in timeline

    assert sign_in(liaison).get(f"/en/staff/referrals/{referral.pk}/").status_code == 200
    timeline = sign_in(analyst).get(f"/en/staff/cases/{case.pk}/").content.decode().split('id="timeline"', 1)[1]
    assert "Referral viewed by its recipient" in timeline


def test_a_referred_case_shows_its_status_and_keeps_it_when_saved(analyst, police, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    actions.refer_case(case, target="police", organisation=police, brief="Merci (fictif).", legal_ground="", by=analyst)
    client = sign_in(analyst)
    page = client.get(f"/fr/staff/cases/{case.pk}/").content.decode()
    status_form = page.split(f'action="/fr/staff/cases/{case.pk}/status/"', 1)[1].split("</form>", 1)[0]
    assert '<option value="referred" selected>' in status_form
    response = client.post(f"/fr/staff/cases/{case.pk}/status/", {"status": "referred", "waiting_on": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "referred"
