"""Changes to cases and referrals: atomic, audited, side effects after commit."""

import hashlib
import json
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, User
from sanad.audit.log import record
from sanad.cases import deadlines, notices, redaction
from sanad.cases.models import (
    Case,
    CaseReport,
    CaseStatus,
    Note,
    Outcome,
    Referral,
    ReferralFile,
    ReferralStatus,
    ReferralTarget,
    TriageReview,
    referral_deadline,
)
from sanad.cases.tasks import build_pack, tell_assignee, tell_recipient_of_referral
from sanad.intake import actions as intake_actions
from sanad.intake.file_analysis import apply_file_analysis
from sanad.intake.models import Category, Message, PublicStatus, Report, ReportCategory
from sanad.lib.errors import SanadError
from sanad.reference import urgency as urgency_rules
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
    """From the first report's arrival, or the school's first request, or the case's opening."""
    first = case.case_reports.order_by("report__submitted_at").values_list("report__submitted_at", flat=True).first()
    if first is None and case.school_case_id is not None:
        first = ProtocolRun.objects.filter(pk=case.school_case_id).values_list("centre_asked_at", flat=True).first()
    case.first_action_due = urgency_rules.first_action_due(case.urgency, received_at=first or case.opened_at)


def _save(case: Case, *fields: str, by: User | None, acts: bool = True) -> None:
    """Save what an action changed, with its effect on the clocks: a person of the centre acting
    on the case stops the first-action clock (once), and the next deadline is recomputed.

    `acts` False: a change that does not handle the case (routing it to someone, an assignment).
    """
    changed = [*fields, "updated_at", *deadlines.refresh(case)]
    if acts and by is not None and by.handles_cases and case.first_action_at is None:
        case.first_action_at = timezone.now()
        changed.append("first_action_at")
        changed += deadlines.refresh(case)
    case.save(update_fields=sorted(set(changed)))


@transaction.atomic
def open_case(report: Report, *, by: User, urgency: str | None = None, reason: str = "") -> Case:
    """Triage a new report into a new case owned by the user's organisation."""
    if CaseReport.objects.filter(report=report).exists():
        raise AlreadyTriaged()
    level = urgency or report.urgency
    if level != report.urgency and not reason.strip():
        raise ReasonRequired()
    # Triage is the first action: someone of the centre read the report and decided.
    case = Case(
        urgency=level,
        organisation=by.organisation,
        assignee=by,
        status=CaseStatus.TRIAGED,
        first_action_at=timezone.now(),
    )
    case.first_action_due = urgency_rules.first_action_due(level, received_at=report.submitted_at)
    deadlines.refresh(case)
    case.save()
    CaseReport.objects.create(case=case, report=report, linked_by=by)
    intake_actions.mark_triaged(report)
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
def open_case_from_school(run: ProtocolRun, *, by: User, urgency: str | None = None, reason: str = "") -> Case:
    """Triage a school case that asked the centre: a case pointing to it, and no report (nobody
    sent one: the school's record is read through the school case)."""
    if Case.objects.filter(school_case=run).exists():
        raise AlreadyTriaged()
    level = urgency or run.centre_urgency
    if level != run.centre_urgency and not reason.strip():
        raise ReasonRequired()
    now = timezone.now()
    case = Case(
        urgency=level,
        organisation=by.organisation,
        assignee=by,
        status=CaseStatus.TRIAGED,
        school_case=run,
        first_action_at=now,  # triage is the first action
        first_action_due=urgency_rules.first_action_due(level, received_at=run.centre_asked_at or now),
        school_seen_at=now,
    )
    deadlines.refresh(case)
    case.save()
    record(by, "case.opened_from_school", object_type="case", object_id=case.pk, school_case=run.pk, urgency=level)
    if level != run.centre_urgency:
        record(
            by,
            "case.urgency_changed",
            object_type="case",
            object_id=case.pk,
            old=run.centre_urgency,
            new=level,
            reason=reason.strip()[:300],
        )
    return case


@transaction.atomic
def link_report(report: Report, *, case: Case, by: User, duplicate: bool = False) -> CaseReport:
    if CaseReport.objects.filter(report=report).exists():
        raise AlreadyTriaged()
    if case.is_closed and not duplicate:
        raise CaseClosed()
    link = CaseReport.objects.create(case=case, report=report, linked_by=by, duplicate=duplicate)
    intake_actions.mark_triaged(report)
    action = "case.duplicate_linked" if duplicate else "case.report_linked"
    record(by, action, object_type="case", object_id=case.pk, report=report.pk)
    _save(case, by=by)
    intake_actions.set_public_status(report, PUBLIC_STATUS_FOR[CaseStatus(case.status)])
    if report.urgency < case.urgency:  # "P0" < "P1": a more urgent report raises the case
        change_urgency(case, to=report.urgency, reason="linked report is more urgent", by=by)
    return link


