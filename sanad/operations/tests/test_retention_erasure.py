"""The erasure job, with frozen time, for each kind of data: drafts, reports (with their case),
files, messages and school cases. Periods come from SANAD_RETENTION (the defaults here) and
count from the day a case was closed; what is erased leaves counts without text or identifier,
an audit event with ids and counts only, and files whose keys are destroyed."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection

from sanad.audit.models import AuditEvent
from sanad.cases import actions as case_actions
from sanad.cases.models import Case, Note, Referral
from sanad.cases.pack import build_referral_pack
from sanad.evidence import crypto, storage
from sanad.evidence.actions import capture_file
from sanad.evidence.models import Evidence, FileKey
from sanad.evidence.tests import samples
from sanad.intake import actions as intake_actions
from sanad.intake.models import Identifier, Message, Report, ReportDraft, ReportTerm
from sanad.operations.erasure import erase_expired
from sanad.operations.models import ErasedCount
from sanad.schools import actions as school_actions
from sanad.schools.models import ProtocolRun, Pupil
from sanad.schools.tests.conftest import VICTIM_NAME, record
from sanad.schools.tests.test_actions import finish_every_step
from sanad.testing import make_school, team_member

from .conftest import closed_case, make_report

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
DESCRIPTION = "Un compte anonyme publie mes photos avec mon prénom Salma (exemple fictif)."
MESSAGE = "Peux-tu nous dire quand cela a commencé ? (exemple fictif)"
DAY = timedelta(days=1)


def at(moment: datetime):  # type: ignore[no-untyped-def]
    return time_machine.travel(moment, tick=False)


def everything_stored() -> Iterator[bytes]:
    """Every value of every column of every table, as bytes."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from the catalogue)
            for row in cursor.fetchall():
                for value in row:
                    yield value if isinstance(value, bytes | memoryview) and bytes(value) else str(value).encode()


def in_database(needle: str) -> bool:
    return any(needle.encode() in bytes(value) for value in everything_stored())


@pytest.fixture
def case_with_everything(analyst, police):
    """A report with a file, a message each way, a note and a referral, closed on T0 (the pack,
    slow to make, is built by the test that needs it)."""
    with at(T0 - 10 * DAY):
        report, receipt = make_report(description=DESCRIPTION)
        evidence = capture_file(samples.png(), name="capture-salma.png", actor="reporter")
        report.evidence.add(evidence)
        case = case_actions.open_case(report, by=analyst)
        case_actions.message_reporter(case, report, body=MESSAGE, by=analyst)
        intake_actions.add_reporter_message(report, "Depuis lundi (exemple fictif).")
        case_actions.add_note(case, body="Le compte a déjà été signalé (note fictive).", by=analyst)
        referral = case_actions.refer_case(
            case, target="police", organisation=police, brief="Photos publiées (fictif).", legal_ground="", by=analyst
        )
    with at(T0):
        case_actions.close_case(case, outcome="resolved", by=analyst)
    referral.refresh_from_db()
    return case, report, receipt, evidence, referral


def test_nothing_goes_before_its_period(case_with_everything):
    case, report, _receipt, evidence, _referral = case_with_everything
    with at(T0 + 364 * DAY):
        summary = erase_expired()
    assert sum(summary.erased.values()) == 0
    assert Case.objects.filter(pk=case.pk).exists() and Evidence.objects.filter(pk=evidence.pk).exists()
    assert Message.objects.filter(report=report).count() == 2


def test_files_and_packs_go_after_a_year_and_cannot_be_opened_anywhere(case_with_everything):
    case, report, _receipt, evidence, referral = case_with_everything
    with at(T0 - 9 * DAY):
        build_referral_pack(referral.pk)
    referral.refresh_from_db()
    assert referral.pack_name
    body = storage._read_body(evidence.storage_name)  # a copy kept by a backup of the file store
    with at(T0 + 366 * DAY):
        summary = erase_expired()
    assert summary.erased["case_files"] == 1
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not FileKey.objects.filter(name__in=[evidence.storage_name, referral.pack_name]).exists()
    referral.refresh_from_db()
    assert referral.pack_name == ""
    # The backup's copy of the body does not open: its key is gone with the row.
    storage.storages["evidence"].save(evidence.storage_name, storage.ContentFile(body))
    with pytest.raises(crypto.TamperedError):
        storage.read_sealed(evidence.storage_name, context=evidence.context)
    # The report itself stays until its own period ends.
    assert Report.objects.filter(pk=report.pk).exists()
    event = AuditEvent.objects.get(action="retention.files_erased")
    assert (event.object_type, event.object_id, event.detail) == ("case", str(case.pk), {"files": 1, "packs": 1})


def test_messages_go_after_a_year(case_with_everything):
    _case, report, *_ = case_with_everything
    with at(T0 + 366 * DAY):
        erase_expired()
    assert not Message.objects.filter(report=report).exists()
    assert not in_database(MESSAGE)
    assert AuditEvent.objects.get(action="retention.messages_erased").detail == {"messages": 2}


