"""Changes to cases and referrals: atomic, audited, side effects after commit."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, User
from sanad.audit.log import record
from sanad.cases.models import (
    Case,
    CaseReport,
    CaseStatus,
    Note,
    Outcome,
    Referral,
    ReferralStatus,
    ReferralTarget,
    referral_deadline,
)
from sanad.cases.tasks import build_pack
from sanad.intake import actions as intake_actions
from sanad.intake import urgency as urgency_rules
from sanad.intake.file_analysis import apply_file_analysis
from sanad.intake.models import Category, Message, PublicStatus, Report, ReportCategory
from sanad.lib.errors import SanadError
from sanad.schools import actions as school_actions
from sanad.schools.models import Origin, ProtocolRun, School, Takedown

# What the reporter sees for each case status.
PUBLIC_STATUS_FOR = {
    CaseStatus.NEW: PublicStatus.RECEIVED,
    CaseStatus.TRIAGED: PublicStatus.BEING_HANDLED,
    CaseStatus.IN_PROGRESS: PublicStatus.BEING_HANDLED,
    CaseStatus.WAITING: PublicStatus.BEING_HANDLED,
    CaseStatus.REFERRED: PublicStatus.REFERRED,
    CaseStatus.CLOSED: PublicStatus.CLOSED,
}


class CaseActionError(SanadError):
    code = "case_action"


class AlreadyTriaged(CaseActionError):
    code = "already_triaged"
    message = _("This report is already part of a case.")


class ReasonRequired(CaseActionError):
    code = "reason_required"
    message = _("Please give a reason for this change.")


class CaseClosed(CaseActionError):
    code = "case_closed"
    message = _("This case is closed. Reopen it first.")


class CaseNotClosed(CaseActionError):
    code = "case_not_closed"
    message = _("Only a closed case can be reopened.")


class WrongOrganisation(CaseActionError):
    code = "wrong_organisation"
    message = _("This organisation cannot receive this kind of referral.")


class SchoolNotRegistered(CaseActionError):
    code = "school_not_registered"
    message = _("This school is not registered with a resource team yet. An administrator adds it to the schools.")


class AlreadyWithSchool(CaseActionError):
    code = "already_with_school"
    message = _(
        "This case is already in a school's protocol. Follow it in the school case section of the case page; "
        "a case goes to one school only."
    )


def _sync_public_status(case: Case) -> None:
    status = PUBLIC_STATUS_FOR[CaseStatus(case.status)]
    for link in case.case_reports.select_related("report"):
        intake_actions.set_public_status(link.report, status)


def _first_action_due(case: Case) -> None:
    first = case.case_reports.order_by("report__submitted_at").values_list("report__submitted_at", flat=True).first()
    case.first_action_due = urgency_rules.first_action_due(case.urgency, received_at=first or case.opened_at)


@transaction.atomic
def open_case(report: Report, *, by: User, urgency: str | None = None, reason: str = "") -> Case:
    """Triage a new report into a new case owned by the user's organisation."""
    if CaseReport.objects.filter(report=report).exists():
        raise AlreadyTriaged()
    level = urgency or report.urgency
    if level != report.urgency and not reason.strip():
        raise ReasonRequired()
    case = Case(urgency=level, organisation=by.organisation, assignee=by, status=CaseStatus.TRIAGED)
    case.first_action_due = urgency_rules.first_action_due(level, received_at=report.submitted_at)
    case.save()
    CaseReport.objects.create(case=case, report=report, linked_by=by)
    record(by, "case.opened", object_type="case", object_id=case.pk, report=report.pk, urgency=level)
    if level != report.urgency:
        record(
            by,
            "case.urgency_changed",
            object_type="case",
            object_id=case.pk,
            old=report.urgency,
            new=level,
            reason=reason.strip()[:300],
        )
    _sync_public_status(case)
    return case


