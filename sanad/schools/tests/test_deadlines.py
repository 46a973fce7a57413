"""Step deadlines in frozen time: when a step is overdue, and the reminder e-mails to the school's team."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import TaskResultStatus

from sanad.schools import actions
from sanad.schools.models import ProtocolRun, RunStatus, StepRecord, TeamMember
from sanad.schools.tasks import send_step_reminders
from sanad.schools.tests.conftest import AUTHOR_NAME, VICTIM_NAME, record
from sanad.testing import team_member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 4, 9, 15, tzinfo=UTC)  # outside Ramadan: Casablanca is UTC+1
LISTEN_DUE = NOW + timedelta(hours=48)
SECRETS = (VICTIM_NAME, AUTHOR_NAME, "moqueurs", "2e année")


def remind() -> int:
    """Run the task as the scheduler does, through the task backend (immediate in tests)."""
    result = send_step_reminders.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    return result.return_value


def step(run: ProtocolRun, code: str) -> StepRecord:
    return run.steps.get(code=code)


@pytest.fixture
def opened(school_a, teacher_a, head_a, time_machine):
    """A case of school A recorded at NOW, whose team has two members with an e-mail, one without, one gone."""
    time_machine.move_to(NOW, tick=False)
    silent = team_member("counsellor_without_mail", school_a, TeamMember.Position.COUNSELLOR)
    silent.email = ""
    silent.save()
    gone = team_member("teacher_who_left", school_a)
    gone.is_active = False
    gone.save()
    return record(school_a, teacher_a)


# Overdue


def test_a_step_is_overdue_only_after_its_due_time(opened, time_machine):
    listen = step(opened, "listen")
    assert listen.due_at == LISTEN_DUE

    time_machine.move_to(LISTEN_DUE, tick=False)
    assert not listen.is_overdue()
    assert "listen" not in StepRecord.objects.overdue().values_list("code", flat=True)

    time_machine.move_to(LISTEN_DUE + timedelta(microseconds=1), tick=False)
    assert listen.is_overdue()
    assert list(StepRecord.objects.overdue().values_list("code", flat=True)) == ["listen"]
    assert list(StepRecord.objects.overdue(now=LISTEN_DUE).values_list("code", flat=True)) == []


def test_a_step_done_or_without_deadline_is_never_overdue(opened, teacher_a, time_machine):
    time_machine.move_to(NOW + timedelta(days=400), tick=False)
    record_step, takedown, close = step(opened, "record"), step(opened, "takedown"), step(opened, "close")
    assert not record_step.is_overdue()  # done at the opening
    assert not takedown.is_overdue() and not close.is_overdue()  # no deadline
    overdue = set(StepRecord.objects.overdue().values_list("code", flat=True))
    assert overdue == {
        "listen",
        "assess",
        "parents",
        "hear",
        "protect",
        "measures",
        "follow_up_week",
        "follow_up_month",
    }

    actions.complete_step(opened, "listen", by=teacher_a, details={"safety": "safe"})
    assert not step(opened, "listen").is_overdue()
    assert "listen" not in set(StepRecord.objects.overdue().values_list("code", flat=True))


def test_the_steps_of_a_closed_case_are_not_overdue(opened, time_machine):
    # A case closed with steps left (by an administrator's correction): nothing of it is chased.
    ProtocolRun.objects.filter(pk=opened.pk).update(status=RunStatus.CLOSED)
    time_machine.move_to(NOW + timedelta(days=400), tick=False)
    assert not StepRecord.objects.overdue().exists()
    assert not StepRecord.objects.pending().exists()


# Reminders


def test_no_reminder_before_the_window(opened, time_machine, mailoutbox):
    time_machine.move_to(LISTEN_DUE - timedelta(hours=24, seconds=1), tick=False)
    assert remind() == 0
    assert mailoutbox == []
    assert step(opened, "listen").reminder_sent_at is None


def test_the_team_is_reminded_once_of_a_step_due_within_the_window(opened, time_machine, mailoutbox):
    reminded_at = LISTEN_DUE - timedelta(hours=24)
    time_machine.move_to(reminded_at, tick=False)
    assert remind() == 1
    (mail,) = mailoutbox
    assert mail.to == ["head_a@school.invalid", "teacher_a@school.invalid"]
    assert mail.subject == "[Sanad] Collège Al Amal (test)"
    assert opened.reference in mail.body
    assert "2026-05-06 10:15" in mail.body  # the deadline, in local time
    assert "Écouter la victime" in mail.body and "الاستماع إلى الضحية" in mail.body
    assert "Évaluer la gravité" not in mail.body  # due later: its turn comes the next day
    for secret in SECRETS:
        assert secret not in mail.subject + mail.body
    assert step(opened, "listen").reminder_sent_at == reminded_at

    # The scheduler runs again a quarter of an hour later: nothing new to say.
    time_machine.move_to(reminded_at + timedelta(minutes=15), tick=False)
    assert remind() == 0
    assert len(mailoutbox) == 1

    # A day later the steps due at 72 h come into the window, and only they.
    time_machine.move_to(NOW + timedelta(hours=48), tick=False)
    assert remind() == 1
    assert len(mailoutbox) == 2
    later = mailoutbox[1].body
    assert "Évaluer la gravité" in later and "Informer les parents" in later
    assert "Écouter la victime" not in later


def test_an_overdue_step_never_reminded_is_reminded_as_overdue(opened, time_machine, mailoutbox):
    time_machine.move_to(LISTEN_DUE + timedelta(hours=1), tick=False)
    assert remind() == 1
    body = mailoutbox[0].body
    with translation.override("fr"):
        overdue, due = gettext("overdue"), gettext("due")
    assert f"Écouter la victime — {overdue} 2026-05-06 10:15" in body
    assert f"Évaluer la gravité — {due} 2026-05-07 10:15" in body


def test_a_step_done_before_the_window_gets_no_reminder(opened, teacher_a, time_machine, mailoutbox):
    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    actions.complete_step(opened, "listen", by=teacher_a, details={"safety": "safe"})
    time_machine.move_to(LISTEN_DUE - timedelta(hours=23), tick=False)
    assert remind() == 0
    assert mailoutbox == []
    assert step(opened, "listen").reminder_sent_at is None


def test_reminders_are_grouped_per_school(opened, school_a, school_b, teacher_a, teacher_b, time_machine, mailoutbox):
    second_of_a = record(school_a, teacher_a)
    of_b = record(school_b, teacher_b)
    time_machine.move_to(LISTEN_DUE - timedelta(hours=1), tick=False)
    assert remind() == 2
    by_recipients = {tuple(mail.to): mail for mail in mailoutbox}
    assert set(by_recipients) == {("head_a@school.invalid", "teacher_a@school.invalid"), ("teacher_b@school.invalid",)}
    to_a = by_recipients[("head_a@school.invalid", "teacher_a@school.invalid")].body
    to_b = by_recipients[("teacher_b@school.invalid",)].body
    assert opened.reference in to_a and second_of_a.reference in to_a
    assert of_b.reference not in to_a
    assert of_b.reference in to_b and opened.reference not in to_b
    assert remind() == 0


def test_a_school_without_any_e_mail_is_marked_reminded_without_mail(school_b, teacher_b, time_machine, mailoutbox):
    teacher_b.email = ""
    teacher_b.save()
    time_machine.move_to(NOW, tick=False)
    run = record(school_b, teacher_b)
    time_machine.move_to(LISTEN_DUE - timedelta(hours=1), tick=False)
    assert remind() == 0
    assert mailoutbox == []
    assert step(run, "listen").reminder_sent_at is not None


def test_the_steps_of_a_closed_case_are_never_reminded(opened, time_machine, mailoutbox):
    ProtocolRun.objects.filter(pk=opened.pk).update(status=RunStatus.CLOSED)
    time_machine.move_to(LISTEN_DUE + timedelta(days=40), tick=False)
    assert remind() == 0
    assert mailoutbox == []
    assert not StepRecord.objects.filter(reminder_sent_at__isnull=False).exists()


def test_the_window_comes_from_the_settings(opened, settings, time_machine, mailoutbox):
    settings.SANAD_SCHOOL_REMINDER_BEFORE = timedelta(hours=6)
    time_machine.move_to(LISTEN_DUE - timedelta(hours=7), tick=False)
    assert remind() == 0
    time_machine.move_to(LISTEN_DUE - timedelta(hours=6), tick=False)
    assert remind() == 1


def test_the_scheduler_enqueues_the_reminders(opened, time_machine, mailoutbox):
    time_machine.move_to(LISTEN_DUE - timedelta(hours=3), tick=False)
    call_command("run_schedule", "--once", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    assert opened.reference in mailoutbox[0].body
    call_command("run_schedule", "--once", stdout=io.StringIO())
    assert len(mailoutbox) == 1
