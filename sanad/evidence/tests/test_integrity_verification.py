"""The integrity check re-reads each sealed file: good ones are processed, altered ones fail on record."""

import pytest

from sanad.evidence import storage
from sanad.evidence.actions import capture_file
from sanad.evidence.models import CustodyEvent, Evidence
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db


def captured(django_capture_on_commit_callbacks, data: bytes) -> Evidence:
    # The check is enqueued after commit; the test backend runs it at once.
    with django_capture_on_commit_callbacks(execute=True):
        evidence = capture_file(data, name="capture.png", actor="reporter")
    evidence.refresh_from_db()
    return evidence


def actions_of(evidence: Evidence) -> list[str]:
    return list(evidence.custody.values_list("action", flat=True))


def test_a_good_file_is_verified_after_capture(django_capture_on_commit_callbacks):
    evidence = captured(django_capture_on_commit_callbacks, samples.png())
    assert evidence.state == Evidence.State.PROCESSED
    assert evidence.attempts == 1
    assert actions_of(evidence) == [CustodyEvent.Action.CAPTURED, CustodyEvent.Action.VERIFIED]


def test_a_tampered_stored_file_fails_with_a_custody_event(evidence_dir):
    evidence = capture_file(samples.png(), name="capture.png", actor="reporter")
    path = evidence_dir / evidence.storage_name
    altered = bytearray(path.read_bytes())
    altered[-1] ^= 0xFF
    path.write_bytes(bytes(altered))

    verify_evidence.call(str(evidence.pk))

    evidence.refresh_from_db()
    assert evidence.state == Evidence.State.FAILED
    assert actions_of(evidence) == [CustodyEvent.Action.CAPTURED, CustodyEvent.Action.INTEGRITY_FAILED]
    assert evidence.custody.last().actor == "system"


def test_a_missing_stored_file_fails_with_a_custody_event():
    evidence = capture_file(samples.png(), name="capture.png", actor="reporter")
    storage.delete(evidence.storage_name)
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    assert evidence.state == Evidence.State.FAILED
    assert actions_of(evidence)[-1] == CustodyEvent.Action.INTEGRITY_FAILED


def test_a_file_swapped_for_another_sealed_file_fails():
    evidence = capture_file(samples.png(), name="capture.png", actor="reporter")
    other = capture_file(samples.jpeg(), name="other.jpg", actor="reporter")
    samples.overwrite_stored(evidence.storage_name, storage.read_raw(other.storage_name))
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    assert evidence.state == Evidence.State.FAILED


def test_running_the_check_again_changes_nothing(django_capture_on_commit_callbacks):
    evidence = captured(django_capture_on_commit_callbacks, samples.png())
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    assert evidence.state == Evidence.State.PROCESSED
    assert evidence.attempts == 1
    assert actions_of(evidence) == [CustodyEvent.Action.CAPTURED, CustodyEvent.Action.VERIFIED]
