"""What the national centre reads of a school case, on the page of the case linked to it.

The centre sees the whole record of a school case it is part of (escalated to it, transferred
by it, or with content to take down): the facts, the pupils by name, every step with its
note, the parents informed and the outcome. Everything sealed is opened here, for one page.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sanad.cases.forms import display_name
from sanad.cases.models import Case, Referral, ReferralTarget
from sanad.cases.reading import File, file_for
from sanad.evidence.models import Evidence
from sanad.schools.models import (
    Approach,
    ParentContact,
    ProtocolRun,
    RunOutcome,
    Safety,
    SeriousBecause,
    Severity,
    StepRecord,
    StepState,
)

DETAIL_LABELS: dict[str, tuple[Promise, dict]] = {
    "safety": (_("Safety"), dict(Safety.choices)),
    "level": (_("Level"), {str(value): label for value, label in Severity.choices}),
    "approach": (_("Approach"), dict(Approach.choices)),
    "outcome": (_("Outcome"), dict(RunOutcome.choices)),
}

# Level 3: who the competent authority is for each reason the team gave (DOMAIN.md, step 3).
AUTHORITY_FOR = {
    SeriousBecause.SEXUAL_CONTENT: ReferralTarget.POLICE,
    SeriousBecause.EXTORTION: ReferralTarget.POLICE,
    SeriousBecause.THREATS: ReferralTarget.POLICE,
    SeriousBecause.CRIME: ReferralTarget.POLICE,
    SeriousBecause.SELF_HARM: ReferralTarget.SUPPORT,
}


@dataclass
class StepLine:
    number: int
    name: str
    state: str
    state_label: str
    due_at: datetime | None
    overdue: bool
    done_by: str
    done_at: datetime | None
    note: str
    reason: str
    details: list[tuple[str, str]] = field(default_factory=list)
    files: list[File] = field(default_factory=list)


@dataclass
class ParentLine:
    pupil: str
    relation: str
    informed_on: date
    means: str
    response: str


@dataclass
class Proposal:
    target: str
    label: str
    url: str
    because: list[str]
    referred: bool


@dataclass
class SchoolReading:
    run: ProtocolRun
    facts: str
    categories: list[str]
    serious_because: list[str]
    pupils: list[tuple[str, str, str]]  # name, class, role
    steps: list[StepLine]
    parents: list[ParentLine]
    review: str
    proposals: list[Proposal]
    shared: set[str]


def load_run(run: ProtocolRun) -> ProtocolRun:
    """Everything the section shows, in a fixed number of queries."""
    steps = StepRecord.objects.select_related("done_by").prefetch_related("attachments").order_by("position")
    prefetch_related_objects(
        [run],
        "pupils",
        Prefetch("steps", queryset=steps),
        Prefetch("parent_contacts", queryset=ParentContact.objects.select_related("pupil")),
        Prefetch("shared_evidence", queryset=Evidence.objects.only("pk")),
    )
    return run


def read_school_case(
    run: ProtocolRun, *, case: Case | None, referrals: list[Referral], revealed: set[str], now: datetime
) -> SchoolReading:
    """`run` comes from load_run; `referrals` are the case's (none before the centre opens a case)."""
    names = run.protocol.step_names()
    return SchoolReading(
        run=run,
        facts=run.facts,
        categories=run.category_labels(),
        serious_because=run.serious_labels(),
        pupils=[(pupil.name, pupil.class_name, pupil.get_role_display()) for pupil in run.pupils.all()],
        steps=[_step(number, step, names, revealed, now) for number, step in enumerate(run.steps.all(), start=1)],
        parents=[
            ParentLine(
                pupil=contact.pupil.name,
                relation=contact.get_relation_display(),
                informed_on=contact.informed_on,
                means=contact.get_means_display(),
                response=contact.response,
            )
            for contact in run.parent_contacts.all()
        ],
        review=run.review,
        proposals=_proposals(run, case, referrals) if case is not None else [],
        shared={str(item.pk) for item in run.shared_evidence.all()},
    )


def _step(number: int, step: StepRecord, names: dict[str, str], revealed: set[str], now: datetime) -> StepLine:
    details = []
    for key, value in step.details.items():
        label, choices = DETAIL_LABELS.get(key, (key, {}))
        details.append((str(label), str(choices.get(str(value), value))))
    return StepLine(
        number=number,
        name=names.get(step.code, step.code),
        state=step.state,
        state_label=step.get_state_display(),
        due_at=step.due_at,
        overdue=step.is_overdue(now),
        done_by=display_name(step.done_by) if step.done_by else "",
        done_at=step.done_at if step.state != StepState.PENDING else None,
        note=step.note,
        reason=step.reason,
        details=details,
        files=[file_for(item, revealed) for item in step.attachments.all()],
    )


def _proposals(run: ProtocolRun, case: Case, referrals: list[Referral]) -> list[Proposal]:
    """Level 3: a referral to the competent authority is proposed, one per kind of authority."""
    if run.level != Severity.SERIOUS or case.is_closed:
        return []
    found: dict[str, list[str]] = {}
    labels = dict(SeriousBecause.choices)
    for reason in run.serious_because:
        target = AUTHORITY_FOR.get(SeriousBecause(reason)) if reason in SeriousBecause.values else None
        if target is not None:
            found.setdefault(target, []).append(str(labels[reason]))
    sent = {referral.target for referral in referrals}
    return [
        Proposal(
            target=target,
            label=str(ReferralTarget(target).label),
            url=f"{reverse('cases:refer', args=[case.pk])}?target={target}",
            because=reasons,
            referred=target in sent,
        )
        for target, reasons in found.items()
    ]
