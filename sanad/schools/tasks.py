"""E-mails of the school protocol: the head told of an escalation, reminders of steps due.

They carry a case reference, a step and a deadline, never a pupil's name or what happened:
e-mail is not sealed. Each is marked sent in the same transaction that sends it, so a
retried or repeated task never sends twice.
"""

from datetime import datetime, timedelta
from functools import partial
from typing import cast

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.audit.models import AuditEvent
from sanad.audit.notify import Staff, notify_once
from sanad.schools.models import ProtocolRun, School, StepRecord, TeamMember


def heads(school: School) -> list[Staff]:
    members = TeamMember.objects.filter(school=school, position=TeamMember.Position.HEAD, user__is_active=True)
    return [Staff(pk, email) for pk, email in members.values_list("user", "user__email") if email]


def team(school: School) -> list[Staff]:
    members = TeamMember.objects.filter(school=school, user__is_active=True)
    return [Staff(pk, email) for pk, email in members.values_list("user", "user__email") if email]


def head_addresses(school: School) -> list[str]:
    heads = TeamMember.objects.filter(school=school, position=TeamMember.Position.HEAD, user__is_active=True)
    addresses = [email for email in heads.values_list("user__email", flat=True) if email]
    return addresses or ([school.organisation.contact_email] if school.organisation.contact_email else [])


@task()
def notify_head(run_id: int) -> None:
    """Tell the head of school that a case reached level 3 and went to the national centre."""
    with transaction.atomic():
        run = ProtocolRun.objects.select_for_update().select_related("school__organisation").get(pk=run_id)
        if run.head_notified_at is not None:
            return

        def write() -> str:
            return _(
                "Case %(reference)s of your school was assessed level 3 (serious) and has been escalated "
                "to the national centre, which will refer it to the competent authority. The resource team "
                "keeps supporting the pupil. Open the back-office to read it."
            ) % {"reference": run.reference}

        notify_once(
            key=f"school_level_3:{run.pk}",
            kind="school_level_3",
            about=("school_case", run.pk),
            staff=heads(run.school),
            addresses=[] if heads(run.school) else head_addresses(run.school),
            subject=f"[Sanad] {run.reference}: niveau 3 / المستوى 3",
            write=write,
        )
        run.head_notified_at = timezone.now()
        run.save(update_fields=["head_notified_at"])


@task()
def tell_oncall_of_school_case(run_id: int) -> bool:
    """A school case asks the centre with a sign of immediate danger (a risk of self-harm, a pupil
    in danger): the on-call staff are called, as for a P0 report; its reference only."""
    run = ProtocolRun.objects.get(pk=run_id)

    def write() -> str:
        return _(
            "A school case reached the national centre with signs of immediate danger (P0).\n"
            "Reference: %(reference)s\n"
            "First action due: %(due)s\n\n"
            "Open the back-office queue to read it. This e-mail never carries the case's content."
        ) % {"reference": run.reference, "due": f"{timezone.localtime(run.centre_due):%Y-%m-%d %H:%M}"}

    return notify_once(
        key=f"p0_report:school_case:{run.pk}",
        kind="p0_report",
        about=("school_case", run.pk),
        addresses=settings.SANAD_ONCALL_EMAIL,
        subject=f"[Sanad P0] {run.reference}",
        write=write,
    )


@task()
def send_step_reminders() -> int:
    """E-mail each school's team about steps due within the reminder window; once per step."""
    now = timezone.now()
    sent = 0
    with transaction.atomic():
        due = (
            StepRecord.objects.pending()
            .filter(due_at__isnull=False, due_at__lte=now + settings.SANAD_SCHOOL_REMINDER_BEFORE)
            .filter(reminder_sent_at__isnull=True)
            .select_related("run__school__organisation", "run__protocol")
            .select_for_update(of=("self",), skip_locked=True)
            .order_by("run__school", "due_at")
        )
        by_school: dict[int, list[StepRecord]] = {}
        for step in due:
            by_school.setdefault(step.run.school_id, []).append(step)
        for steps in by_school.values():
            school = steps[0].run.school
            sent += notify_once(
                key=f"school_step_reminder:{school.pk}:" + ",".join(str(step.pk) for step in steps),
                kind="school_step_reminder",
                about=("school", school.pk),
                staff=team(school),
                subject=f"[Sanad] {school.name}",
                write=partial(_reminder, steps, now),
            )
            StepRecord.objects.filter(pk__in=[step.pk for step in steps]).update(reminder_sent_at=now)
    return sent


def _reminder(steps: list[StepRecord], now: datetime) -> str:
    names = {}
    lines = [_("Protocol steps of your school's cases are due soon or overdue:")]
    for step in steps:
        if step.run.protocol_id not in names:
            names[step.run.protocol_id] = step.run.protocol.step_names()
        due = cast(datetime, step.due_at)  # send_step_reminders took only steps with a due date
        local = timezone.localtime(due)
        state = _("overdue") if due < now else _("due")
        lines.append(
            f"- {step.run.reference}: {names[step.run.protocol_id].get(step.code, step.code)} — {state} "
            f"{local:%Y-%m-%d %H:%M}"
        )
    lines.append(_("Open the back-office to record them."))
    return "\n".join(lines)


WELCOME_SENT = "account.welcome_sent"


@task()
def send_welcome(user_id: int) -> None:
    """E-mail a new team member the link to choose their password; once per account.

    The link holds Django's password-reset token: it stops working once the password is
    set, or after PASSWORD_RESET_TIMEOUT. The sending is recorded in the audit log in the
    same transaction, and a second run finds it there.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or not user.email or user.has_usable_password():
            return
        if AuditEvent.objects.filter(action=WELCOME_SENT, object_type="user", object_id=str(user.pk)).exists():
            return
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        school = School.objects.select_related("organisation").filter(organisation=user.organisation_id).first()

        def write() -> str:
            link = settings.SANAD_SITE_URL + reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})
            return _(
                "An account was made for you in Sanad, the national platform against online violence towards "
                "children, as a member of the resource team of %(school)s.\n\n"
                "Your username: %(username)s\n\n"
                "Choose your password with this link (it works once, until %(until)s):\n%(link)s\n\n"
                "Then sign in: you will set up an authenticator app on your phone, which every staff account "
                "needs. If you did not expect this e-mail, ignore it."
            ) % {
                "school": school.name if school else "—",
                "username": user.get_username(),
                "until": f"{timezone.localtime() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT):%Y-%m-%d %H:%M}",
                "link": link,
            }

        notify_once(
            key=f"account_welcome:{user.pk}",
            kind="account_welcome",
            about=("user", user.pk),
            staff=[Staff(user.pk, user.email)],
            subject="[Sanad] Votre compte / حسابك",
            write=write,
        )
        record(None, WELCOME_SENT, object_type="user", object_id=user.pk)
