"""The school protocol's rules, through its actions: what each step needs, what it refuses, what it sends."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone, translation

from sanad.audit.models import AuditEvent
from sanad.schools import actions
from sanad.schools.actions import (
    CannotSkip,
    ConsentNeeded,
    PupilEntry,
    ReasonNeeded,
    RunClosed,
    SchoolCaseError,
    StepNeedsMore,
    StepNotPending,
    StepsLeft,
)
from sanad.schools.models import (
    Author,
    Origin,
    ParentContact,
    ProtocolRun,
    Pupil,
    RunOutcome,
    RunStatus,
    StepRecord,
    StepState,
    Takedown,
    TeamMember,
)
from sanad.schools.tests.conftest import AUTHOR_NAME, VICTIM_NAME, record
from sanad.testing import team_member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
FACTS = "Des messages moqueurs dans un groupe de classe depuis deux semaines (exemple fictif)."
OPENING_DEADLINES = {
    "record": timedelta(hours=24),
    "listen": timedelta(hours=48),
    "assess": timedelta(hours=72),
    "parents": timedelta(hours=72),
    "hear": timedelta(days=5),
    "protect": timedelta(days=5),
    "measures": timedelta(days=10),
    "takedown": None,  # from the assessment, not known yet
    "follow_up_week": timedelta(weeks=1),
    "follow_up_month": timedelta(days=30),
    "close": None,
}


def step(run: ProtocolRun, code: str) -> StepRecord:
    return run.steps.get(code=code)


def fresh(run: ProtocolRun) -> ProtocolRun:
    return ProtocolRun.objects.get(pk=run.pk)


def victim(run: ProtocolRun) -> Pupil:
    return run.pupils.get(role=Pupil.Role.VICTIM)


def about(run: ProtocolRun, outbox: list) -> list:  # type: ignore[type-arg]
    """The e-mails naming this case (the back-office may send its own about the national case)."""
    return [message for message in outbox if run.reference in message.subject]


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


class Recorded:
    """What the audit log says happened so far, compared like a list when the test asks."""

    def __init__(self, action: str, shape) -> None:  # type: ignore[no-untyped-def]
        self.action, self.shape = action, shape

    def __eq__(self, other: object) -> bool:
        return [self.shape(event) for event in events(self.action)] == other

    def __repr__(self) -> str:
        return repr([self.shape(event) for event in events(self.action)])


@pytest.fixture
def escalations():
    """Every time a case asked the national centre because of level 3, as (run id, actor id):
    the centre's queue reads this state (ProtocolRun.centre_asked_at), nothing is sent to it."""
    return Recorded(
        "school_case.centre_asked",
        lambda event: (int(event.object_id), event.actor_id) if event.detail["because"] == "escalated" else None,
    )


@pytest.fixture
def closings():
    return Recorded("school_case.closed", lambda event: int(event.object_id))


def finish_every_step(run: ProtocolRun, by) -> None:  # type: ignore[no-untyped-def]
    """Record or mark not applicable every step but the last, as a team would over a month."""
    actions.complete_step(run, "listen", by=by, details={"safety": "safe"})
    actions.assess(run, by=by, level=1, serious_because=[])
    actions.inform_parents(
        run,
        by=by,
        pupil=victim(run),
        relation="mother",
        informed_on=timezone.localdate(),
        means="phone",
        response="La mère remercie l'école (fictif).",
    )
    actions.complete_step(run, "parents", by=by, note="Appel passé.")
    actions.complete_step(run, "hear", by=by, note="Entendus séparément.")
    actions.skip_step(run, "protect", by=by, reason="Aucun besoin exprimé.")
    actions.complete_step(run, "measures", by=by, details={"approach": "restorative"})
    actions.skip_step(run, "takedown", by=by, reason="Les messages ont été supprimés par leur auteur.")
    actions.complete_step(run, "follow_up_week", by=by, note="Tout va mieux.")
    actions.complete_step(run, "follow_up_month", by=by, note="Plus rien depuis un mois.")


# Recording a case


def test_recording_a_case_creates_every_step_with_its_deadline_from_the_opening(school_a, teacher_a, time_machine):
    time_machine.move_to(NOW, tick=False)
    run = record(school_a, teacher_a)

    assert (run.origin, run.status, run.opened_at, run.opened_by) == (Origin.TEAM, RunStatus.OPEN, NOW, teacher_a)
    steps = list(run.steps.order_by("position"))
    assert [s.code for s in steps] == list(OPENING_DEADLINES)
    assert [s.position for s in steps] == list(range(1, 12))
    for s in steps:
        expected = OPENING_DEADLINES[s.code]
        assert s.due_at == (None if expected is None else NOW + expected), s.code
    first = steps[0]
    assert (first.state, first.done_by, first.done_at) == (StepState.DONE, teacher_a, NOW)
    assert all(s.state == StepState.PENDING for s in steps[1:])
    assert [e.object_id for e in events("school_case.opened")] == [str(run.pk)]


