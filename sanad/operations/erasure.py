"""Erasing what retention says has expired (retention.py), and keeping only counts of it.

Each erasure is one transaction that locks the case or school case, checks again that it has
expired and is not held (a hold set meanwhile wins), counts what statistics need
(ErasedCount: per month and per value of one dimension, no free text, no identifier),
deletes the rows, destroys the keys of the files (storage.shred: the bodies go after commit,
and a copy anywhere no longer opens), and writes one audit event with counts and ids only.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sanad.audit.log import record
from sanad.cases.models import Case, Referral
from sanad.evidence import storage
from sanad.evidence.actions import discard_evidence
from sanad.evidence.models import Evidence
from sanad.intake import ratelimit
from sanad.intake.actions import purge_drafts
from sanad.intake.models import Message, Report, ReportDraft
from sanad.operations import retention
from sanad.operations.models import ErasedCount, LegalHold
from sanad.schools.models import ProtocolRun, StepRecord

log = logging.getLogger(__name__)

DANGER_FLAGS = ("danger_now", "self_harm", "sextortion_deadline")
TOLD = ("parent", "teacher", "friend", "other_adult", "nobody")
# Days from arrival to closing, in the buckets statistics report.
DAYS_TO_CLOSE = ((1, "under_1"), (8, "1_7"), (31, "8_30"), (91, "31_90"))


@dataclass
class Summary:
    """What one run of the job did, for its log line and the operator."""

    erased: Counter = field(default_factory=Counter)
    skipped_held: int = 0
    failed: int = 0


def _month(moment: datetime) -> date:
    return timezone.localdate(moment).replace(day=1)


def _add_counts(kind: str, month: date, cells: Counter) -> None:
    for (dimension, value), count in cells.items():
        row, _created = ErasedCount.objects.get_or_create(
            kind=kind, month=month, dimension=dimension, value=str(value)[:40]
        )
        ErasedCount.objects.filter(pk=row.pk).update(count=F("count") + count)


def _days_bucket(start: datetime, end: datetime) -> str:
    days = (end - start).days
    return next((name for limit, name in DAYS_TO_CLOSE if days < limit), "over_90")


def _count_report(report: Report, case: Case) -> None:
    cells: Counter = Counter()
    cells["all", "all"] += 1
    for name in ("urgency", "channel", "language", "reporter_role", "victim_age_band", "victim_gender"):
        cells[name, getattr(report, name)] += 1
    cells["region", report.region.code if report.region else "none"] += 1
    cells["outcome", case.outcome] += 1
    closed_at = cast(datetime, case.closed_at)  # a case is erased once closed
    cells["days_to_close", _days_bucket(report.submitted_at, closed_at)] += 1
    for item in report.categories.all():
        cells["category", item.category] += 1
    for named in report.platforms.all():
        cells["platform", named.platform] += 1
    for flag in DANGER_FLAGS:
        if getattr(report, flag):
            cells["danger", flag] += 1
    for told in TOLD:
        if getattr(report, f"told_{told}"):
            cells["told", told] += 1
    _add_counts(ErasedCount.Kind.REPORT, _month(report.submitted_at), cells)


def _count_run(run: ProtocolRun) -> None:
    cells: Counter = Counter()
    cells["all", "all"] += 1
    cells["region", run.school.region.code] += 1
    cells["school_level", run.school.level] += 1
    cells["severity", run.level or "none"] += 1
    cells["escalated", "yes" if run.escalated_at else "no"] += 1
    for name in ("origin", "told_by", "author", "outcome"):
        cells[name, getattr(run, name)] += 1
    if run.takedown:
        cells["takedown", run.takedown] += 1
    for code in run.categories:
        cells["category", code] += 1
    _add_counts(ErasedCount.Kind.SCHOOL_CASE, _month(run.opened_at), cells)


def _expired(case: Case, kind: str, now: datetime) -> bool:
    return (
        case.is_closed and case.closed_at is not None and case.closed_at + retention.period(kind, case.outcome) <= now
    )


def _case_held(case: Case) -> bool:
    holds = LegalHold.objects.in_force()
    return holds.filter(Q(case=case) | Q(school_case_id=case.school_case_id, school_case__isnull=False)).exists()


def _locked_case(case_id: int, kind: str, now: datetime) -> Case | None:
    """The case, locked, if its `kind` data has expired and no hold keeps it."""
    # The row lock orders this erasure with set_hold, which locks the same row.
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or not _expired(case, kind, now) or _case_held(case):
        return None
    return case


def _erase_files(case: Case) -> tuple[int, int]:
    files = list(Evidence.objects.filter(reports__case_link__case=case).distinct())
    for evidence in files:
        discard_evidence(evidence)
    packs = 0
    for referral in Referral.objects.filter(case=case).exclude(pack_name=""):
        # A pack holds copies of the files: it goes with them.
        storage.shred(referral.pack_name)
        Referral.objects.filter(pk=referral.pk).update(pack_name="", pack_sha256="")
        packs += 1
    return len(files), packs


@transaction.atomic
def erase_case_files(case_id: int, *, now: datetime) -> bool:
    case = _locked_case(case_id, "evidence", now)
    if case is None:
        return False
    files, packs = _erase_files(case)
    if files or packs:
        record(None, "retention.files_erased", object_type="case", object_id=case.pk, files=files, packs=packs)
    return True


@transaction.atomic
def erase_case_messages(case_id: int, *, now: datetime) -> bool:
    case = _locked_case(case_id, "message", now)
    if case is None:
        return False
    erased, _by_model = Message.objects.filter(report__case_link__case=case).delete()
    if erased:
        record(None, "retention.messages_erased", object_type="case", object_id=case.pk, messages=erased)
    return True


@transaction.atomic
def erase_case(case_id: int, *, now: datetime) -> bool:
    """A national case with its reports, their identifiers, words, messages and files, its notes and referrals."""
    case = _locked_case(case_id, "report", now)
    if case is None:
        return False
    reports = list(
        Report.objects.filter(case_link__case=case).select_related("region").prefetch_related("categories", "platforms")
    )
    for report in reports:
        _count_report(report, case)
    files, packs = _erase_files(case)
    messages = Message.objects.filter(report__in=reports).count()
    referrals = case.referrals.count()
    case.delete()  # its report links, notes, referrals and lifted holds with it
    Report.objects.filter(pk__in=[report.pk for report in reports]).delete()
    record(
        None,
        "retention.erased",
        object_type="case",
        object_id=case_id,
        outcome=case.outcome,
        reports=len(reports),
        files=files,
        packs=packs,
        messages=messages,
        referrals=referrals,
    )
    return True


def _files_only_of(run: ProtocolRun) -> list[Evidence]:
    """The files attached to this school case's steps that nothing else refers to."""
    attached = Evidence.objects.filter(
        pk__in=StepRecord.attachments.through.objects.filter(steprecord__run=run).values("evidence")
    )
    elsewhere = (
        Q(reports__isnull=False)
        | Q(pk__in=StepRecord.attachments.through.objects.exclude(steprecord__run=run).values("evidence"))
        | Q(pk__in=ProtocolRun.shared_evidence.through.objects.exclude(protocolrun=run).values("evidence"))
        | Q(pk__in=ReportDraft.evidence.through.objects.values("evidence"))
    )
    return list(attached.exclude(elsewhere).distinct())


