"""A file whose integrity check was never queued (the server killed between the commit and the
queueing) is checked by the scheduler's sweep, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sanad.evidence.actions import capture_file
from sanad.evidence.models import CustodyEvent, Evidence
from sanad.evidence.tasks import verify_forgotten
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db


def test_the_sweep_checks_files_left_waiting(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    forgotten = capture_file(samples.png(), name="a.png", actor="reporter")  # its on-commit task never runs
    time_machine.move_to(timezone.now() + timedelta(minutes=4), tick=False)
    recent = capture_file(samples.jpeg(), name="b.jpg", actor="reporter")
    assert verify_forgotten.call() == 0
    time_machine.move_to(timezone.now() + timedelta(minutes=2), tick=False)
    assert verify_forgotten.call() == 1
    forgotten.refresh_from_db()
    recent.refresh_from_db()
    assert (forgotten.state, recent.state) == (Evidence.State.PROCESSED, Evidence.State.RECEIVED)
    assert verify_forgotten.call() == 0
    assert CustodyEvent.objects.filter(evidence=forgotten, action=CustodyEvent.Action.VERIFIED).count() == 1