@transaction.atomic
def change_urgency(case: Case, *, to: str, reason: str, by: User | None) -> None:
    """`by` None: the platform raises it itself (a reporter's danger answer, a school's escalation)."""
    if not reason.strip():
        raise ReasonRequired()
    if case.urgency == to:
        return
    previous = case.urgency
    case.urgency = to
    _first_action_due(case)
    _save(case, "urgency", "first_action_due", by=by)
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
def review_triage(report: Report, *, urgency: str, signals: list[str], categories: list[str], by: User) -> TriageReview:
    """The analyst confirms or corrects the triage assistant's suggestion: a labelled example.

    It changes nothing of the report (its urgency and categories have their own actions): it
    records what the words show, so the assistant can be measured and its rules improved.
    """
    suggested = {key: report.triage.get(key) for key in ("urgency", "signals", "categories")}
    review, _ = TriageReview.objects.update_or_create(
        report=report,
        defaults={
            "engine": report.triage.get("engine", ""),
            "suggested": suggested,
            "urgency": urgency,
            "signals": sorted(set(signals)),
            "categories": [code for code in Category.values if code in set(categories)],
            "reviewed_by": by,
            "reviewed_at": timezone.now(),
        },
    )
    record(
        by,
        "report.triage_reviewed",
        object_type="report",
        object_id=report.pk,
        engine=review.engine,
        confirmed=review.confirmed,
        rejected=review.rejected,
        missed=review.missed,
        suggested_urgency=suggested["urgency"],
        urgency=urgency,
    )
    return review


@transaction.atomic
def assign_case(case: Case, *, to: User | None, by: User) -> None:
    previous = case.assignee_id
    case.assignee = to
    _save(case, "assignee", by=by, acts=False)  # routing, not handling: the first-action clock runs on
    event = record(by, "case.assigned", object_type="case", object_id=case.pk, old=previous, new=to.pk if to else None)
    if to is not None and to.pk != by.pk and to.pk != previous:
        transaction.on_commit(lambda: tell_assignee.enqueue(case.pk, to.pk, event.seq))


@transaction.atomic
def set_case_status(case: Case, *, to: str, by: User, waiting_on: str = "") -> None:
    """Move an open case between new, triaged, in progress and waiting (closing has its own action)."""
    if case.is_closed:
        raise CaseClosed()
    if to not in {CaseStatus.TRIAGED, CaseStatus.IN_PROGRESS, CaseStatus.WAITING, CaseStatus.REFERRED}:
        raise CaseActionError()
    previous, previously_waiting_on = case.status, case.waiting_on
    case.status = to
    case.waiting_on = waiting_on if to == CaseStatus.WAITING else ""
    if to != CaseStatus.WAITING:
        case.waiting_since = None
    elif previous != CaseStatus.WAITING or previously_waiting_on != case.waiting_on:
        case.waiting_since = timezone.now()  # a new wait starts its own clock
    _save(case, "status", "waiting_on", "waiting_since", by=by)
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
    case.waiting_on, case.waiting_since, case.reporter_waiting_since = "", None, None
    _save(case, "status", "outcome", "closed_at", "waiting_on", "waiting_since", "reporter_waiting_since", by=by)
    record(by, "case.closed", object_type="case", object_id=case.pk, outcome=outcome)
    _sync_public_status(case)  # closing a report deletes its contact details


@transaction.atomic
def reopen_case(case: Case, *, reason: str, by: User | None) -> None:
    """`by` None: the platform reopens it itself (the reporter wrote on a closed case)."""
    if not case.is_closed:
        raise CaseNotClosed()
    if not reason.strip():
        raise ReasonRequired()
    case.status, case.outcome, case.closed_at = CaseStatus.IN_PROGRESS, "", None
    _save(case, "status", "outcome", "closed_at", by=by)
    record(by, "case.reopened", object_type="case", object_id=case.pk, reason=reason.strip()[:300])
    _sync_public_status(case)


@transaction.atomic
def add_note(case: Case, *, body: str, by: User) -> Note:
    note = Note(case=case, author=by, written_at=timezone.now())
    note.body = body
    note.save()
    _save(case, by=by)
    record(by, "case.note_added", object_type="case", object_id=case.pk, note=note.pk)
    return note


