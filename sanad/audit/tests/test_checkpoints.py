"""The chain is keyed and anchored outside the database: a cut, a wipe or a recomputed chain is caught."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sanad.audit import checkpoints, keys
from sanad.audit.log import BAD_SIGNATURE, CHANGED, CHECKPOINT_MISMATCH, TRUNCATED, record, verify, write_checkpoint
from sanad.audit.tasks import checkpoint_audit_chain
from sanad.audit.tests.tampering import cut_short, delete_and_relink, wipe

pytestmark = pytest.mark.django_db


def events(count: int) -> None:
    for n in range(count):
        record(None, "case.viewed", object_type="case", object_id=n, n=n)


def sink_path(settings) -> Path:
    return Path(settings.SANAD_AUDIT_CHECKPOINTS[0].removeprefix("file:"))


def test_a_checkpoint_is_a_signed_line_appended_to_the_file(settings):
    events(3)
    first = write_checkpoint()
    events(2)
    second = write_checkpoint()
    lines = sink_path(settings).read_text().splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["seq"] for line in lines] == [3, 5]
    assert (first.seq, second.seq) == (3, 5)
    assert all(record.signature_valid for record in checkpoints.read())
    assert json.loads(lines[1])["key"] == keys.public_key_text()


def test_an_intact_anchored_chain_verifies(settings):
    events(4)
    write_checkpoint()
    events(2)
    assert verify() is None
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert out.getvalue().strip() == "audit chain intact: 6 events, 1 checkpoints"


def test_a_chain_cut_short_is_caught_by_its_checkpoint():
    events(6)
    write_checkpoint()
    cut_short(4)
    broken = verify()
    assert (broken.seq, broken.reason) == (5, TRUNCATED)


def test_a_wiped_log_is_caught():
    events(5)
    write_checkpoint()
    wipe()
    broken = verify()
    assert (broken.seq, broken.reason) == (1, TRUNCATED)
    with pytest.raises(CommandError, match="broken at event #1: events missing"):
        call_command("verify_audit")


def test_a_chain_recomputed_without_the_key_breaks_at_the_first_changed_event():
    events(6)
    delete_and_relink(3, with_key=b"a guessed key of thirty-two bytes!")
    broken = verify()
    assert (broken.seq, broken.reason) == (3, CHANGED)


def test_a_chain_recomputed_with_the_key_is_caught_by_the_checkpoint(settings):
    events(6)
    write_checkpoint()
    events(2)
    delete_and_relink(3, with_key=keys.audit_key())
    # Linked with the real key, the chain is whole in itself...
    assert verify(anchors=[]) is None
    # ...but no longer holds the event the checkpoint saw at #6.
    broken = verify()
    assert (broken.seq, broken.reason) == (6, CHECKPOINT_MISMATCH)


def test_a_forged_checkpoint_line_is_refused(settings):
    events(2)
    write_checkpoint()
    line = json.loads(sink_path(settings).read_text().splitlines()[0])
    line["seq"] = 1
    with open(sink_path(settings), "a") as sink:
        sink.write(json.dumps(line) + "\n")
    broken = verify()
    assert broken.reason == BAD_SIGNATURE


def test_an_unanchored_chain_fails_the_command():
    events(2)
    with pytest.raises(CommandError, match="no checkpoint outside the database"):
        call_command("verify_audit")


def test_a_copy_from_syslog_can_be_checked(settings, tmp_path):
    events(3)
    line = write_checkpoint()
    copy = tmp_path / "syslog"
    copy.write_text(f"Dec  3 10:00:01 host sanad-audit {sink_path(settings).read_text()}")
    settings.SANAD_AUDIT_CHECKPOINTS = [f"file:{tmp_path / 'elsewhere.jsonl'}"]
    cut_short(2)
    assert verify(anchors=[]) is None
    with pytest.raises(CommandError, match="event #3: events missing"):
        call_command("verify_audit", "--checkpoints", str(copy))
    assert line.seq == 3


def test_a_restore_acknowledged_retires_the_lost_checkpoints():
    events(5)
    write_checkpoint()
    cut_short(3)  # what a restore from an older backup looks like
    assert verify().reason == TRUNCATED
    out = io.StringIO()
    call_command("audit_checkpoint", "--after-restore", "restored the 02:00 backup after a disk failure", stdout=out)
    assert "ends at event #3" in out.getvalue()
    assert verify() is None
    events(2)
    write_checkpoint()
    assert verify() is None


def test_the_scheduled_task_writes_only_when_the_head_moved():
    events(2)
    assert checkpoint_audit_chain.call() == 1
    assert checkpoint_audit_chain.call() == 0
    events(1)
    assert checkpoint_audit_chain.call() == 1
    assert [record.seq for record in checkpoints.read()] == [2, 3]


def test_the_public_key_is_printed_for_the_oversight_body():
    out = io.StringIO()
    call_command("audit_checkpoint", "--public-key", stdout=out)
    assert out.getvalue().strip() == keys.public_key_text()


def test_the_page_checks_only_what_came_since_it_last_found_the_chain_intact(settings):
    from sanad.audit.log import verify_since_last_time
    from sanad.audit.models import AuditVerified
    from sanad.audit.tests.tampering import change_detail

    events(5)
    write_checkpoint()
    assert verify_since_last_time() is None
    assert AuditVerified.objects.get().seq == 5
    change_detail(2, '{"n": 99}')  # before the verified point: for verify_audit, not the page
    events(2)
    assert verify_since_last_time() is None
    assert verify().seq == 2
    assert AuditVerified.objects.get().seq == 7
    events(1)
    change_detail(8, '{"n": 99}')  # after it: the page sees it
    assert verify_since_last_time().seq == 8
