"""record() writes one audit event; verify() walks the chain."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sanad.accounts.models import User
from sanad.audit.models import AuditEvent, AuditHead


@transaction.atomic
def record(
    actor: User | None, action: str, *, object_type: str = "", object_id: object = "", **detail: object
) -> AuditEvent:
    """Append an event. Detail holds ids and codes only, never what a reporter wrote."""
    # Lock the head row: concurrent appends from any process queue here, so the chain has no forks.
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor=actor,
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


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    reason: str


def verify(events: Iterator[AuditEvent] | None = None) -> BrokenLink | None:
    """The first event whose content or link does not match, or None when the chain holds."""
    previous_hash, expected_seq = "0" * 64, 1
    for event in events if events is not None else AuditEvent.objects.order_by("seq").iterator():
        if event.seq != expected_seq:
            return BrokenLink(expected_seq, "missing event")
        if event.prev_hash != previous_hash:
            return BrokenLink(event.seq, "link to the previous event does not match")
        if event.compute_hash() != event.hash:
            return BrokenLink(event.seq, "content was changed")
        previous_hash, expected_seq = event.hash, expected_seq + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_seq != expected_seq - 1:
        return BrokenLink(expected_seq, "events missing at the end of the chain")
    return None