def test_the_takedown_deadline_starts_24_hours_after_the_assessment(school_a, teacher_a, time_machine):
    time_machine.move_to(NOW, tick=False)
    run = record(school_a, teacher_a)
    assert step(run, "takedown").due_at is None

    assessed = NOW + timedelta(hours=30)
    time_machine.move_to(assessed, tick=False)
    actions.assess(run, by=teacher_a, level=2, serious_because=[])
    assert step(run, "takedown").due_at == assessed + timedelta(hours=24)
    # The deadlines counted from the opening do not move.
    assert step(run, "parents").due_at == NOW + timedelta(hours=72)

    # A second assessment does not restart the clock.
    time_machine.move_to(assessed + timedelta(hours=5), tick=False)
    actions.assess(run, by=teacher_a, level=1, serious_because=[])
    assert step(run, "takedown").due_at == assessed + timedelta(hours=24)


def test_pupils_and_facts_are_sealed_in_the_database(recorded):
    assert {(p.role, p.name, p.class_name) for p in recorded.pupils.all()} == {
        ("victim", VICTIM_NAME, "2e année B"),
        ("involved", AUTHOR_NAME, "2e année B"),
    }
    assert recorded.facts == FACTS
    secrets = [VICTIM_NAME, AUTHOR_NAME, "2e année B", "moqueurs"]
    for model in (Pupil, ProtocolRun, StepRecord):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608 (a table name of ours)
            rows = cursor.fetchall()
        assert rows
        raw = b"".join(
            bytes(value) if isinstance(value, memoryview | bytes) else str(value).encode()
            for row in rows
            for value in row
        )
        for secret in secrets:
            assert secret.encode() not in raw, (model.__name__, secret)


def test_blank_pupil_names_are_left_out(school_a, teacher_a):
    run = record(school_a, teacher_a, pupils=[PupilEntry("victim", "  "), PupilEntry("witness", "Rim Imaginaire")])
    assert [(p.role, p.name) for p in run.pupils.all()] == [("witness", "Rim Imaginaire")]


# Completing a step


@pytest.mark.parametrize(
    ("code", "kwargs", "message"),
    [
        ("listen", {"note": "Entretien fait."}, "Please say how safe the pupil is now."),
        ("listen", {"details": {"safety": "maybe"}}, "Please say how safe the pupil is now."),
        ("measures", {"note": "Réunion."}, "Please choose the approach taken."),
        ("measures", {"details": {"approach": "expel"}}, "Please choose the approach taken."),
        (
            "parents",
            {"note": "Appel passé."},
            "Record at least one parent informed first, or mark the step not applicable.",
        ),
        ("takedown", {"note": "Fait."}, "Ask for the removal first, or mark the step not applicable."),
        ("hear", {"note": "   "}, "Please write a short note of what was done."),
        ("follow_up_week", {}, "Please write a short note of what was done."),
    ],
)
def test_a_step_needs_what_it_records_and_nothing_changes_without_it(recorded, teacher_a, code, kwargs, message):
    before = AuditEvent.objects.count()
    with translation.override("en"), pytest.raises(StepNeedsMore) as refused:
        actions.complete_step(recorded, code, by=teacher_a, **kwargs)
    with translation.override("en"):
        assert str(refused.value.message) == message
    unchanged = step(recorded, code)
    assert (unchanged.state, unchanged.done_at, unchanged.done_by) == (StepState.PENDING, None, None)
    assert (unchanged.note, unchanged.details) == ("", {})
    assert AuditEvent.objects.count() == before


def test_a_step_is_done_with_what_it_records(recorded, teacher_a, time_machine):
    time_machine.move_to(NOW, tick=False)
    actions.complete_step(recorded, "listen", by=teacher_a, details={"safety": "worried", "other": "x"}, note=" Vu. ")
    done = step(recorded, "listen")
    assert (done.state, done.done_by, done.done_at) == (StepState.DONE, teacher_a, NOW)
    assert done.details == {"safety": "worried"}  # only what the step records is kept
    assert done.note == "Vu."
    assert events("school_case.step_done")[-1].detail == {"step": "listen"}

    actions.complete_step(recorded, "measures", by=teacher_a, details={"approach": "both"})
    assert step(recorded, "measures").details == {"approach": "both"}