@transaction.atomic
def erase_school_case(run_id: int, *, now: datetime) -> bool:
    """A school case with its pupils, steps, parents informed and the files its team attached."""
    # Locked as the national case is: set_hold locks the same row.
    run = ProtocolRun.objects.select_for_update().select_related("school__region").filter(pk=run_id).first()
    if run is None or not run.is_closed or run.closed_at is None:
        return False
    if run.closed_at + retention.period("school_case", run.outcome) > now:
        return False
    if Case.objects.filter(school_case=run).exists() or LegalHold.objects.in_force().filter(school_case=run).exists():
        return False
    _count_run(run)
    files = _files_only_of(run)
    for evidence in files:
        discard_evidence(evidence)
    run.delete()
    record(
        None,
        "retention.erased",
        object_type="school_case",
        object_id=run_id,
        outcome=run.outcome,
        files=len(files),
    )
    return True


ERASERS = {
    "case_files": erase_case_files,
    "case_messages": erase_case_messages,
    "case": erase_case,
    "school_case": erase_school_case,
}


@transaction.atomic
def erase_drafts() -> int:
    drafts = purge_drafts()
    if drafts:
        record(None, "retention.drafts_erased", drafts=drafts)
    return drafts


def erase_expired(now: datetime | None = None) -> Summary:
    """The scheduled job: unfinished drafts, expired rate-limit buckets, then everything due.
    Each item is its own transaction, so one failure stops nothing else."""
    now = now or timezone.now()
    summary = Summary()
    summary.erased["drafts"] = erase_drafts()
    ratelimit.purge_expired()
    for item in retention.due(now):
        if item.held:
            summary.skipped_held += 1
            continue
        try:
            if ERASERS[item.what](item.object_id, now=now):
                summary.erased[item.what] += 1
        except Exception:
            # Logged with its id only; the item is due again at the next run.
            log.exception("erasing %s %s failed", item.what, item.object_id)
            summary.failed += 1
    return summary