@transaction.atomic
def link_report(report: Report, *, case: Case, by: User, duplicate: bool = False) -> CaseReport:
    if CaseReport.objects.filter(report=report).exists():
        raise AlreadyTriaged()
    if case.is_closed and not duplicate:
        raise CaseClosed()
    link = CaseReport.objects.create(case=case, report=report, linked_by=by, duplicate=duplicate)
    action = "case.duplicate_linked" if duplicate else "case.report_linked"
    record(by, action, object_type="case", object_id=case.pk, report=report.pk)
    intake_actions.set_public_status(report, PUBLIC_STATUS_FOR[CaseStatus(case.status)])
    if report.urgency < case.urgency:  # "P0" < "P1": a more urgent report raises the case
        change_urgency(case, to=report.urgency, reason="linked report is more urgent", by=by)
    return link


@transaction.atomic
def change_urgency(case: Case, *, to: str, reason: str, by: User) -> None:
    if not reason.strip():
        raise ReasonRequired()
    if case.urgency == to:
        return
    previous = case.urgency
    case.urgency = to
    _first_action_due(case)
    case.save(update_fields=["urgency", "first_action_due", "updated_at"])
    record(
        by,
        "case.urgency_changed",
        object_type="case",
        object_id=case.pk,
        old=previous,
        new=to,
        reason=reason.strip()[:300],
    )


@transaction.atomic
def change_categories(report: Report, *, to: list[str], reason: str, by: User) -> None:
    if not reason.strip():
        raise ReasonRequired()
    chosen = sorted(set(to) & set(Category.values))
    previous = sorted(report.categories.values_list("category", flat=True))
    if chosen == previous:
        return
    report.categories.all().delete()
    ReportCategory.objects.bulk_create(ReportCategory(report=report, category=code) for code in chosen)
    record(
        by,
        "report.categories_changed",
        object_type="report",
        object_id=report.pk,
        old=previous,
        new=chosen,
        reason=reason.strip()[:300],
    )


@transaction.atomic
def assign_case(case: Case, *, to: User | None, by: User) -> None:
    previous = case.assignee_id
    case.assignee = to
    case.save(update_fields=["assignee", "updated_at"])
    record(by, "case.assigned", object_type="case", object_id=case.pk, old=previous, new=to.pk if to else None)


@transaction.atomic
def set_case_status(case: Case, *, to: str, by: User, waiting_on: str = "") -> None:
    """Move an open case between new, triaged, in progress and waiting (closing has its own action)."""
    if case.is_closed:
        raise CaseClosed()
    if to not in {CaseStatus.TRIAGED, CaseStatus.IN_PROGRESS, CaseStatus.WAITING, CaseStatus.REFERRED}:
        raise CaseActionError()
    previous = case.status
    case.status = to
    case.waiting_on = waiting_on if to == CaseStatus.WAITING else ""
    case.save(update_fields=["status", "waiting_on", "updated_at"])
    record(
        by,
        "case.status_changed",
        object_type="case",
        object_id=case.pk,
        old=previous,
        new=to,
        waiting_on=case.waiting_on or None,
    )
    _sync_public_status(case)


@transaction.atomic
def close_case(case: Case, *, outcome: str, by: User) -> None:
    if case.is_closed:
        raise CaseClosed()
    if outcome not in Outcome.values:
        raise CaseActionError()
    case.status, case.outcome, case.closed_at = CaseStatus.CLOSED, outcome, timezone.now()
    case.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    record(by, "case.closed", object_type="case", object_id=case.pk, outcome=outcome)
    _sync_public_status(case)  # closing a report deletes its contact details


@transaction.atomic
def reopen_case(case: Case, *, reason: str, by: User) -> None:
    if not case.is_closed:
        raise CaseNotClosed()
    if not reason.strip():
        raise ReasonRequired()
    case.status, case.outcome, case.closed_at = CaseStatus.IN_PROGRESS, "", None
    case.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    record(by, "case.reopened", object_type="case", object_id=case.pk, reason=reason.strip()[:300])
    _sync_public_status(case)


