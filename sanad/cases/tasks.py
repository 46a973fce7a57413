"""Background work of the back-office that changes no case: evidence packs, and the people told
(audit/notify.py: each notification once, translated, never with content). Tasks that act on
cases live beside the actions they call (reporter_activity.py), since actions enqueue these."""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from sanad.accounts.models import Organisation, User
from sanad.audit.notify import Staff, notify_once
from sanad.cases.models import ANSWERED, Case, Referral
from sanad.cases.pack import build_referral_pack


@task()
def build_pack(referral_id: int) -> None:
    """Build and seal the evidence pack of a referral (idempotent: an existing pack is kept)."""
    build_referral_pack(referral_id)


def _link(name: str, *args: object) -> str:
    return settings.SANAD_SITE_URL + reverse(name, args=args)


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def liaisons_of(organisation: Organisation) -> tuple[list[Staff], list[str]]:
    """The people a referral to this organisation reaches: its active liaisons, else its contact address."""
    people = [
        Staff(pk, email)
        for pk, email in User.objects.filter(
            organisation=organisation, role=User.Role.LIAISON, is_active=True
        ).values_list("pk", "email")
        if email
    ]
    return people, ([] if people else [organisation.contact_email])


def supervisors_of(organisation_id: int | None) -> list[Staff]:
    return [
        Staff(pk, email)
        for pk, email in User.objects.filter(
            organisation=organisation_id,
            role__in=[User.Role.SUPERVISOR, User.Role.ADMINISTRATOR],
            is_active=True,
        ).values_list("pk", "email")
        if email
    ]


@task()
def tell_recipient_of_referral(referral_id: int) -> bool:
    referral = Referral.objects.select_related("case", "organisation").get(pk=referral_id)
    staff, addresses = liaisons_of(referral.organisation)

    def write() -> str:
        return _(
            "The national centre Sanad sent your organisation a referral: case %(reference)s.\n"
            "An answer is expected by %(due)s.\n"
            "Read it (sign in with your second factor): %(link)s"
        ) % {
            "reference": referral.case.reference,
            "due": _when(referral.answer_due),
            "link": _link("cases:referral", referral.pk),
        }

    return notify_once(
        key=f"referral_new:{referral.pk}",
        kind="referral_new",
        about=("referral", referral.pk),
        staff=staff,
        addresses=addresses,
        subject=f"[Sanad] {referral.case.reference}",
        write=write,
    )


@task()
def remind_of_referrals() -> int:
    """Unanswered referrals: a reminder at half their answer time, and a notice once overdue."""
    now = timezone.now()
    told = 0
    for referral in Referral.objects.exclude(status__in=ANSWERED).select_related("case", "organisation"):
        staff, addresses = liaisons_of(referral.organisation)
        if now > referral.answer_due:
            told += _overdue(referral, staff + supervisors_of(referral.case.organisation_id), addresses)
        elif now >= referral.sent_at + (referral.answer_due - referral.sent_at) / 2:
            told += _half_way(referral, staff, addresses)
    return told


def _tell(referral: Referral, kind: str, staff: list[Staff], addresses: list[str], write: Callable[[], str]) -> int:
    """One notification about a referral, once per kind (audit/notify.py)."""
    return int(
        notify_once(
            key=f"{kind}:{referral.pk}",
            kind=kind,
            about=("referral", referral.pk),
            staff=staff,
            addresses=addresses,
            subject=f"[Sanad] {referral.case.reference}",
            write=write,
        )
    )


def _half_way(referral: Referral, staff: list[Staff], addresses: list[str]) -> int:
    def write() -> str:
        return _(
            "Reminder: the referral of case %(reference)s from the national centre Sanad awaits your answer "
            "by %(due)s. Acknowledge it or answer it: %(link)s"
        ) % {
            "reference": referral.case.reference,
            "due": _when(referral.answer_due),
            "link": _link("cases:referral", referral.pk),
        }

    return _tell(referral, "referral_reminder", staff, addresses, write)


def _overdue(referral: Referral, staff: list[Staff], addresses: list[str]) -> int:
    def write() -> str:
        return _("The referral of case %(reference)s is overdue: an answer was expected by %(due)s. %(link)s") % {
            "reference": referral.case.reference,
            "due": _when(referral.answer_due),
            "link": _link("cases:referral", referral.pk),
        }

    return _tell(referral, "referral_overdue", staff, addresses, write)


@task()
def tell_assignee(case_id: int, assignee_id: int, assignment: int) -> bool:
    """`assignment`: the audit event of this assignment, so a later reassignment tells again."""
    case = Case.objects.get(pk=case_id)
    assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
    if assignee is None or case.assignee_id != assignee.pk:
        return False

    def write() -> str:
        return _("Case %(reference)s (%(urgency)s) is now assigned to you. Next deadline: %(due)s. %(link)s") % {
            "reference": case.reference,
            "urgency": case.urgency,
            "due": _when(case.next_due_at) if case.has_deadline else "—",
            "link": _link("cases:case", case.pk),
        }

    return notify_once(
        key=f"case_assigned:{case.pk}:{assignment}",
        kind="case_assigned",
        about=("case", case.pk),
        staff=[Staff(assignee.pk, assignee.email)],
        subject=f"[Sanad] {case.reference}",
        write=write,
    )


@task()
def tell_of_reporter_activity(case_id: int, since: str) -> bool:
    """The reporter wrote: the assignee is told (or the team on duty, for an unassigned case)."""
    case = Case.objects.select_related("assignee").get(pk=case_id)
    assignee = case.assignee if case.assignee and case.assignee.is_active and case.assignee.email else None
    staff = [Staff(assignee.pk, assignee.email)] if assignee else []

    def write() -> str:
        return _(
            "The reporter of case %(reference)s wrote (a message or a file) and waits for an answer by %(due)s. "
            "%(link)s"
        ) % {
            "reference": case.reference,
            "due": _when(case.next_due_at) if case.has_deadline else "—",
            "link": _link("cases:case", case.pk),
        }

    return notify_once(
        key=f"reporter_wrote:{case.pk}:{since}",
        kind="reporter_wrote",
        about=("case", case.pk),
        staff=staff,
        addresses=[] if staff else settings.SANAD_DUTY_EMAIL,
        subject=f"[Sanad] {case.reference}",
        write=write,
    )


@task()
def tell_of_school_request(case_id: int, asked: str) -> bool:
    """The school case of a case asked the centre again: the assignee is told (or the team on duty)."""
    case = Case.objects.select_related("assignee", "school_case").get(pk=case_id)
    assignee = case.assignee if case.assignee and case.assignee.is_active and case.assignee.email else None
    staff = [Staff(assignee.pk, assignee.email)] if assignee else []

    def write() -> str:
        return _(
            "The school case %(school_case)s of case %(reference)s asked the national centre again "
            "(level 3 or a take-down). Next deadline: %(due)s. %(link)s"
        ) % {
            "school_case": case.school_case.reference if case.school_case else "—",
            "reference": case.reference,
            "due": _when(case.next_due_at) if case.has_deadline else "—",
            "link": _link("cases:case", case.pk),
        }

    return notify_once(
        key=f"school_asked:{case.pk}:{asked}",
        kind="school_asked",
        about=("case", case.pk),
        staff=staff,
        addresses=[] if staff else settings.SANAD_DUTY_EMAIL,
        subject=f"[Sanad] {case.reference}",
        write=write,
    )
