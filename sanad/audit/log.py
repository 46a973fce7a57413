"""record() writes one audit event; verify() walks the chain and checks it against the checkpoints."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction
from django.utils import timezone

from sanad.audit import checkpoints
from sanad.audit.models import AuditEvent, AuditHead, AuditVerified

GENESIS = "0" * 64


class Actor(Protocol):
    """Who acted: a staff account (the audit app needs only these three things of it)."""

    pk: int
    role: str

    def get_username(self) -> str: ...


@transaction.atomic
def record(
    actor: Actor | None, action: str, *, object_type: str = "", object_id: object = "", **detail: object
) -> AuditEvent:
    """Append an event. Detail holds ids, codes and keyed hashes only, never what anyone wrote."""
    # Lock the head row: concurrent appends from any process queue here, so the chain has no forks.
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor_id=actor.pk if actor else None,
        actor_name=actor.get_username() if actor else "",
        role=actor.role if actor else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail={key: value for key, value in detail.items() if value is not None},
        prev_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    head.last_seq, head.last_hash = event.seq, event.hash
    head.save()
    return event


def history(object_type: str, object_id: object, *, actions: list[str]) -> list[AuditEvent]:
    """The events of these kinds about one object, oldest first (an object's own history, for
    the pages that show it; who may read that object was decided by its gate)."""
    return list(
        AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id), action__in=actions).order_by("seq")
    )


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    reason: str


MISSING = "missing event"
LINK = "link to the previous event does not match"
CHANGED = "content was changed"
TRUNCATED = "events missing at the end of the chain"
CHECKPOINT_MISMATCH = "does not match the checkpoint written outside the database"
BAD_SIGNATURE = "a checkpoint's signature does not verify"


def verify(
    events: Iterable[AuditEvent] | None = None,
    *,
    anchors: list[checkpoints.Checkpoint] | None = None,
    since: tuple[int, str] | None = None,
) -> BrokenLink | None:
    """The first event whose content, link or checkpoint does not match, or None when the chain holds.

    `anchors` are the checkpoints to hold the chain to (by default those of the file sinks);
    `since` (seq, hash) starts after an event already found intact (the audit page), where
    None walks the whole chain (verify_audit).
    """
    records = checkpoints.in_force(anchors if anchors is not None else checkpoints.read())
    forged = next((record for record in records if not record.signature_valid), None)
    if forged is not None:
        return BrokenLink(forged.seq, BAD_SIGNATURE)
    # The head as it is before the walk: events appended meanwhile may or may not be read, but
    # none that existed when the walk began may be missing.
    head = AuditHead.objects.filter(pk=1).first()
    previous_hash, expected_seq = since[1] if since else GENESIS, (since[0] if since else 0) + 1
    expected = {record.seq: record.hash for record in records if record.seq >= expected_seq}
    if events is None:
        events = AuditEvent.objects.filter(seq__gte=expected_seq).order_by("seq").iterator()
    for event in events:
        if event.seq != expected_seq:
            return BrokenLink(expected_seq, MISSING)
        if event.prev_hash != previous_hash:
            return BrokenLink(event.seq, LINK)
        if event.compute_hash() != event.hash:
            return BrokenLink(event.seq, CHANGED)
        if expected.get(event.seq, event.hash) != event.hash:
            return BrokenLink(event.seq, CHECKPOINT_MISMATCH)
        previous_hash, expected_seq = event.hash, expected_seq + 1
    last = expected_seq - 1
    if (head is not None and head.last_seq > last) or max(expected, default=0) > last:
        return BrokenLink(expected_seq, TRUNCATED)
    return None


def verify_since_last_time() -> BrokenLink | None:
    """Check the events added since the chain was last found intact, and remember how far it holds."""
    verified = AuditVerified.objects.filter(pk=1).first()
    head = AuditHead.objects.filter(pk=1).first()  # before the walk: everything up to it is read
    since = (verified.seq, verified.hash) if verified else None
    broken = verify(since=since)
    if broken is None and head is not None:
        AuditVerified.objects.update_or_create(
            pk=1, defaults={"seq": head.last_seq, "hash": head.last_hash, "at": timezone.now()}
        )
    return broken


def write_checkpoint() -> checkpoints.Checkpoint | None:
    """Anchor the chain's current head outside the database; None when the log is empty."""
    head = AuditHead.objects.filter(pk=1).first()
    if head is None or head.last_seq == 0:
        return None
    line = checkpoints.write(checkpoints.CHECKPOINT, head.last_seq, head.last_hash)
    return checkpoints.parse(line)


def acknowledge_restore(reason: str) -> checkpoints.Checkpoint:
    """After a restore from backup: the chain now ends at the restored head, on purpose."""
    head = AuditHead.objects.filter(pk=1).first()
    seq, link = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    line = checkpoints.write(checkpoints.RESTORE, seq, link, reason=reason.strip()[:300])
    checkpoint = checkpoints.parse(line)
    assert checkpoint is not None
    return checkpoint
