import hashlib
import uuid

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.evidence import crypto, storage
from sanad.evidence.models import CustodyEvent, Evidence, KnownRelease
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.uploads import inspect
from sanad.lib.errors import SanadError


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
    """Remove a file: a draft's upload removed or expired, or one whose retention period ended.

    The keys of the file and of its previews are destroyed with its row (the caller's
    transaction); their bodies go after commit."""
    names = [name for name, _context in evidence.sealed_files]
    evidence.delete()
    for name in names:
        storage.shred(name)


class KnownContentHidden(SanadError):
    code = "known_content_hidden"
    status = 403
    message = _(
        "This file matches a list of known abuse content and is not shown, not even blurred. "
        "A supervisor can allow it to be shown by recording why."
    )


class ReleaseReasonRequired(SanadError):
    code = "release_reason_required"
    message = _("Please say why this file must be shown.")


class NotKnownContent(SanadError):
    code = "not_known_content"
    message = _("This file is not on a list of known content.")


@transaction.atomic
def reveal_file(evidence: Evidence, *, by: User) -> None:
    """Someone looks at a file unblurred: the audit log and the file's chain of custody both say who.

    The custody event is what exposure.py counts, per person and day.
    """
    if evidence.hidden:
        raise KnownContentHidden()
    CustodyEvent.objects.create(
        evidence=evidence, action=CustodyEvent.Action.REVEALED, actor=staff_actor(by), sha256=evidence.sha256
    )
    record(by, "evidence.revealed", object_type="evidence", object_id=evidence.pk, kind=evidence.family)


@transaction.atomic
def release_known(evidence: Evidence, *, reason: str, by: User) -> KnownRelease:
    """A supervisor allows a known file to be shown (blurred first, then revealed like any other)."""
    if not by.supervises:
        raise KnownContentHidden()
    if not evidence.known:
        raise NotKnownContent()
    if not reason.strip():
        raise ReleaseReasonRequired()
    release = KnownRelease(evidence=evidence, by=by)
    release.reason = reason.strip()
    release.save()
    evidence.released_at = release.at
    evidence.save(update_fields=["released_at"])
    # The reason is sealed on the release row; the audit log keeps only who, what and when.
    record(by, "evidence.known_released", object_type="evidence", object_id=evidence.pk, release=release.pk)
    return release


def staff_actor(user: User) -> str:
    """How custody names a staff member (exposure.py reads it back)."""
    return f"staff:{user.pk}"
