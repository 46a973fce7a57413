"""Checking a sealed file against the hash taken when it was captured."""

import hashlib
import logging

from django.db import transaction

from sanad.evidence import crypto, storage
from sanad.evidence.models import CustodyEvent, Evidence

log = logging.getLogger(__name__)


def read_file(evidence: Evidence) -> bytes:
    return storage.read_sealed(evidence.storage_name, context=evidence.context)


@transaction.atomic
def verify_integrity(evidence_id: str) -> None:
    """Re-read the sealed file and compare with the hash taken at capture. Safe to run twice."""
    # Lock the row so two workers never verify the same file at once.
    evidence = Evidence.objects.select_for_update().get(pk=evidence_id)
    if evidence.state != Evidence.State.RECEIVED:
        return
    evidence.attempts += 1
    try:
        data = read_file(evidence)
    except (OSError, crypto.TamperedError):
        log.exception("evidence %s could not be read", evidence.pk)
        ok = False
    else:
        ok = hashlib.sha256(data).hexdigest() == evidence.sha256
    evidence.state = Evidence.State.PROCESSED if ok else Evidence.State.FAILED
    evidence.save(update_fields=["state", "attempts"])
    action = CustodyEvent.Action.VERIFIED if ok else CustodyEvent.Action.INTEGRITY_FAILED
    CustodyEvent.objects.create(evidence=evidence, action=action, actor="system", sha256=evidence.sha256)
