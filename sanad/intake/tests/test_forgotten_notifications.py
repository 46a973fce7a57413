"""A P0 report whose e-mail task was lost (the server killed between the commit and the
queueing) is still told to on-call by the scheduler's sweep, once, and not days later."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sanad.intake.models import Report
from sanad.intake.tasks import notify_forgotten

pytestmark = pytest.mark.django_db


@pytest.fixture
def p0_without_its_email(client, send_report, time_machine):
    """Sent as a browser does; the on-commit queueing of its e-mail never runs (as after a kill)."""
    time_machine.move_to(timezone.now(), tick=False)
    send_report(client, danger={"danger_now": "yes"})
    report = Report.objects.get()
    assert report.urgency == "P0" and report.oncall_notified_at is None and mail.outbox == []
    return report


def test_the_sweep_tells_on_call_once(p0_without_its_email, time_machine):
    assert notify_forgotten.call() == 0  # just arrived: its own task may still be on its way
    time_machine.move_to(timezone.now() + timedelta(minutes=3), tick=False)
    assert notify_forgotten.call() == 1
    assert len(mail.outbox) == 1 and p0_without_its_email.reference in mail.outbox[0].subject
    assert notify_forgotten.call() == 0
    assert len(mail.outbox) == 1


def test_a_day_later_it_is_no_news(p0_without_its_email, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=2), tick=False)
    assert notify_forgotten.call() == 0
    assert mail.outbox == []
