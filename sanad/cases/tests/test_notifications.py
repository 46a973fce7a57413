"""Everyone a case concerns is told, once, in the staff languages, never with content."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from sanad.accounts.models import User
from sanad.audit.models import AuditEvent, Notification
from sanad.cases import actions
from sanad.cases.reporter_activity import pick_up
from sanad.cases.tasks import remind_of_referrals, tell_assignee, tell_recipient_of_referral
from sanad.intake import actions as intake_actions
from sanad.intake.tasks import tell_reporter_a_message_waits
from sanad.lib import sms
from sanad.testing import staff_user

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SECRET = "Il menace de publier la vidéo (fictif)."
ARABIC = re.compile(r"[\u0600-\u06ff]")


def bilingual(body: str) -> bool:
    return bool(ARABIC.search(body)) and "— — —" in body


@pytest.fixture
def police_liaison(police):
    return staff_user("police.liaison", police, User.Role.LIAISON, email="liaison@police.invalid")


@pytest.fixture
def referral(analyst, police, police_liaison, report_factory, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        report, _ = report_factory(description=SECRET)
        case = actions.open_case(report, by=analyst)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            sent = actions.refer_case(
                case, target="police", organisation=police, brief=SECRET, legal_ground="", by=analyst
            )
    return sent


def test_a_new_referral_tells_the_recipients_liaisons_without_content(referral, police_liaison):
    [message] = mail.outbox
    assert message.to == [police_liaison.email]
    assert referral.case.reference in message.body and f"/staff/referrals/{referral.pk}/" in message.body
    assert SECRET not in message.body and bilingual(message.body)
    assert tell_recipient_of_referral.call(referral.pk) is False  # once
    assert len(mail.outbox) == 1


def test_an_organisation_without_liaisons_is_told_at_its_contact_address(
    analyst, platform_org, report_factory, django_capture_on_commit_callbacks
):
    platform_org.contact_email = "trust-safety@platform.invalid"
    platform_org.save()
    report, _ = report_factory()
    case = actions.open_case(report, by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        actions.refer_case(
            case, target="platform", organisation=platform_org, brief="", legal_ground="Art. 1", by=analyst
        )
    assert [message.to for message in mail.outbox] == [["trust-safety@platform.invalid"]]


def test_an_unanswered_referral_reminds_at_half_time_then_when_overdue(referral, police_liaison, supervisor):
    supervisor.email = "supervisor@centre.invalid"
    supervisor.save()
    mail.outbox.clear()
    half = referral.sent_at + (referral.answer_due - referral.sent_at) / 2
    with time_machine.travel(half - timedelta(minutes=1), tick=False):
        assert remind_of_referrals.call() == 0
    with time_machine.travel(half + timedelta(minutes=1), tick=False):
        assert remind_of_referrals.call() == 1
        assert remind_of_referrals.call() == 0
    with time_machine.travel(referral.answer_due + timedelta(minutes=1), tick=False):
        assert remind_of_referrals.call() == 1
    reminder, overdue = mail.outbox
    assert reminder.to == [police_liaison.email]
    assert set(overdue.to) == {police_liaison.email, supervisor.email}
    assert all(bilingual(message.body) and SECRET not in message.body for message in mail.outbox)


def test_an_answered_referral_is_not_chased(referral, police_liaison):
    actions.update_referral(referral, status="investigating", answer="", by=police_liaison)
    actions.update_referral(referral, status="closed", answer="Fait (fictif).", by=police_liaison)
    mail.outbox.clear()
    with time_machine.travel(referral.answer_due + timedelta(days=1), tick=False):
        assert remind_of_referrals.call() == 0


def test_assignment_tells_the_assignee_once_and_a_supervisor_sees_it(
    analyst, second_analyst, supervisor, report_factory, sign_in, django_capture_on_commit_callbacks
):
    second_analyst.email = "analyst2@centre.invalid"
    second_analyst.save()
    report, _ = report_factory(description=SECRET)
    case = actions.open_case(report, by=analyst)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign_case(case, to=second_analyst, by=supervisor)
    [message] = mail.outbox
    assert message.to == [second_analyst.email] and case.reference in message.body and SECRET not in message.body
    seq = AuditEvent.objects.get(action="case.assigned").seq
    assert tell_assignee.call(case.pk, second_analyst.pk, seq) is False
    page = sign_in(supervisor).get("/fr/staff/supervision/").content.decode()
    assert 'data-notification="case_assigned"' in page and "analyst2" in page


def test_taking_a_case_oneself_tells_nobody(analyst, report_factory, django_capture_on_commit_callbacks):
    report, _ = report_factory()
    case = actions.open_case(report, by=analyst)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign_case(case, to=analyst, by=analyst)
    assert mail.outbox == []


def test_a_reporter_who_agreed_is_told_by_email_that_a_message_waits(
    analyst, report_factory, django_capture_on_commit_callbacks
):
    report, _ = report_factory(contact="email: jeune.fictif@example.org")
    report.consent_contact = True
    report.language = "fr"
    report.save()
    case = actions.open_case(report, by=analyst)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = actions.message_reporter(case, report, body=SECRET, by=analyst)
    [told] = mail.outbox
    assert told.to == ["jeune.fictif@example.org"]
    assert SECRET not in told.body and "/fr/follow-up/" in told.body and not ARABIC.search(told.body)
    assert tell_reporter_a_message_waits.call(str(message.pk)) is False


def test_a_reporter_who_gave_a_phone_gets_a_text_when_a_gateway_is_configured(
    analyst, report_factory, settings, django_capture_on_commit_callbacks
):
    settings.SANAD_SMS_BACKEND = "memory"
    sms.outbox.clear()
    report, _ = report_factory(contact="phone: 0612345678")
    report.consent_contact = True
    report.language = "ar"
    report.save()
    case = actions.open_case(report, by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        actions.message_reporter(case, report, body=SECRET, by=analyst)
    [text] = sms.outbox
    assert text["to"] == "+212612345678" and ARABIC.search(text["text"]) and SECRET not in text["text"]


def test_without_consent_or_contact_the_reporter_is_not_contacted(
    analyst, report_factory, django_capture_on_commit_callbacks
):
    report, _ = report_factory(contact="email: jeune.fictif@example.org")
    report.consent_contact = False
    report.save()
    case = actions.open_case(report, by=analyst)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.message_reporter(case, report, body="Merci (fictif).", by=analyst)
    assert mail.outbox == []


def test_a_kind_turned_off_sends_nothing(
    referral, settings, analyst, police, report_factory, django_capture_on_commit_callbacks
):
    settings.SANAD_NOTIFICATIONS_OFF = {"referral_new"}
    mail.outbox.clear()
    report, _ = report_factory()
    case = actions.open_case(report, by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        actions.refer_case(case, target="police", organisation=police, brief="", legal_ground="", by=analyst)
    assert mail.outbox == []


def test_every_notification_is_in_the_ledger_and_the_audit_log(referral):
    notification = Notification.objects.get(kind="referral_new")
    assert (notification.object_type, notification.object_id) == ("referral", str(referral.pk))
    event = AuditEvent.objects.get(action="notification.sent", detail__kind="referral_new")
    assert "liaison@police.invalid" not in str(event.detail)


# --- The reporter writes -----------------------------------------------------------------


@pytest.fixture
def closed_case(analyst, report_factory):
    analyst.email = "analyst@centre.invalid"
    analyst.save()
    report, _receipt = report_factory(categories=("harassment",))
    case = actions.open_case(report, by=analyst)
    actions.close_case(case, outcome="resolved", by=analyst)
    return case, report


def test_a_message_on_a_closed_case_reopens_it_and_tells_the_assignee(closed_case, django_capture_on_commit_callbacks):
    case, report = closed_case
    mail.outbox.clear()
    intake_actions.add_reporter_message(report, "Ça recommence (fictif).")
    with django_capture_on_commit_callbacks(execute=True):
        assert pick_up() == 1
    case.refresh_from_db()
    assert case.status == "in_progress" and case.next_due_kind == "reporter_wrote"
    [told] = mail.outbox
    assert told.to == ["analyst@centre.invalid"] and "Ça recommence" not in told.body
    with django_capture_on_commit_callbacks(execute=True):
        assert pick_up() == 0  # once
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="case.reopened", actor=None).exists()


def test_a_file_from_the_reporter_counts_as_writing(closed_case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sanad.evidence.tests import samples

    case, report = closed_case
    intake_actions.add_reporter_evidence(report, SimpleUploadedFile("more.png", samples.png()), max_files=10)
    assert pick_up() == 1
    case.refresh_from_db()
    assert case.reporter_waiting_since is not None


def test_an_unassigned_case_tells_the_team_on_duty(
    analyst, report_factory, settings, django_capture_on_commit_callbacks
):
    settings.SANAD_DUTY_EMAIL = ["duty@centre.invalid"]
    report, _ = report_factory()
    case = actions.open_case(report, by=analyst)
    actions.assign_case(case, to=None, by=analyst)
    mail.outbox.clear()
    intake_actions.add_reporter_message(report, "Bonjour (fictif).")
    with django_capture_on_commit_callbacks(execute=True):
        pick_up()
    assert [message.to for message in mail.outbox] == [["duty@centre.invalid"]]


def test_a_danger_answer_in_a_message_makes_the_report_and_its_case_p0(
    closed_case, settings, django_capture_on_commit_callbacks
):
    case, report = closed_case
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        intake_actions.add_reporter_message(report, "Je n'en peux plus (fictif).", danger={"self_harm"})
    report.refresh_from_db()
    assert report.urgency == "P0" and report.self_harm
    assert [message.to for message in mail.outbox] == [settings.SANAD_ONCALL_EMAIL]  # at once, from the portal
    pick_up()
    case.refresh_from_db()
    assert case.urgency == "P0" and not case.is_closed
