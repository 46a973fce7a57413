"""How long each kind of data is kept, and what is due for erasure when (docs/retention.md).

The clock of a national case's data starts when the case is closed, and its period depends on
the case's outcome (SANAD_RETENTION: "report.referred_to_justice:3650d" overrides "report:730d").
Files and messages may go earlier than the reports they belong to, never later. A school case's
clock starts when it is closed, by its own outcome, and it is never erased before the national
case it is linked to. A legal hold in force keeps a case, its school case and all they hold.
Reports still waiting for triage and open cases are never due.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from sanad.cases.models import Case, CaseStatus, Outcome, Referral
from sanad.evidence.models import Evidence
from sanad.intake.models import Message
from sanad.operations.models import LegalHold
from sanad.schools.models import ProtocolRun, RunOutcome, RunStatus

# What SANAD_RETENTION gives a period to, and the outcomes each kind may name.
KINDS = {
    "report": Outcome.values,
    "evidence": Outcome.values,
    "message": Outcome.values,
    "school_case": RunOutcome.values,
}
# The window administrators look ahead to.
LOOK_AHEAD = timedelta(days=30)


def period(kind: str, outcome: str) -> timedelta:
    """The configured period of this kind of data for this outcome (files and messages: never
    longer than the reports they belong to)."""
    policy = settings.SANAD_RETENTION
    own = policy.get(f"{kind}.{outcome}", policy[kind])
    if kind in {"evidence", "message"}:
        return min(own, period("report", outcome))
    return own


@dataclass(frozen=True)
class Due:
    """One erasure the job will do: `what` is "case", "case_files", "case_messages" or "school_case"."""

    what: str
    object_id: int
    reference: str
    outcome: str
    closed_at: datetime
    erase_at: datetime
    held: bool


def held_case_ids() -> set[int]:
    """Cases under a legal hold, directly or through their school case."""
    holds = LegalHold.objects.in_force()
    direct = set(holds.filter(case__isnull=False).values_list("case_id", flat=True))
    via_school = set(
        Case.objects.filter(school_case__in=holds.filter(school_case__isnull=False).values("school_case")).values_list(
            "pk", flat=True
        )
    )
    return direct | via_school


def held_run_ids() -> set[int]:
    """School cases under a legal hold, directly or through their national case."""
    holds = LegalHold.objects.in_force()
    direct = set(holds.filter(school_case__isnull=False).values_list("school_case_id", flat=True))
    via_case = set(
        Case.objects.filter(
            pk__in=holds.filter(case__isnull=False).values("case"), school_case__isnull=False
        ).values_list("school_case_id", flat=True)
    )
    return direct | via_case


def _closed_cases(kind: str, until: datetime) -> QuerySet[Case]:
    """Closed cases whose `kind` data expires on or before `until`, whatever their outcome."""
    expired = Q(pk__in=[])
    for outcome in Outcome.values:
        expired |= Q(outcome=outcome, closed_at__lte=until - period(kind, outcome))
    return Case.objects.filter(status=CaseStatus.CLOSED, closed_at__isnull=False).filter(expired)


def _has_files() -> Q:
    files = Evidence.objects.filter(reports__case_link__case=OuterRef("pk"))
    return Q(Exists(files)) | Q(Exists(Referral.objects.filter(case=OuterRef("pk")).exclude(pack_name="")))


def _has_messages() -> Exists:
    return Exists(Message.objects.filter(report__case_link__case=OuterRef("pk")))


def _due_cases(until: datetime, held: set[int]) -> list[Due]:
    found: list[Due] = []
    stages = (
        ("case_files", "evidence", _closed_cases("evidence", until).filter(_has_files())),
        ("case_messages", "message", _closed_cases("message", until).filter(_has_messages())),
        ("case", "report", _closed_cases("report", until)),
    )
    for what, kind, cases in stages:
        for case in cases.only("pk", "reference", "outcome", "closed_at"):
            closed_at = cast(datetime, case.closed_at)  # _closed_cases: closed_at__isnull=False
            found.append(
                Due(
                    what=what,
                    object_id=case.pk,
                    reference=case.reference,
                    outcome=case.outcome,
                    closed_at=closed_at,
                    erase_at=closed_at + period(kind, case.outcome),
                    held=case.pk in held,
                )
            )
    return found


def _due_runs(until: datetime, held: set[int], case_erasures: dict[int, datetime]) -> list[Due]:
    expired = Q(pk__in=[])
    for outcome in RunOutcome.values:
        expired |= Q(outcome=outcome, closed_at__lte=until - period("school_case", outcome))
    runs = ProtocolRun.objects.filter(status=RunStatus.CLOSED, closed_at__isnull=False).filter(expired)
    found = []
    for run in runs.select_related("national_case").only(
        "pk", "reference", "outcome", "closed_at", "national_case__id", "national_case__status"
    ):
        closed_at = cast(datetime, run.closed_at)  # closed_at__isnull=False
        erase_at = closed_at + period("school_case", run.outcome)
        national = getattr(run, "national_case", None)
        if national is not None:
            # Never before the national case it is part of: that case's reports point at it.
            if national.pk not in case_erasures:
                continue
            erase_at = max(erase_at, case_erasures[national.pk])
            if erase_at > until:
                continue
        found.append(
            Due(
                what="school_case",
                object_id=run.pk,
                reference=run.reference,
                outcome=run.outcome,
                closed_at=closed_at,
                erase_at=erase_at,
                held=run.pk in held,
            )
        )
    return found


def due(until: datetime) -> list[Due]:
    """Everything whose period ends on or before `until`, held or not (the job skips the held),
    in the order the job erases it: files and messages, cases, then school cases."""
    cases = _due_cases(until, held_case_ids())
    case_erasures = {item.object_id: item.erase_at for item in cases if item.what == "case" and not item.held}
    return cases + _due_runs(until, held_run_ids(), case_erasures)