@transaction.atomic
def message_reporter(case: Case, report: Report, *, body: str, by: User) -> Message:
    if not case.case_reports.filter(report=report).exists():
        raise CaseActionError()
    message = intake_actions.send_centre_message(report, body)
    record(by, "report.message_sent", object_type="report", object_id=report.pk, case=case.pk)
    # The centre answered: the reporter is no longer waiting, on this case at least.
    if not Report.objects.filter(case_link__case=case, reporter_waiting_since__isnull=False).exists():
        case.reporter_waiting_since = None
    _save(case, "reporter_waiting_since", by=by)
    return message


@transaction.atomic
def note_school_request(case: Case, *, by: User | None = None) -> None:
    """The centre has read what its school case asked since (school_requests.py)."""
    case.school_seen_at = timezone.now()
    _save(case, "school_seen_at", by=by, acts=False)


@transaction.atomic
def note_reporter_waiting(case: Case, *, since: datetime) -> None:
    """The case's reporter wrote and waits since then (reporter_activity.py): the clock starts."""
    case.reporter_waiting_since = since
    _save(case, "reporter_waiting_since", by=None)
    record(None, "case.reporter_wrote", object_type="case", object_id=case.pk)


ORGANISATION_FOR_TARGET: dict[str, str] = {
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


class PreviewOutdated(CaseActionError):
    code = "preview_outdated"
    message = _("The case changed since your preview. Check again what will be sent, then send.")


class NothingNew(CaseActionError):
    code = "nothing_new"
    message = _("This recipient already has everything in the case. Write what you want to tell them, or send nothing.")


class NoAddendumForSchool(CaseActionError):
    code = "no_addendum_for_school"
    message = _("A school follows its case in its own protocol: share a file with its team from the case page instead.")


def fingerprint(snapshot: redaction.Snapshot) -> str:
    """What the analyst previewed, whatever the language they read it in."""
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _sent(
    case: Case,
    *,
    target: str,
    organisation: Organisation,
    brief: str,
    legal_ground: str,
    snapshot: redaction.Snapshot,
    previewed: str | None,
    by: User,
    addendum_to: Referral | None = None,
) -> Referral:
    """Seal what was previewed on a new referral, and the files it lets its recipient open.

    `previewed` is the fingerprint of the snapshot the analyst saw; None only for referrals the
    platform makes itself without a page (demo data, tests).
    """
    if previewed is not None and fingerprint(snapshot) != previewed:
        raise PreviewOutdated()
    now = timezone.now()
    referral = Referral(
        case=case,
        target=target,
        organisation=organisation,
        legal_ground=legal_ground.strip()[:300],
        sent_at=now,
        sent_by=by,
        answer_due=now + referral_deadline(target),
        addendum_to=addendum_to,
    )
    referral.brief = brief.strip()
    referral.snapshot = snapshot
    referral.save()
    files = [item["evidence"] for item in snapshot["files"]]
    ReferralFile.objects.bulk_create(ReferralFile(referral=referral, evidence_id=evidence) for evidence in files)
    record(
        by,
        "referral.sent",
        object_type="referral",
        object_id=referral.pk,
        case=case.pk,
        target=target,
        organisation=organisation.pk,
        addendum_to=addendum_to.pk if addendum_to else None,
        snapshot=fingerprint(snapshot),
        files=len(files),
    )
    # A platform referral is a set of notices, one per item of content, each with its clock.
    notices.create_notices(referral)
    transaction.on_commit(lambda: build_pack.enqueue(referral.pk))
    if target != ReferralTarget.SCHOOL:  # a school's team has the case in its workspace at once
        transaction.on_commit(lambda: tell_recipient_of_referral.enqueue(referral.pk))
    return referral


@transaction.atomic
def refer_case(
    case: Case,
    *,
    target: str,
    organisation: Organisation,
    brief: str,
    legal_ground: str,
    by: User,
    previewed: str | None = None,
    safeguarding_reason: str = "",
) -> Referral:
    """Send a case to a recipient: exactly what the analyst previewed (`previewed`, the
    snapshot's fingerprint), frozen. To a school, it also opens the school case its team runs.

    A school needs the reporter's consent or a safeguarding decision, whose reason goes to the
    audit log (schools.actions.transfer_to_school). The caller holds the case's row lock.
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
    snapshot = redaction.freeze(case, target=target, brief=brief, legal_ground=legal_ground)
    referral = _sent(
        case,
        target=target,
        organisation=organisation,
        brief=brief,
        legal_ground=legal_ground,
        snapshot=snapshot,
        previewed=previewed,
        by=by,
    )
    if school is not None:
        _transfer_to_school(case, referral, school, safeguarding_reason=safeguarding_reason, by=by)
    elif target == ReferralTarget.PLATFORM and case.school_case_id is not None:
        school_actions.follow_takedown(_school_case(case.school_case_id), Takedown.WITH_PLATFORM, by=by)
    if case.status != CaseStatus.REFERRED:
        case.status = CaseStatus.REFERRED
        case.waiting_on, case.waiting_since = "", None
        _save(case, "status", "waiting_on", "waiting_since", by=by)
        _sync_public_status(case)
    else:
        _save(case, by=by)
    return referral


@transaction.atomic
def ensure_snapshot(referral: Referral) -> Referral:
    """A referral sent before snapshots existed is frozen once, as the case is at that moment
    (upgrade path, audited); every referral sent since carries its own from the start."""
    if referral.snapshot_sealed is not None:
        return referral
    locked = Referral.objects.select_for_update().select_related("case", "organisation").get(pk=referral.pk)
    if locked.snapshot_sealed is None:
        snapshot = redaction.freeze(
            locked.case, target=locked.target, brief=locked.brief, legal_ground=locked.legal_ground
        )
        locked.snapshot = snapshot
        locked.save(update_fields=["snapshot_sealed"])
        files = [item["evidence"] for item in snapshot["files"]]
        ReferralFile.objects.bulk_create(
            [ReferralFile(referral=locked, evidence_id=evidence) for evidence in files], ignore_conflicts=True
        )
        record(
            None,
            "referral.frozen_after_upgrade",
            object_type="referral",
            object_id=locked.pk,
            case=locked.case_id,
            snapshot=fingerprint(snapshot),
        )
    return locked


def addendum_snapshot(referral: Referral, *, brief: str) -> redaction.Snapshot:
    """What an addendum to this referral would carry now: only what its recipient does not hold yet."""
    first = referral.first
    held = [first.snapshot, *(addendum.snapshot for addendum in first.addenda.order_by("sent_at", "pk"))]
    return redaction.freeze(
        referral.case, target=first.target, brief=brief, legal_ground=first.legal_ground, already=held
    )


@transaction.atomic
def send_addendum(referral: Referral, *, brief: str, by: User, previewed: str | None = None) -> Referral:
    """New material of the case to a recipient who already has a referral of it, previewed and frozen
    like any referral. The caller holds the case's row lock."""
    first = referral.first
    case = first.case
    if case.is_closed:
        raise CaseClosed()
    if first.target == ReferralTarget.SCHOOL:
        raise NoAddendumForSchool()
    snapshot = addendum_snapshot(first, brief=brief)
    if redaction.is_empty(snapshot) and not brief.strip():
        raise NothingNew()
    return _sent(
        case,
        target=first.target,
        organisation=first.organisation,
        brief=brief,
        legal_ground=first.legal_ground,
        snapshot=snapshot,
        previewed=previewed,
        by=by,
        addendum_to=first,
    )


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


def _school_case(run_id: int) -> ProtocolRun:
    return ProtocolRun.objects.select_related("school__organisation").get(pk=run_id)


# What a platform's answer means for the school that asked for the takedown.
TAKEDOWN_FOR_ANSWER: dict[str, str] = {
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
def update_referral(referral: Referral, *, status: str, answer: str, by: User | None, via: str | None = None) -> None:
    """A liaison acknowledges or answers a referral sent to their organisation (`by` None: the
    school case the referral opened was closed, which answers it, or `via` "api": the recipient's
    organisation token, whose use is audited with it)."""
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
    # Only what this action changes: the pack, built meanwhile by the worker, must not be overwritten.
    referral.save(update_fields=["status", "acknowledged_at", "answered_at", "answer_sealed"])
    record(
        by,
        "referral.updated",
        object_type="referral",
        object_id=referral.pk,
        old=previous,
        new=status,
        case=referral.case_id,
        via=via,
    )
    if referral.target == ReferralTarget.PLATFORM and status in TAKEDOWN_FOR_ANSWER:
        case = referral.case
        if case.school_case_id is not None:
            school_actions.follow_takedown(_school_case(case.school_case_id), TAKEDOWN_FOR_ANSWER[status], by=by)


@transaction.atomic
def escalate_known_content() -> int:
    """Raise every open case holding a known-content file to SANAD_KNOWN_CONTENT_URGENCY (never lower
    it), and apply the rule to reports still waiting for triage. Safe to run again: returns how many
    cases it raised. Run by the scheduler (known_content.py) and `manage.py escalate_known_content`, since a file becomes known
    when the worker analyses it or when a hash list is imported, long after its case was opened."""
    level = settings.SANAD_KNOWN_CONTENT_URGENCY
    if not level:
        return 0
    for report_id in (
        Report.objects.filter(triaged_at__isnull=True, urgency__gt=level, evidence__known=True)
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
        _save(case, "urgency", "first_action_due", by=None, acts=False)
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
