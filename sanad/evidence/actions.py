import hashlib
import uuid

from django.db import transaction

from sanad.evidence import crypto, storage
from sanad.evidence.models import CustodyEvent, Evidence
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.uploads import inspect


@transaction.atomic
def capture_file(data: bytes, *, name: str, actor: str) -> Evidence:
    """Check, hash and seal one file. Raises UploadRefused (with its reason) for a bad file."""
    found = inspect(data)
    evidence_id = uuid.uuid4()
    evidence = Evidence(
        id=evidence_id,
        content_type=found.content_type,
        size=len(data),
        width=found.width,
        height=found.height,
        # Hashes of the plaintext, taken at capture: what an investigator will check against.
        sha256=hashlib.sha256(data).hexdigest(),
        md5=hashlib.md5(data, usedforsecurity=False).hexdigest(),
    )
    evidence.original_name_sealed = crypto.seal_text(name[:255], context=evidence.seal_context("original_name_sealed"))
    # The sealed file is written before the row: if the transaction rolls back, what is left
    # is an unreadable orphan, never a row pointing at nothing.
    evidence.storage_name = storage.store_sealed(
        f"{evidence_id.hex[:2]}/{evidence_id.hex}.sealed", data, context=evidence.context
    )
    evidence.save()
    CustodyEvent.objects.create(
        evidence=evidence, action=CustodyEvent.Action.CAPTURED, actor=actor, sha256=evidence.sha256
    )
    transaction.on_commit(lambda: verify_evidence.enqueue(str(evidence_id)))
    return evidence


def discard_evidence(evidence: Evidence) -> None:
    """Remove a file that was never part of a sent report (a draft's upload removed or expired)."""
    name = evidence.storage_name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
