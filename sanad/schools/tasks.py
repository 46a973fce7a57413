"""E-mails of the school protocol: the head told of an escalation, reminders of steps due.

They carry a case reference, a step and a deadline, never a pupil's name or what happened:
e-mail is not sealed. Each is marked sent in the same transaction that sends it, so a
retried or repeated task never sends twice.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.audit.models import AuditEvent
from sanad.schools.models import ProtocolRun, School, StepRecord, TeamMember

# Staff e-mails are written in the two languages every school works in.
EMAIL_LANGUAGES = ("fr", "ar")


def _in_both(write) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            parts.append(write())
    return "\n\n— — —\n\n".join(parts)


def head_addresses(school: School) -> list[str]:
    heads = TeamMember.objects.filter(school=school, position=TeamMember.Position.HEAD, user__is_active=True)
    addresses = [email for email in heads.values_list("user__email", flat=True) if email]
    return addresses or ([school.organisation.contact_email] if school.organisation.contact_email else [])


def team_addresses(school: School) -> list[str]:
    members = TeamMember.objects.filter(school=school, user__is_active=True)
    return sorted({email for email in members.values_list("user__email", flat=True) if email})


@task()
def notify_head(run_id: int) -> None:
    """Tell the head of school that a case reached level 3 and went to the national centre."""
    with transaction.atomic():
        run = ProtocolRun.objects.select_for_update().select_related("school__organisation").get(pk=run_id)
        if run.head_notified_at is not None:
            return
        recipients = head_addresses(run.school)
        if recipients:

            def write() -> str:
                return _(
                    "Case %(reference)s of your school was assessed level 3 (serious) and has been escalated "
                    "to the national centre, which will refer it to the competent authority. The resource team "
                    "keeps supporting the pupil. Open the back-office to read it."
                ) % {"reference": run.reference}

            send_mail(
                subject=f"[Sanad] {run.reference}: niveau 3 / المستوى 3",
                message=_in_both(write),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
        run.head_notified_at = timezone.now()
        run.save(update_fields=["head_notified_at"])


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
            recipients = team_addresses(school)
            if recipients:
                send_mail(
                    subject=f"[Sanad] {school.name}",
                    message=_in_both(lambda steps=steps: _reminder(steps, now)),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=recipients,
                )
                sent += 1
            StepRecord.objects.filter(pk__in=[step.pk for step in steps]).update(reminder_sent_at=now)
    return sent


def _reminder(steps: list[StepRecord], now) -> str:  # type: ignore[no-untyped-def]
    names = {}
    lines = [_("Protocol steps of your school's cases are due soon or overdue:")]
    for step in steps:
        if step.run.protocol_id not in names:
            names[step.run.protocol_id] = step.run.protocol.step_names()
        local = timezone.localtime(step.due_at)
        state = _("overdue") if step.due_at < now else _("due")
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

        send_mail(
            subject="[Sanad] Votre compte / حسابك",
            message=_in_both(write),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
        record(None, WELCOME_SENT, object_type="user", object_id=user.pk)