def test_the_parents_step_is_done_once_a_parent_was_informed(recorded, teacher_a):
    actions.inform_parents(
        recorded,
        by=teacher_a,
        pupil=victim(recorded),
        relation="father",
        informed_on=timezone.localdate(),
        means="meeting",
        response="",
    )
    actions.complete_step(recorded, "parents", by=teacher_a, note="Rencontre au bureau.")
    assert step(recorded, "parents").state == StepState.DONE


def test_asking_for_a_takedown_records_the_takedown_step(recorded, teacher_a):
    with pytest.raises(StepNeedsMore):
        actions.request_takedown(recorded, by=teacher_a, links="  ")
    assert fresh(recorded).takedown == ""

    actions.request_takedown(recorded, by=teacher_a, links="https://example.invalid/post/1")
    run = fresh(recorded)
    assert (run.takedown, run.takedown_links) == (Takedown.REQUESTED, "https://example.invalid/post/1")
    assert step(run, "takedown").state == StepState.DONE
    with pytest.raises(StepNotPending):
        actions.request_takedown(run, by=teacher_a, links="https://example.invalid/post/2")


def test_a_step_cannot_be_recorded_twice(recorded, teacher_a):
    with pytest.raises(StepNotPending):
        actions.complete_step(recorded, "record", by=teacher_a, note="Encore.")
    actions.complete_step(recorded, "hear", by=teacher_a, note="Entendus.")
    with pytest.raises(StepNotPending):
        actions.complete_step(recorded, "hear", by=teacher_a, note="Encore.")
    with pytest.raises(StepNotPending):
        actions.skip_step(recorded, "hear", by=teacher_a, reason="Finalement non.")
    assert step(recorded, "hear").note == "Entendus."
    assert len(events("school_case.step_done")) == 2  # record, hear


def test_assessment_and_closing_have_their_own_actions(recorded, teacher_a):
    for code in ("assess", "close"):
        with pytest.raises(SchoolCaseError):
            actions.complete_step(recorded, code, by=teacher_a, note="Fait.")
        assert step(recorded, code).state == StepState.PENDING


# Marking a step not applicable


def test_a_step_marked_not_applicable_needs_a_reason(recorded, teacher_a):
    with pytest.raises(ReasonNeeded):
        actions.skip_step(recorded, "protect", by=teacher_a, reason="  ")
    assert step(recorded, "protect").state == StepState.PENDING

    actions.skip_step(recorded, "protect", by=teacher_a, reason="Aucun besoin exprimé.")
    skipped = step(recorded, "protect")
    assert (skipped.state, skipped.done_by, skipped.reason) == (
        StepState.NOT_APPLICABLE,
        teacher_a,
        "Aucun besoin exprimé.",
    )
    assert events("school_case.step_not_applicable")[-1].detail == {"step": "protect"}


@pytest.mark.parametrize("code", ["assess", "close"])
def test_the_protocol_forbids_skipping_some_steps(recorded, teacher_a, code):
    with pytest.raises(CannotSkip):
        actions.skip_step(recorded, code, by=teacher_a, reason="Pas le temps.")
    assert step(recorded, code).state == StepState.PENDING


# Assessing severity


def test_level_3_needs_a_reason(recorded, teacher_a, escalations):
    with pytest.raises(StepNeedsMore):
        actions.assess(recorded, by=teacher_a, level=3, serious_because=[])
    with pytest.raises(StepNeedsMore):
        actions.assess(recorded, by=teacher_a, level=3, serious_because=["bad_vibes"])
    with pytest.raises(StepNeedsMore):
        actions.assess(recorded, by=teacher_a, level=4, serious_because=["threats"])
    run = fresh(recorded)
    assert (run.level, run.assessed_at, run.escalated_at) == (None, None, None)
    assert step(run, "assess").state == StepState.PENDING
    assert escalations == []


