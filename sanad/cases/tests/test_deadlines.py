"""Deadlines that mean something: the first-action clock stops when the centre acts, each wait
has its own clock, a reporter who writes starts one, and the queue follows the next that matters."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from sanad.cases import actions, deadlines
from sanad.cases.tests.casework import not_acted_on, references_in_table
from sanad.intake import actions as intake_actions

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def school_case(analyst, report_factory):
    """A case nobody of the centre has acted on yet (as after a reporter reopened it): its
    first-action clock runs."""
    with time_machine.travel(START, tick=False):
        report, _ = report_factory(categories=("threats",))
        return not_acted_on(actions.open_case(report, by=analyst))


def test_a_case_nobody_acted_on_runs_its_first_action_clock(school_case, analyst, sign_in):
    assert school_case.first_action_at is None
    assert (school_case.next_due_at, school_case.next_due_kind) == (school_case.first_action_due, "first_action")
    with time_machine.travel(school_case.first_action_due + timedelta(minutes=1), tick=False):
        assert school_case.is_overdue()
        page = sign_in(analyst).get(f"/fr/staff/cases/{school_case.pk}/").content.decode()
    assert "badge-overdue" in page


def test_acting_late_records_it_and_the_deadline_stops_counting(school_case, analyst, second_analyst):
    late = school_case.first_action_due + timedelta(hours=2)
    with time_machine.travel(late - timedelta(hours=1), tick=False):
        actions.assign_case(school_case, to=second_analyst, by=analyst)  # routing is not handling
    school_case.refresh_from_db()
    assert school_case.first_action_at is None
    with time_machine.travel(late, tick=False):
        actions.add_note(school_case, body="Appel à l'école (fictif).", by=second_analyst)
    school_case.refresh_from_db()
    assert school_case.first_action_at == late
    assert school_case.first_action_met is False
    assert school_case.next_due_kind == "" and not school_case.has_deadline
    with time_machine.travel(late + timedelta(days=30), tick=False):
        assert not school_case.is_overdue()


def test_triage_on_time_is_met(analyst, report_factory):
    with time_machine.travel(START, tick=False):
        report, _ = report_factory()
        case = actions.open_case(report, by=analyst)
    assert case.first_action_met is True
    assert case.next_due_at == deadlines.NO_DEADLINE


@pytest.mark.parametrize(("who", "window"), [("reporter", timedelta(days=7)), ("platform", timedelta(hours=48))])
def test_waiting_on_someone_has_its_own_clock(analyst, report_factory, who, window):
    with time_machine.travel(START, tick=False):
        report, _ = report_factory()
        case = actions.open_case(report, by=analyst)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        actions.set_case_status(case, to="waiting", waiting_on=who, by=analyst)
    case.refresh_from_db()
    assert (case.next_due_at, case.next_due_kind) == (START + timedelta(hours=1) + window, f"waiting_{who}")
    actions.set_case_status(case, to="in_progress", by=analyst)
    case.refresh_from_db()
    assert case.next_due_kind == "" and case.waiting_since is None


def test_a_reporter_message_starts_a_clock_that_an_answer_stops(analyst, report_factory, settings):
    from sanad.cases.reporter_activity import pick_up

    with time_machine.travel(START, tick=False):
        report, _ = report_factory(categories=("harassment",))  # P2: 72 h, more than the 24 h reply window
        case = actions.open_case(report, by=analyst)
    with time_machine.travel(START + timedelta(days=3), tick=False):
        intake_actions.add_reporter_message(report, "Il recommence (fictif).")
        assert pick_up() == 1
    case.refresh_from_db()
    assert case.next_due_kind == "reporter_wrote"
    assert case.next_due_at == START + timedelta(days=3) + settings.SANAD_REPLY_DEADLINE
    actions.message_reporter(case, report, body="Merci, nous regardons (fictif).", by=analyst)
    case.refresh_from_db()
    assert case.reporter_waiting_since is None and case.next_due_kind == ""


def test_the_queue_ranks_cases_by_the_deadline_that_matters(analyst, report_factory, sign_in):
    from sanad.cases.reporter_activity import pick_up

    with time_machine.travel(START, tick=False):
        quiet_report, _ = report_factory(categories=("harassment",))
        quiet = actions.open_case(quiet_report, by=analyst)
        waiting_report, _ = report_factory(categories=("harassment",))
        waiting = actions.open_case(waiting_report, by=analyst)
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        intake_actions.add_reporter_message(waiting_report, "Vous êtes là ? (fictif)")
        pick_up()
        page = sign_in(analyst).get("/fr/staff/queue/").content.decode()
    assert references_in_table(page).index(waiting.reference) < references_in_table(page).index(quiet.reference)
    assert "badge-reporter" in page


def test_first_action_figures_per_urgency():
    base = START
    rows = [
        ("P1", base, base + timedelta(hours=24), base + timedelta(hours=2)),
        ("P1", base, base + timedelta(hours=24), base + timedelta(hours=30)),
        ("P1", base, base + timedelta(hours=24), None),
        ("P0", base, base + timedelta(hours=1), base + timedelta(minutes=20)),
    ]
    figures = deadlines.first_action_figures(rows)
    assert figures["P1"]["cases"] == 3 and figures["P1"]["met"] == 1
    assert figures["P1"]["median_hours"] == 16
    assert figures["P0"]["share_met"] == 1
    assert figures["P3"]["cases"] == 0 and figures["P3"]["share_met"] is None