@transaction.atomic
def add_note(case: Case, *, body: str, by: User) -> Note:
    note = Note(case=case, author=by, written_at=timezone.now())
    note.body = body
    note.save()
    record(by, "case.note_added", object_type="case", object_id=case.pk, note=note.pk)
    return note


@transaction.atomic
def message_reporter(case: Case, report: Report, *, body: str, by: User) -> Message:
    if not case.case_reports.filter(report=report).exists():
        raise CaseActionError()
    message = intake_actions.send_centre_message(report, body)
    record(by, "report.message_sent", object_type="report", object_id=report.pk, case=case.pk)
    return message


ORGANISATION_FOR_TARGET = {
    ReferralTarget.POLICE: Organisation.Kind.POLICE,
    ReferralTarget.GENDARMERIE: Organisation.Kind.GENDARMERIE,
    ReferralTarget.PROSECUTOR: Organisation.Kind.PROSECUTOR,
    ReferralTarget.PLATFORM: Organisation.Kind.PLATFORM,
    ReferralTarget.SCHOOL: Organisation.Kind.SCHOOL,
    ReferralTarget.SUPPORT: Organisation.Kind.SUPPORT,
    ReferralTarget.HELPLINE: Organisation.Kind.HELPLINE,
}


def reporter_consents_to_school(case: Case) -> bool:
    """Whether a reporter of the case agreed to involve a trusted adult or the school."""
    return Report.objects.filter(case_link__case=case, consent_share=True).exists()


@transaction.atomic
def refer_case(
    case: Case,
    *,
    target: str,
    organisation: Organisation,
    brief: str,
    legal_ground: str,
    by: User,
    safeguarding_reason: str = "",
) -> Referral:
    """Send a case to a recipient. To a school, it also opens the school case its team runs.

    A school needs the reporter's consent or a safeguarding decision, whose reason goes to the
    audit log (schools.actions.transfer_to_school).
    """
    if case.is_closed:
        raise CaseClosed()
    if ORGANISATION_FOR_TARGET.get(ReferralTarget(target)) != organisation.kind:
        raise WrongOrganisation()
    school = None
    if target == ReferralTarget.SCHOOL:
        school = School.objects.filter(organisation=organisation).first()
        if school is None:
            raise SchoolNotRegistered()
        if case.school_case_id is not None:
            raise AlreadyWithSchool()
    now = timezone.now()
    referral = Referral(
        case=case,
        target=target,
        organisation=organisation,
        legal_ground=legal_ground.strip()[:300],
        sent_at=now,
        sent_by=by,
        answer_due=now + referral_deadline(target),
    )
    referral.brief = brief.strip()
    referral.save()
    record(
        by,
        "referral.sent",
        object_type="referral",
        object_id=referral.pk,
        case=case.pk,
        target=target,
        organisation=organisation.pk,
    )
    if school is not None:
        _transfer_to_school(case, referral, school, safeguarding_reason=safeguarding_reason, by=by)
    elif target == ReferralTarget.PLATFORM and case.school_case_id is not None:
        school_actions.follow_takedown(_school_case(case), Takedown.WITH_PLATFORM, by=by)
    if case.status != CaseStatus.REFERRED:
        case.status = CaseStatus.REFERRED
        case.save(update_fields=["status", "updated_at"])
        _sync_public_status(case)
    transaction.on_commit(lambda: build_pack.enqueue(referral.pk))
    return referral


