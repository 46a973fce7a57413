"""Changes to school cases: atomic, audited, side effects after commit.

Audit events name the case and the step, never a pupil or what anyone wrote.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.evidence.actions import capture_file
from sanad.lib.errors import SanadError
from sanad.reference import urgency as urgency_rules
from sanad.schools.models import (
    Approach,
    Author,
    Origin,
    ParentContact,
    ProtocolRun,
    ProtocolVersion,
    Pupil,
    RunOutcome,
    RunStatus,
    Safety,
    School,
    SeriousBecause,
    Severity,
    StepRecord,
    StepState,
    Takedown,
    TeamMember,
    ToldBy,
)
from sanad.schools.protocol import FROM_ASSESSMENT, Step, validate
from sanad.schools.tasks import notify_head, tell_oncall_of_school_case


class SchoolCaseError(SanadError):
    code = "school_case"


class RunClosed(SchoolCaseError):
    code = "school_case_closed"
    message = _("This case is closed.")


class StepNotPending(SchoolCaseError):
    code = "step_not_pending"
    message = _("This step has already been recorded.")


class CannotSkip(SchoolCaseError):
    code = "step_cannot_skip"
    message = _("The protocol does not allow this step to be marked not applicable.")


class ReasonNeeded(SchoolCaseError):
    code = "step_reason_needed"
    message = _("Please say why this step does not apply.")


class StepNeedsMore(SchoolCaseError):
    code = "step_needs_more"


class ConsentNeeded(SchoolCaseError):
    code = "school_consent_needed"
    message = _(
        "The reporter has not agreed to involve the school. Record a safeguarding decision with its reason to share it."
    )


class StepsLeft(SchoolCaseError):
    code = "steps_left"

    def __init__(self, names: list[str]) -> None:
        super().__init__(_("Before closing, record or mark not applicable: %(steps)s.") % {"steps": ", ".join(names)})


@dataclass(frozen=True)
class PupilEntry:
    role: str
    name: str
    class_name: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


def step_definition(run: ProtocolRun, code: str) -> Step:
    step = run.protocol.step(code)
    if step is None:
        raise SchoolCaseError()
    return step


def _open_run(
    school: School,
    *,
    by: User | None,
    origin: str,
    told_by: str,
    categories: list[str],
    facts: str,
    evidence_kept: bool,
    author: str,
    safeguarding_override: bool = False,
) -> ProtocolRun:
    protocol = ProtocolVersion.objects.current()
    now = timezone.now()
    run = ProtocolRun(
        school=school,
        protocol=protocol,
        origin=origin,
        told_by=told_by,
        categories=sorted(set(categories)),
        evidence_kept=evidence_kept,
        author=author,
        safeguarding_override=safeguarding_override,
        opened_at=now,
        opened_by=by,
    )
    run.facts = facts.strip()
    run.save()
    StepRecord.objects.bulk_create(
        StepRecord(run=run, code=step.code, position=position, due_at=step.due_at(opened_at=now, assessed_at=None))
        for position, step in enumerate(protocol.steps, start=1)
    )
    return run


def _add_pupils(run: ProtocolRun, pupils: list[PupilEntry]) -> None:
    for entry in pupils:
        if not entry.name.strip():
            continue
        pupil = Pupil(run=run, role=entry.role, added_at=timezone.now())
        pupil.name = entry.name.strip()[:200]
        pupil.class_name = entry.class_name.strip()[:100]
        pupil.save()


def _attach(step: StepRecord, attachments: list[Attachment], by: User) -> None:
    for attachment in attachments:
        evidence = capture_file(attachment.data, name=attachment.name, actor=f"staff:{by.pk}")
        step.attachments.add(evidence)


@transaction.atomic
def record_case(
    school: School,
    *,
    by: User,
    told_by: str,
    categories: list[str],
    facts: str,
    evidence_kept: bool,
    author: str,
    pupils: list[PupilEntry],
    attachments: Sequence[Attachment] = (),
) -> ProtocolRun:
    """A team member records what a pupil, a parent or a colleague told them: step 1 is done."""
    run = _open_run(
        school,
        by=by,
        origin=Origin.TEAM,
        told_by=told_by,
        categories=categories,
        facts=facts,
        evidence_kept=evidence_kept,
        author=author,
    )
    _add_pupils(run, pupils)
    record(by, "school_case.opened", object_type="school_case", object_id=run.pk, school=school.pk, origin=run.origin)
    first = run.steps.get(position=1)
    _attach(first, list(attachments), by)
    _finish(run, first, by=by)
    _note_path(run, by)
    return run


@transaction.atomic
def transfer_to_school(
    school: School,
    *,
    by: User,
    origin: str,
    categories: list[str],
    facts: str,
    consent: bool,
    override_reason: str = "",
) -> ProtocolRun:
    """The national centre hands a situation to a school's team (called by the back-office).

    Without the reporter's consent it needs a safeguarding decision, whose reason goes to
    the audit log. The team completes the record (the pupils, by the names they know).
    """
    if origin not in {Origin.CENTRE, Origin.PORTAL}:
        raise SchoolCaseError()
    if not consent and not override_reason.strip():
        raise ConsentNeeded()
    run = _open_run(
        school,
        by=by,
        origin=origin,
        told_by=ToldBy.CENTRE,
        categories=categories,
        facts=facts,
        evidence_kept=False,
        author=Author.UNKNOWN,
        safeguarding_override=not consent,
    )
    record(
        by,
        "school_case.transferred",
        object_type="school_case",
        object_id=run.pk,
        school=school.pk,
        origin=origin,
        consent=consent,
        safeguarding_reason=override_reason.strip()[:300] if not consent else None,
    )
    return run


def _locked_step(run: ProtocolRun, code: str) -> StepRecord:
    if run.is_closed:
        raise RunClosed()
    step = StepRecord.objects.select_for_update().filter(run=run, code=code).first()
    if step is None:
        raise SchoolCaseError()
    return step


def _finish(run: ProtocolRun, step: StepRecord, *, by: User, note: str = "", details: dict | None = None) -> None:
    step.state = StepState.DONE
    step.done_at = timezone.now()
    step.done_by = by
    if note.strip():
        step.note = note.strip()
    step.details = details or {}
    step.save()
    record(by, "school_case.step_done", object_type="school_case", object_id=run.pk, step=step.code)


@transaction.atomic
def complete_step(
    run: ProtocolRun,
    code: str,
    *,
    by: User,
    note: str = "",
    details: dict[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
) -> StepRecord:
    """Mark a step done with what it records. Severity and closing have their own actions."""
    step = _locked_step(run, code)
    if step.state != StepState.PENDING:
        raise StepNotPending()
    definition = step_definition(run, code)
    details = details or {}
    if "level" in definition.records or "outcome" in definition.records:
        raise SchoolCaseError()
    kept: dict[str, str] = {}
    if "safety" in definition.records:
        if details.get("safety") not in Safety.values:
            raise StepNeedsMore(_("Please say how safe the pupil is now."))
        kept["safety"] = details["safety"]
    if "approach" in definition.records:
        if details.get("approach") not in Approach.values:
            raise StepNeedsMore(_("Please choose the approach taken."))
        kept["approach"] = details["approach"]
    if "parents" in definition.records and not run.parent_contacts.exists():
        raise StepNeedsMore(_("Record at least one parent informed first, or mark the step not applicable."))
    if "takedown" in definition.records and not run.takedown:
        raise StepNeedsMore(_("Ask for the removal first, or mark the step not applicable."))
    # A step whose record is a note needs one; where something else was recorded, the note is optional.
    recorded_else = bool(kept) or bool({"parents", "takedown"} & set(definition.records))
    if "note" in definition.records and not note.strip() and not recorded_else:
        raise StepNeedsMore(_("Please write a short note of what was done."))
    if attachments and "attachments" in definition.records:
        _attach(step, list(attachments), by)
    _finish(run, step, by=by, note=note, details=kept)
    return step


@transaction.atomic
def skip_step(run: ProtocolRun, code: str, *, by: User, reason: str) -> StepRecord:
    step = _locked_step(run, code)
    if step.state != StepState.PENDING:
        raise StepNotPending()
    if not step_definition(run, code).not_applicable:
        raise CannotSkip()
    if not reason.strip():
        raise ReasonNeeded()
    step.state = StepState.NOT_APPLICABLE
    step.done_at = timezone.now()
    step.done_by = by
    step.reason = reason.strip()[:1000]
    step.save()
    record(by, "school_case.step_not_applicable", object_type="school_case", object_id=run.pk, step=code)
    return step


@transaction.atomic
def add_pupil(run: ProtocolRun, entry: PupilEntry, *, by: User) -> None:
    if run.is_closed:
        raise RunClosed()
    if not entry.name.strip() or entry.role not in Pupil.Role.values:
        raise StepNeedsMore(_("Please give the pupil's name and role."))
    _add_pupils(run, [entry])
    record(by, "school_case.pupil_added", object_type="school_case", object_id=run.pk, role=entry.role)


@transaction.atomic
def set_author(run: ProtocolRun, author: str, *, by: User) -> None:
    if run.is_closed:
        raise RunClosed()
    if author not in Author.values:
        raise SchoolCaseError()
    if author == run.author:
        return
    run.author = author
    run.save(update_fields=["author", "updated_at"])
    record(by, "school_case.author_set", object_type="school_case", object_id=run.pk, author=author)
    _note_path(run, by)


def _note_path(run: ProtocolRun, by: User) -> None:
    if run.educational_path:
        record(by, "school_case.educational_path", object_type="school_case", object_id=run.pk)


@transaction.atomic
def assess(run: ProtocolRun, *, by: User, level: int, serious_because: list[str], note: str = "") -> None:
    """Set the severity level. Level 3 escalates at once, the first time it is reached."""
    definition = cast(Step, run.protocol.step_recording("level"))  # a valid protocol has it (protocol.REQUIRED)
    step = _locked_step(run, definition.code)
    if level not in Severity.values:
        raise StepNeedsMore(_("Please choose a level."))
    reasons = sorted(set(serious_because) & set(SeriousBecause.values))
    if level == Severity.SERIOUS and not reasons:
        raise StepNeedsMore(_("Please say what makes it serious."))
    now = timezone.now()
    previous = run.level
    run.level = level
    run.serious_because = reasons if level == Severity.SERIOUS else []
    first_assessment = run.assessed_at is None
    run.assessed_at = run.assessed_at or now
    escalate = level == Severity.SERIOUS and run.escalated_at is None
    if escalate:
        run.escalated_at = now
    run.save(update_fields=["level", "serious_because", "assessed_at", "escalated_at", "updated_at"])
    if first_assessment:
        _start_assessment_deadlines(run)
    record(
        by,
        "school_case.assessed",
        object_type="school_case",
        object_id=run.pk,
        old=previous,
        new=level,
        because=run.serious_because or None,
    )
    if step.state == StepState.PENDING:
        _finish(run, step, by=by, note=note, details={"level": str(level)})
    if escalate:
        record(by, "school_case.escalated", object_type="school_case", object_id=run.pk)
        transaction.on_commit(lambda: notify_head.enqueue(run.pk))
    # Level 3 asks the centre; a reassessment asks again only when it makes the case more urgent
    # (a risk of self-harm found later).
    if level == Severity.SERIOUS and (
        escalate or centre_urgency(run, at_least=ESCALATED_AT_LEAST) < (run.centre_urgency or "P9")
    ):
        ask_the_centre(run, at_least=ESCALATED_AT_LEAST, because="escalated", by=by)


# Level 3 reaches the centre at least this urgent (DOMAIN.md: "P1 or higher"); a take-down alone
# asks it to act within 72 hours at most.
ESCALATED_AT_LEAST = urgency_rules.P1
TAKEDOWN_AT_LEAST = urgency_rules.P2


def centre_urgency(run: ProtocolRun, *, at_least: str) -> str:
    """What the school's own signals give under the portal's rules, never less urgent than `at_least`."""
    danger_now, self_harm = run.danger_signals
    level = urgency_rules.urgency_for(
        danger_now=danger_now, self_harm=self_harm, sextortion_deadline=False, categories=set(run.categories)
    )
    return min(level, at_least)


def ask_the_centre(run: ProtocolRun, *, at_least: str, because: str, by: User) -> None:
    """The school asks the national centre to act (level 3, a take-down). Nothing is pushed: the
    centre's queue reads school cases that asked (as it reads new reports), and the centre's own
    job picks up a later request on a case it already has. A P0 calls the on-call staff now."""
    now = timezone.now()
    wanted = centre_urgency(run, at_least=at_least)
    previous = run.centre_urgency
    run.centre_asked_at = run.centre_asked_at or now
    run.centre_asked_again_at = now
    run.centre_urgency = min(previous, wanted) if previous else wanted
    run.centre_due = urgency_rules.first_action_due(run.centre_urgency, received_at=run.centre_asked_at)
    run.save(update_fields=["centre_asked_at", "centre_asked_again_at", "centre_urgency", "centre_due", "updated_at"])
    record(
        by,
        "school_case.centre_asked",
        object_type="school_case",
        object_id=run.pk,
        because=because,
        urgency=run.centre_urgency,
    )
    if run.centre_urgency == urgency_rules.P0 and previous != urgency_rules.P0:
        transaction.on_commit(lambda: tell_oncall_of_school_case.enqueue(run.pk))


def _start_assessment_deadlines(run: ProtocolRun) -> None:
    for definition in run.protocol.steps:
        if definition.deadline_from == FROM_ASSESSMENT:
            due = definition.due_at(opened_at=run.opened_at, assessed_at=run.assessed_at)
            run.steps.filter(code=definition.code, state=StepState.PENDING).update(due_at=due)


@transaction.atomic
def inform_parents(
    run: ProtocolRun,
    *,
    by: User,
    pupil: Pupil,
    relation: str,
    informed_on: date,
    means: str,
    response: str,
) -> ParentContact:
    if run.is_closed:
        raise RunClosed()
    if pupil.run_id != run.pk:
        raise SchoolCaseError()
    if informed_on > timezone.localdate():
        raise StepNeedsMore(_("The date cannot be in the future."))
    contact = ParentContact(
        run=run,
        pupil=pupil,
        relation=relation,
        informed_on=informed_on,
        means=means,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    contact.response = response.strip()[:2000]
    contact.save()
    record(by, "school_case.parents_informed", object_type="school_case", object_id=run.pk, means=means)
    return contact


@transaction.atomic
def request_takedown(run: ProtocolRun, *, by: User, links: str) -> None:
    """Ask the national centre to have content removed; the centre refers it to the platform."""
    if run.is_closed:
        raise RunClosed()
    if run.takedown:
        raise StepNotPending()
    if not links.strip():
        raise StepNeedsMore(_("Please give the links or the accounts where the content is."))
    run.takedown = Takedown.REQUESTED
    run.takedown_links = links.strip()[:4000]
    run.save(update_fields=["takedown", "takedown_links_sealed", "updated_at"])
    record(by, "school_case.takedown_requested", object_type="school_case", object_id=run.pk)
    ask_the_centre(
        run, at_least=ESCALATED_AT_LEAST if run.is_escalated else TAKEDOWN_AT_LEAST, because="takedown", by=by
    )
    definition = run.protocol.step_recording("takedown")
    if definition is not None:
        step = run.steps.select_for_update().get(code=definition.code)
        if step.state == StepState.PENDING:
            _finish(run, step, by=by, note="")


@transaction.atomic
def follow_takedown(run: ProtocolRun, status: str, *, by: User | None) -> None:
    """The national centre's referral to the platform moved on (called by the back-office)."""
    if status not in Takedown.values or run.takedown == status:
        return
    previous = run.takedown
    run.takedown = status
    run.save(update_fields=["takedown", "updated_at"])
    record(by, "school_case.takedown_updated", object_type="school_case", object_id=run.pk, old=previous, new=status)