def test_level_3_escalates_once_and_tells_the_head_once(
    school_a, teacher_a, head_a, escalations, mailoutbox, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(NOW, tick=False)
    run = record(school_a, teacher_a)
    with django_capture_on_commit_callbacks(execute=True):
        actions.assess(run, by=teacher_a, level=3, serious_because=["threats", "threats", "unknown"])
    run = fresh(run)
    assert (run.level, run.serious_because, run.escalated_at, run.head_notified_at) == (3, ["threats"], NOW, NOW)
    assert step(run, "assess").details == {"level": "3"}
    assert escalations == [(run.pk, teacher_a.pk)]
    (mail,) = about(run, mailoutbox)
    assert mail.to == ["head_a@school.invalid"]
    for secret in (VICTIM_NAME, AUTHOR_NAME, "moqueurs"):
        assert secret not in mail.subject + mail.body

    # Assessed level 3 again, later: no second escalation, no second e-mail.
    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.assess(run, by=head_a, level=3, serious_because=["extortion"])
    run = fresh(run)
    assert (run.escalated_at, run.serious_because) == (NOW, ["extortion"])
    assert escalations == [(run.pk, teacher_a.pk)]
    assert len(about(run, mailoutbox)) == 1
    assert len(events("school_case.escalated")) == 1
    assert [e.detail for e in events("school_case.assessed")] == [
        {"new": 3, "because": ["threats"]},
        {"old": 3, "new": 3, "because": ["extortion"]},
    ]

    # Lowering the level keeps the escalation: the centre and the authorities already have it.
    actions.assess(run, by=head_a, level=2, serious_because=["threats"])
    run = fresh(run)
    assert (run.level, run.serious_because, run.escalated_at) == (2, [], NOW)
    assert run.is_escalated
    assert escalations == [(run.pk, teacher_a.pk)]


def test_the_head_notification_is_not_sent_twice_by_a_repeated_task(
    recorded, teacher_a, head_a, mailoutbox, django_capture_on_commit_callbacks
):
    from sanad.schools.tasks import notify_head

    with django_capture_on_commit_callbacks(execute=True):
        actions.assess(recorded, by=teacher_a, level=3, serious_because=["sexual_content"])
    notify_head.enqueue(recorded.pk)
    assert len(about(recorded, mailoutbox)) == 1


def test_without_a_head_e_mail_the_school_contact_is_told(
    school_a, teacher_a, mailoutbox, django_capture_on_commit_callbacks
):
    head = team_member("head_without_mail", school_a, TeamMember.Position.HEAD)
    head.email = ""
    head.save()
    run = record(school_a, teacher_a)
    with django_capture_on_commit_callbacks(execute=True):
        actions.assess(run, by=teacher_a, level=3, serious_because=["self_harm"])
    told = sorted(message.to for message in about(run, mailoutbox))
    # The school's address for the head; the on-call staff too: a risk of self-harm is P0.
    assert told == sorted([["test-a@school.invalid"], settings.SANAD_ONCALL_EMAIL])


def test_levels_1_and_2_do_not_escalate(recorded, teacher_a, head_a, escalations, mailoutbox):
    actions.assess(recorded, by=teacher_a, level=2, serious_because=["threats"])
    run = fresh(recorded)
    assert (run.level, run.serious_because, run.escalated_at) == (2, [], None)
    assert step(run, "assess").state == StepState.DONE
    assert escalations == []
    assert mailoutbox == []


# The author and the educational path


def test_a_pupil_author_sets_the_educational_path_in_the_audit_log(school_a, teacher_a):
    pupil_case = record(school_a, teacher_a, author=Author.PUPIL)
    adult_case = record(school_a, teacher_a, author=Author.ADULT)
    assert [e.object_id for e in events("school_case.educational_path")] == [str(pupil_case.pk)]
    assert pupil_case.educational_path and not adult_case.educational_path

    actions.set_author(adult_case, Author.OTHER_PUPIL, by=teacher_a)
    assert fresh(adult_case).author == Author.OTHER_PUPIL
    assert [e.object_id for e in events("school_case.educational_path")] == [str(pupil_case.pk), str(adult_case.pk)]
    with pytest.raises(SchoolCaseError):
        actions.set_author(adult_case, "alien", by=teacher_a)


# Informing the parents


def test_parents_informed_are_recorded(recorded, teacher_a):
    contact = actions.inform_parents(
        recorded,
        by=teacher_a,
        pupil=victim(recorded),
        relation="mother",
        informed_on=timezone.localdate() - timedelta(days=1),
        means="phone",
        response=" Elle viendra demain (fictif). ",
    )
    contact = ParentContact.objects.get(pk=contact.pk)
    assert (contact.pupil, contact.recorded_by, contact.response) == (
        victim(recorded),
        teacher_a,
        "Elle viendra demain (fictif).",
    )
    assert events("school_case.parents_informed")[-1].detail == {"means": "phone"}


def test_parents_cannot_be_informed_in_the_future(recorded, teacher_a):
    with pytest.raises(StepNeedsMore):
        actions.inform_parents(
            recorded,
            by=teacher_a,
            pupil=victim(recorded),
            relation="mother",
            informed_on=timezone.localdate() + timedelta(days=1),
            means="phone",
            response="",
        )
    assert not ParentContact.objects.exists()


def test_parents_of_a_pupil_of_another_case_are_refused(recorded, school_a, teacher_a):
    other = record(school_a, teacher_a)
    with pytest.raises(SchoolCaseError):
        actions.inform_parents(
            recorded,
            by=teacher_a,
            pupil=victim(other),
            relation="mother",
            informed_on=timezone.localdate(),
            means="phone",
            response="",
        )
    assert not ParentContact.objects.exists()


# Closing


def test_a_case_does_not_close_while_steps_are_pending(recorded, teacher_a):
    actions.complete_step(recorded, "listen", by=teacher_a, details={"safety": "safe"})
    with translation.override("en"), pytest.raises(StepsLeft) as refused:
        actions.close_run(recorded, by=teacher_a, outcome=RunOutcome.STOPPED, review="Bilan.")
    with translation.override("en"):
        message = str(refused.value.message)
    assert message.startswith("Before closing, record or mark not applicable: Assess severity, Inform the parents,")
    assert "Follow-up after one month" in message
    assert "Listen to the victim" not in message and "Record the report" not in message
    assert "Close." not in message
    assert fresh(recorded).status == RunStatus.OPEN


def test_closing_needs_an_outcome_and_a_review(recorded, teacher_a, closings):
    finish_every_step(recorded, teacher_a)
    with pytest.raises(StepNeedsMore):
        actions.close_run(recorded, by=teacher_a, outcome="", review="Bilan.")
    with pytest.raises(StepNeedsMore):
        actions.close_run(recorded, by=teacher_a, outcome="forgotten", review="Bilan.")
    with pytest.raises(StepNeedsMore):
        actions.close_run(recorded, by=teacher_a, outcome=RunOutcome.STOPPED, review="   ")
    run = fresh(recorded)
    assert (run.status, run.outcome, run.closed_at) == (RunStatus.OPEN, "", None)
    assert step(run, "close").state == StepState.PENDING
    assert closings == []


def test_a_case_closes_with_its_outcome_and_review(recorded, teacher_a, closings, time_machine):
    finish_every_step(recorded, teacher_a)
    time_machine.move_to(NOW, tick=False)
    actions.close_run(recorded, by=teacher_a, outcome=RunOutcome.STOPPED, review=" Les faits ont cessé. ")
    run = fresh(recorded)
    assert (run.status, run.outcome, run.closed_at, run.review) == (
        RunStatus.CLOSED,
        RunOutcome.STOPPED,
        NOW,
        "Les faits ont cessé.",
    )
    closed = step(run, "close")
    assert (closed.state, closed.details) == (StepState.DONE, {"outcome": "stopped"})
    assert closings == [run.pk]
    assert events("school_case.closed")[-1].detail == {"outcome": "stopped"}


@pytest.mark.parametrize(
    "change",
    [
        lambda run, by: actions.complete_step(run, "hear", by=by, note="Trop tard."),
        lambda run, by: actions.skip_step(run, "hear", by=by, reason="Trop tard."),
        lambda run, by: actions.assess(run, by=by, level=3, serious_because=["threats"]),
        lambda run, by: actions.inform_parents(
            run,
            by=by,
            pupil=run.pupils.first(),
            relation="mother",
            informed_on=timezone.localdate(),
            means="phone",
            response="",
        ),
        lambda run, by: actions.request_takedown(run, by=by, links="https://example.invalid/late"),
        lambda run, by: actions.add_pupil(run, PupilEntry("witness", "Nour Inventée"), by=by),
        lambda run, by: actions.set_author(run, Author.ADULT, by=by),
        lambda run, by: actions.close_run(run, by=by, outcome=RunOutcome.MONITORED, review="Encore."),
    ],
    ids=["complete", "skip", "assess", "parents", "takedown", "pupil", "author", "close"],
)
def test_a_closed_case_refuses_every_change(recorded, teacher_a, escalations, change):
    finish_every_step(recorded, teacher_a)
    actions.close_run(recorded, by=teacher_a, outcome=RunOutcome.STOPPED, review="Bilan.")
    run = fresh(recorded)
    before = (AuditEvent.objects.count(), run.pupils.count(), ParentContact.objects.count())

    with pytest.raises(RunClosed):
        change(run, teacher_a)
    after = fresh(run)
    assert (after.status, after.outcome, after.level, after.author, after.takedown) == (
        RunStatus.CLOSED,
        RunOutcome.STOPPED,
        1,
        Author.PUPIL,
        "",
    )
    assert (AuditEvent.objects.count(), after.pupils.count(), ParentContact.objects.count()) == before
    assert escalations == []


# Transfers from the national centre


def test_a_transfer_needs_consent_or_a_safeguarding_reason(school_a, analyst):
    with pytest.raises(ConsentNeeded):
        actions.transfer_to_school(
            school_a, by=analyst, origin=Origin.CENTRE, categories=["harassment"], facts=FACTS, consent=False
        )
    with pytest.raises(ConsentNeeded):
        actions.transfer_to_school(
            school_a,
            by=analyst,
            origin=Origin.CENTRE,
            categories=["harassment"],
            facts=FACTS,
            consent=False,
            override_reason="   ",
        )
    with pytest.raises(SchoolCaseError):
        actions.transfer_to_school(
            school_a, by=analyst, origin=Origin.TEAM, categories=["harassment"], facts=FACTS, consent=True
        )
    assert not ProtocolRun.objects.exists()


def test_a_transfer_without_consent_records_its_reason_in_the_audit_log(school_a, analyst):
    run = actions.transfer_to_school(
        school_a,
        by=analyst,
        origin=Origin.PORTAL,
        categories=["threats", "harassment", "threats"],
        facts=FACTS,
        consent=False,
        override_reason=" Risque pour la sécurité de l'élève. ",
    )
    assert (run.origin, run.told_by, run.safeguarding_override, run.categories) == (
        Origin.PORTAL,
        "centre",
        True,
        ["harassment", "threats"],
    )
    assert run.steps.count() == 11
    assert run.steps.filter(state=StepState.PENDING).count() == 11  # the team completes the record
    (event,) = events("school_case.transferred")
    assert (event.actor, event.object_id) == (analyst, str(run.pk))
    assert event.detail == {
        "school": school_a.pk,
        "origin": "portal",
        "consent": False,
        "safeguarding_reason": "Risque pour la sécurité de l'élève.",
    }


def test_a_transfer_with_consent_has_no_override(school_a, analyst):
    run = actions.transfer_to_school(
        school_a, by=analyst, origin=Origin.CENTRE, categories=["harassment"], facts=FACTS, consent=True
    )
    assert not run.safeguarding_override
    (event,) = events("school_case.transferred")
    assert event.detail == {"school": school_a.pk, "origin": "centre", "consent": True}


# The audit log


def test_audit_events_never_hold_names_or_facts(
    school_a, teacher_a, head_a, analyst, django_capture_on_commit_callbacks
):
    run = record(school_a, teacher_a)
    actions.add_pupil(run, PupilEntry("witness", "Nour Inventée", "3e année A"), by=teacher_a)
    actions.complete_step(run, "listen", by=teacher_a, details={"safety": "worried"}, note="Salma Exemple a pleuré.")
    with django_capture_on_commit_callbacks(execute=True):
        actions.assess(run, by=teacher_a, level=3, serious_because=["threats"], note="Menaces de Youssef Fictif.")
    actions.inform_parents(
        run,
        by=head_a,
        pupil=victim(run),
        relation="mother",
        informed_on=timezone.localdate(),
        means="meeting",
        response="Madame Exemple porte plainte.",
    )
    actions.request_takedown(run, by=teacher_a, links="https://example.invalid/@youssef.fictif")
    actions.skip_step(run, "protect", by=teacher_a, reason="Salma Exemple est suivie ailleurs.")
    actions.transfer_to_school(
        school_a,
        by=analyst,
        origin=Origin.CENTRE,
        categories=["harassment"],
        facts="Karim Irréel insulte.",
        consent=True,
    )
    assert AuditEvent.objects.filter(action__startswith="school_case.").count() >= 10

    written = json.dumps(list(AuditEvent.objects.values_list("detail", flat=True)), ensure_ascii=False).lower()
    for secret in (
        VICTIM_NAME,
        AUTHOR_NAME,
        "Nour Inventée",
        "année",
        "moqueurs",
        "pleuré",
        "menaces",
        "plainte",
        "youssef.fictif",
        "suivie ailleurs",
        "Karim",
    ):
        assert secret.lower() not in written, secret
