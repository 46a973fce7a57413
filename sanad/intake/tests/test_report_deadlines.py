"""A sent report is ranked by its answers, with its first-action deadline from configuration."""

from datetime import UTC, datetime, timedelta

import pytest

from sanad.intake.models import Report
from sanad.testing import set_deadline

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 2, 14, 21, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "level", "due_after"),
    [
        ({"danger": {"danger_now": "yes"}}, "P0", timedelta(hours=1)),
        ({"danger": {"self_harm": "yes"}}, "P0", timedelta(hours=1)),
        ({"danger": {"sextortion_deadline": "yes"}, "what": {"categories": ["scam"]}}, "P0", timedelta(hours=1)),
        ({"what": {"categories": ["sexual_exploitation"]}}, "P1", timedelta(hours=24)),
        ({"what": {"categories": ["threats", "other"]}}, "P1", timedelta(hours=24)),
        ({"what": {"categories": ["harassment"]}}, "P2", timedelta(hours=72)),
        ({"what": {"categories": ["personal_data"]}}, "P2", timedelta(hours=72)),
        ({"what": {"categories": ["hate_speech"]}}, "P2", timedelta(hours=72)),
        # A text the triage assistant finds nothing in: the default one names harassment ("mocking"), which is P2.
        (
            {"what": {"categories": ["shocking_content", "scam"], "description": "Une publicité bizarre dans un jeu."}},
            "P3",
            timedelta(days=7),
        ),
    ],
)
def test_a_sent_report_gets_its_urgency_and_first_action_due(
    client, send_report, time_machine, changes, level, due_after
):
    time_machine.move_to(NOW, tick=False)
    send_report(client, **changes)
    report = Report.objects.get()
    assert report.urgency == level
    assert report.submitted_at == NOW
    assert report.first_action_due == NOW + due_after


def test_deadlines_come_from_the_reference_data(client, send_report, time_machine):
    set_deadline("first_action", "P2", timedelta(hours=48))
    time_machine.move_to(NOW, tick=False)
    send_report(client, what={"categories": ["harassment"]})
    assert Report.objects.get().first_action_due == NOW + timedelta(hours=48)


def test_a_report_is_overdue_once_its_deadline_passes_unhandled(client, send_report, time_machine):
    time_machine.move_to(NOW, tick=False)
    send_report(client, danger={"danger_now": "yes"})
    report = Report.objects.get()
    assert not report.is_overdue()
    time_machine.move_to(NOW + timedelta(hours=1, seconds=1), tick=False)
    assert report.is_overdue()