@transaction.atomic
def share_evidence(run: ProtocolRun, evidence_ids: list[str], *, by: User) -> None:
    """The national centre shows the team specific files (called by the back-office). A file
    already shown stays as it is: its sharing is not recorded twice."""
    shown = {str(pk) for pk in run.shared_evidence.filter(pk__in=evidence_ids).values_list("pk", flat=True)}
    new = [str(evidence_id) for evidence_id in evidence_ids if str(evidence_id) not in shown]
    run.shared_evidence.add(*new)  # type: ignore[arg-type]  # ids of Evidence, a UUID; django-stubs expects int
    for evidence_id in new:
        record(
            by, "school_case.evidence_shared", object_type="school_case", object_id=run.pk, evidence=str(evidence_id)
        )


@transaction.atomic
def close_run(run: ProtocolRun, *, by: User, outcome: str, review: str) -> None:
    definition = cast(Step, run.protocol.step_recording("outcome"))  # a valid protocol has it (protocol.REQUIRED)
    step = _locked_step(run, definition.code)
    if outcome not in RunOutcome.values:
        raise StepNeedsMore(_("Please choose an outcome."))
    if not review.strip():
        raise StepNeedsMore(_("Please write a short review."))
    names = run.protocol.step_names()
    left = [
        names[code]
        for code in run.steps.filter(state=StepState.PENDING).exclude(code=step.code).values_list("code", flat=True)
    ]
    if left:
        raise StepsLeft(left)
    now = timezone.now()
    run.status, run.outcome, run.closed_at = RunStatus.CLOSED, outcome, now
    run.review = review.strip()[:4000]
    run.save(update_fields=["status", "outcome", "closed_at", "review_sealed", "updated_at"])
    _finish(run, step, by=by, details={"outcome": outcome})
    record(by, "school_case.closed", object_type="school_case", object_id=run.pk, outcome=outcome)