def test_the_case_and_its_reports_go_after_two_years_leaving_counts_only(case_with_everything):
    case, report, receipt, *_ = case_with_everything
    with at(T0 + 731 * DAY):
        summary = erase_expired()
    assert summary.erased["case"] == 1
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Report.objects.filter(pk=report.pk).exists()
    for model in (Identifier, ReportTerm, Message, Note, Referral, ReportDraft):
        assert not model.objects.exists(), model
    assert not Evidence.objects.exists() and not FileKey.objects.exists()
    # Nothing the reporter wrote or named is left, in any table, the audit log included.
    for text in (DESCRIPTION, "Salma", "demo.aggressor", receipt, report.reference, "capture-salma"):
        assert not in_database(text), text

    counts = {(row.dimension, row.value): row.count for row in ErasedCount.objects.filter(kind="report")}
    assert counts[("all", "all")] == 1
    assert counts[("category", "harassment")] == counts[("platform", "instagram")] == 1
    assert counts[("victim_age_band", "13_15")] == counts[("told", "friend")] == 1
    assert counts[("outcome", "resolved")] == 1
    assert {row.month for row in ErasedCount.objects.all()} == {date(2025, 12, 1)}

    event = AuditEvent.objects.get(action="retention.erased")
    assert event.actor is None and event.object_type == "case" and event.object_id == str(case.pk)
    assert event.detail == {
        "outcome": "resolved",
        "reports": 1,
        "files": 0,
        "packs": 0,
        "messages": 0,
        "referrals": 1,
    }


def test_a_case_referred_to_justice_is_kept_ten_years(analyst):
    with at(T0 - DAY):
        report, _ = make_report()
    with at(T0):
        case = closed_case(report, analyst, outcome="referred_to_justice")
    with at(T0 + 9 * 365 * DAY):
        erase_expired()
    assert Case.objects.filter(pk=case.pk).exists()
    with at(T0 + 3651 * DAY):
        erase_expired()
    assert not Case.objects.filter(pk=case.pk).exists()


def test_an_unfounded_report_goes_after_a_year(analyst):
    with at(T0 - DAY):
        report, _ = make_report()
    with at(T0):
        closed_case(report, analyst, outcome="unfounded")
    with at(T0 + 366 * DAY):
        erase_expired()
    assert not Report.objects.exists()


def test_open_cases_and_reports_waiting_for_triage_are_never_erased(analyst):
    with at(T0):
        make_report()
        opened, _ = make_report()
        case_actions.open_case(opened, by=analyst)
    with at(T0 + 20 * 365 * DAY):
        erase_expired()
    assert Report.objects.count() == 2 and Case.objects.count() == 1


def test_a_reopened_case_starts_its_clock_again(analyst):
    with at(T0 - DAY):
        report, _ = make_report()
    with at(T0):
        case = closed_case(report, analyst)
    with at(T0 + 700 * DAY):
        case_actions.reopen_case(case, reason="Nouveaux messages (fictif).", by=analyst)
        case_actions.close_case(case, outcome="resolved", by=analyst)
    with at(T0 + 731 * DAY):
        erase_expired()
    assert Case.objects.filter(pk=case.pk).exists()


def test_unfinished_drafts_go_after_their_lifetime_with_their_files(client):
    with at(T0):
        draft = ReportDraft.objects.create()
        evidence = capture_file(samples.jpeg(), name="brouillon.jpg", actor="reporter")
        draft.evidence.add(evidence)
    with at(T0 + 2 * DAY):
        summary = erase_expired()
    assert summary.erased["drafts"] == 1
    assert not ReportDraft.objects.exists() and not Evidence.objects.exists()
    assert not FileKey.objects.filter(name=evidence.storage_name).exists()
    assert AuditEvent.objects.get(action="retention.drafts_erased").detail == {"drafts": 1}


@pytest.fixture
def closed_school_case():
    school = make_school("TEST-RET", "Collège (test)")
    teacher = team_member("teacher.ret", school)
    with at(T0 - 40 * DAY):
        run = record(school, teacher)
        finish_every_step(run, teacher)
    with at(T0):
        school_actions.close_run(run, by=teacher, outcome="stopped", review="Les faits ont cessé (fictif).")
    return run


def test_a_school_case_goes_after_three_years_with_its_pupils(closed_school_case):
    run = closed_school_case
    with at(T0 + 1094 * DAY):
        erase_expired()
    assert ProtocolRun.objects.filter(pk=run.pk).exists()
    with at(T0 + 1096 * DAY):
        summary = erase_expired()
    assert summary.erased["school_case"] == 1
    assert not ProtocolRun.objects.exists() and not Pupil.objects.exists()
    assert not in_database(VICTIM_NAME)
    counts = {(row.dimension, row.value): row.count for row in ErasedCount.objects.filter(kind="school_case")}
    assert counts[("all", "all")] == counts[("outcome", "stopped")] == counts[("severity", "1")] == 1
    assert AuditEvent.objects.get(action="retention.erased").detail == {"outcome": "stopped", "files": 0}


def test_a_school_case_waits_for_the_national_case_it_is_part_of(closed_school_case, analyst):
    run = closed_school_case
    with at(T0 - DAY):
        report, _ = make_report()
        case = case_actions.open_case(report, by=analyst)
        Case.objects.filter(pk=case.pk).update(school_case=run)
    with at(T0 + 1000 * DAY):
        case_actions.close_case(Case.objects.get(pk=case.pk), outcome="resolved", by=analyst)
    with at(T0 + 1100 * DAY):
        erase_expired()
    assert ProtocolRun.objects.filter(pk=run.pk).exists()  # its national case is kept until day 1730
    with at(T0 + 1731 * DAY):
        erase_expired()
    assert not Case.objects.exists() and not ProtocolRun.objects.exists()