def _transfer_to_school(
    case: Case, referral: Referral, school: School, *, safeguarding_reason: str, by: User
) -> ProtocolRun:
    """The school's team gets the case in its protocol, with the analyst's brief as the facts."""
    reports = list(Report.objects.filter(case_link__case=case).prefetch_related("categories"))
    run = school_actions.transfer_to_school(
        school,
        by=by,
        # A report that named a school: the portal's reporter pointed at it.
        origin=Origin.PORTAL if any(report.school for report in reports) else Origin.CENTRE,
        categories=sorted({item.category for report in reports for item in report.categories.all()}),
        facts=referral.brief,
        consent=any(report.consent_share for report in reports),
        override_reason=safeguarding_reason,
    )
    case.school_case = run
    case.save(update_fields=["school_case", "updated_at"])
    # The team has it in its workspace the moment it is sent: nobody needs to acknowledge it.
    referral.status = ReferralStatus.RECEIVED
    referral.acknowledged_at = referral.sent_at
    referral.save(update_fields=["status", "acknowledged_at"])
    record(
        by,
        "referral.updated",
        object_type="referral",
        object_id=referral.pk,
        old=ReferralStatus.SENT,
        new=ReferralStatus.RECEIVED,
        case=case.pk,
    )
    return run


def _school_case(case: Case) -> ProtocolRun:
    return ProtocolRun.objects.select_related("school__organisation").get(pk=case.school_case_id)


# What a platform's answer means for the school that asked for the takedown.
TAKEDOWN_FOR_ANSWER = {
    ReferralStatus.CONTENT_REMOVED: Takedown.REMOVED,
    ReferralStatus.REFUSED: Takedown.REFUSED,
}


LIAISON_STATUSES = {
    ReferralStatus.RECEIVED,
    ReferralStatus.INVESTIGATING,
    ReferralStatus.CONTENT_REMOVED,
    ReferralStatus.REFUSED,
    ReferralStatus.CLOSED,
}


class RefusalNeedsReason(CaseActionError):
    code = "refusal_reason"
    message = _("Please say why the referral is refused.")


@transaction.atomic
def update_referral(referral: Referral, *, status: str, answer: str, by: User) -> None:
    """A liaison acknowledges or answers a referral sent to their organisation."""
    if status not in LIAISON_STATUSES:
        raise CaseActionError()
    if status == ReferralStatus.REFUSED and not answer.strip():
        raise RefusalNeedsReason()
    now = timezone.now()
    previous = referral.status
    referral.status = status
    referral.acknowledged_at = referral.acknowledged_at or now
    if status != ReferralStatus.RECEIVED:
        referral.answered_at = now
    if answer.strip():
        referral.answer = answer.strip()
    referral.save()
    record(
        by,
        "referral.updated",
        object_type="referral",
        object_id=referral.pk,
        old=previous,
        new=status,
        case=referral.case_id,
    )
    if referral.target == ReferralTarget.PLATFORM and status in TAKEDOWN_FOR_ANSWER:
        case = referral.case
        if case.school_case_id is not None:
            school_actions.follow_takedown(_school_case(case), TAKEDOWN_FOR_ANSWER[status], by=by)


@transaction.atomic
def escalate_known_content() -> int:
    """Raise every open case holding a known-content file to SANAD_KNOWN_CONTENT_URGENCY (never lower
    it), and apply the rule to reports still waiting for triage. Safe to run again: returns how many
    cases it raised. Run by `manage.py escalate_known_content` (cron), since a file becomes known
    when the worker analyses it or when a hash list is imported, long after its case was opened."""
    level = settings.SANAD_KNOWN_CONTENT_URGENCY
    if not level:
        return 0
    for report_id in (
        Report.objects.filter(status=PublicStatus.RECEIVED, urgency__gt=level, evidence__known=True)
        .values_list("pk", flat=True)
        .distinct()
    ):
        apply_file_analysis(report_id)
    holding = Case.objects.exclude(status=CaseStatus.CLOSED).filter(
        urgency__gt=level, case_reports__report__evidence__known=True
    )
    # Locked one by one, as a person's change would lock them.
    raised = 0
    for case in Case.objects.select_for_update(of=("self",)).filter(pk__in=holding.values("pk")).order_by("pk"):
        previous = case.urgency
        case.urgency = level
        _first_action_due(case)
        case.save(update_fields=["urgency", "first_action_due", "updated_at"])
        record(
            None,
            "case.urgency_changed",
            object_type="case",
            object_id=case.pk,
            old=previous,
            new=level,
            reason="known_content",
        )
        raised += 1
    return raised