# Two administrators may publish at the same moment; the loser of the unique number reads again.
PUBLISH_ATTEMPTS = 3


class ProtocolChanged(SanadError):
    code = "protocol_changed"
    status = 409

    def __init__(self, number: int) -> None:
        super().__init__(
            gettext_lazy(
                "Version %(number)s was published while you were editing. Your changes are still below:"
                " compare them with the new version, then publish again."
            )
            % {"number": number}
        )
        self.number = number


def publish_protocol(
    definition: dict[str, object], *, summary: str, by: User, based_on: int | None = None
) -> ProtocolVersion:
    """A new version of the protocol; InvalidProtocol if the platform could not run it.

    `based_on` is the version the administrator edited: if another one was published
    since, ProtocolChanged, rather than silently undoing the other administrator's changes.
    """
    validate(definition)
    for _attempt in range(PUBLISH_ATTEMPTS):
        try:
            with transaction.atomic():
                latest = ProtocolVersion.objects.current()
                if based_on is not None and latest.number != based_on:
                    raise ProtocolChanged(latest.number)
                version = ProtocolVersion.objects.create(
                    number=latest.number + 1, definition=definition, summary=summary, published_by=by
                )
                record(by, "protocol.published", object_type="protocol", object_id=version.pk, number=version.number)
            return version
        except IntegrityError:
            # Someone else took this number between our read and our insert (number is unique).
            continue
    raise ProtocolChanged(ProtocolVersion.objects.current().number)


@transaction.atomic
def record_training(user: User, *, on: date, by: User | None) -> bool:
    """A resource-team member passed the team's training (sanad/training): their `trained_on` date,
    which the school figures count ("schools with no trained team"). False when they are in no team.
    The date is that of the latest training passed; an older one never replaces a newer one."""
    member = TeamMember.objects.select_for_update().filter(user=user).first()
    if member is None:
        return False
    if member.trained_on is None or member.trained_on < on:
        member.trained_on = on
        member.save(update_fields=["trained_on"])
        record(by, "school.member_trained", object_type="school", object_id=member.school_id, member=member.pk)
    return True
