"""One queue: untriaged reports and open cases, most urgent first, then by deadline, with badges."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from sanad.cases import actions
from sanad.cases.models import Case, CaseStatus
from sanad.cases.tests.casework import case_for, references_in_table
from sanad.intake.models import PublicStatus

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def row_of(page: str, reference: str) -> str:
    rows = re.findall(r"<tr class=\"queue-row.*?</tr>", page, flags=re.S)
    return next(row for row in rows if reference in row)


def test_reports_and_cases_are_merged_by_urgency_then_deadline(analyst, sign_in, report_factory):
    with time_machine.travel(START, tick=False):
        p3, _ = report_factory(categories=("other",))
        p2_late, _ = report_factory(categories=("harassment",), submitted_at=START - timedelta(hours=10))
        p2, _ = report_factory(categories=("harassment",))
        p0, _ = report_factory(danger_now=True)
        in_case, _ = report_factory(categories=("threats",), submitted_at=START - timedelta(hours=2))
        case = case_for(in_case, analyst)  # P1, triaged: its first-action deadline is met, no clock runs
        p1_newer, _ = report_factory(categories=("sexual_exploitation",))
        waiting, _ = report_factory(categories=("threats",))
        chased = case_for(waiting, analyst)
        actions.set_case_status(chased, to="waiting", waiting_on="platform", by=analyst)  # P1, due in 48 h
        page = sign_in(analyst).get("/fr/staff/queue/").content.decode()

    assert references_in_table(page) == [
        p0.reference,
        p1_newer.reference,  # due in 24 hours
        chased.reference,  # due in 48 hours
        case.reference,  # no deadline running: last of its urgency
        p2_late.reference,
        p2.reference,
        p3.reference,
    ]
    assert in_case.reference not in references_in_table(page)  # shown through its case


def test_closed_cases_and_triaged_reports_leave_the_queue(analyst, sign_in, report_factory):
    report, _ = report_factory()
    case = case_for(report, analyst)
    actions.close_case(case, outcome="resolved", by=analyst)
    page = sign_in(analyst).get("/fr/staff/queue/").content.decode()
    assert references_in_table(page) == []


def test_deadlines_at_risk_and_overdue_are_marked(analyst, sign_in, report_factory):
    with time_machine.travel(START, tick=False):
        report, _ = report_factory(categories=("threats",))  # P1: 24 hours
        other, _ = report_factory(categories=("harassment",))
        case = case_for(other, analyst)  # P2, triaged at once
        actions.set_case_status(case, to="waiting", waiting_on="platform", by=analyst)  # chase in 48 hours

    def queue_at(moment: datetime) -> str:
        with time_machine.travel(moment, tick=False):
            # A fresh sign-in each time: a staff session ends after 30 idle minutes.
            return sign_in(analyst).get("/fr/staff/queue/").content.decode()

    page = queue_at(START + timedelta(hours=10))
    assert "badge-at-risk" not in row_of(page, report.reference)
    assert "badge-overdue" not in row_of(page, report.reference)

    page = queue_at(START + timedelta(hours=19))  # 5 hours left of 24: under a quarter
    assert "badge-at-risk" in row_of(page, report.reference)
    assert "badge-at-risk" not in row_of(page, case.reference)

    page = queue_at(START + timedelta(hours=25))
    assert "badge-overdue" in row_of(page, report.reference)
    assert "queue-overdue" in row_of(page, report.reference)
    assert "badge-overdue" not in row_of(page, case.reference)

    page = queue_at(START + timedelta(hours=49))
    assert "badge-overdue" in row_of(page, case.reference)  # the platform should have been chased

    # Chasing it (the case moves on) stops that clock: a deadline that was met stops counting.
    actions.set_case_status(case, to="in_progress", by=analyst)
    page = queue_at(START + timedelta(hours=100))
    assert "badge-overdue" not in row_of(page, case.reference)


def test_the_queue_reads_triage_not_the_status_the_reporter_sees(analyst, sign_in, report_factory):
    """A report joined to a case still "new" to the reporter (its public status stays "received",
    as the case's status maps) has left the queue all the same: triage has its own mark."""
    first, _ = report_factory()
    case = case_for(first, analyst)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.NEW)  # e.g. a case opened from a school's request
    later, _ = report_factory()
    actions.link_report(later, case=Case.objects.get(pk=case.pk), by=analyst)
    later.refresh_from_db()
    assert later.status == PublicStatus.RECEIVED  # the mapping of a new case, for the reporter
    assert later.triaged_at is not None
    page = sign_in(analyst).get("/fr/staff/queue/").content.decode()
    assert later.reference not in references_in_table(page)
    assert case.reference in references_in_table(page)
