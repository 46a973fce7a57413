"""Sealed files in Django's storage API: local disk by default, any S3-compatible store at scale
(SANAD_EVIDENCE_STORAGE, see settings).

Only ciphertext is ever handed to the storage backend, and not even all of it: each file's
wrapped data key stays in the database (FileKey), the store gets the body. Destroying the
key row (`shred`) makes the file unreadable wherever copies of it live.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

from sanad.evidence import crypto
from sanad.evidence.models import FileKey


def store_sealed(name: str, plaintext: bytes, *, context: str) -> str:
    """Seal and store; returns the name the store chose. Call it inside the transaction that
    records the file: if that rolls back, the body left in the store has no key."""
    key, body = crypto.split_key(crypto.seal(plaintext, context=context))
    stored = storages["evidence"].save(name, ContentFile(body))
    FileKey.objects.create(name=stored, key=key, context=context)
    return stored


def _read_body(name: str) -> bytes:
    with storages["evidence"].open(name, "rb") as handle:
        return handle.read()


def read_raw(name: str) -> bytes:
    """The whole sealed value (key and body), as crypto reads it."""
    body = _read_body(name)
    key = FileKey.objects.filter(name=name).values_list("key", flat=True).first()
    if key is not None:
        return crypto.join_key(bytes(key), body)
    if body[:1] == bytes([crypto.BODY_VERSION]):
        raise crypto.TamperedError("the key of this file was destroyed")
    return body  # written before keys were kept apart: the key is inside


def read_sealed(name: str, *, context: str) -> bytes:
    return crypto.unseal(read_raw(name), context=context)


def rewrap_keys(active: str) -> int:
    """Re-wrap every stored file's data key with the active key-encryption key (key rotation):
    evidence, packs, previews alike; the bodies in the store are not touched."""
    count = 0
    for row in FileKey.objects.iterator():
        if crypto.key_wrapped_with(bytes(row.key)) != active:
            FileKey.objects.filter(pk=row.pk).update(key=crypto.rewrap_key(bytes(row.key), context=row.context))
            count += 1
    return count


def keep_key_apart(name: str, sealed: bytes, *, context: str) -> str:
    """Store a file sealed with its key inside (written before keys were kept apart) as body and
    key row, under a new name next to `name` (which stays); the new name.

    The caller points its row at the new name, then deletes the old file: a crash at any moment
    leaves a row whose file opens, never a missing file.
    """
    key, body = crypto.split_key(sealed)
    stored = storages["evidence"].save(name, ContentFile(body))
    FileKey.objects.create(name=stored, key=key, context=context)
    return stored


def shred(name: str) -> None:
    """Destroy a file's key now (in the caller's transaction), and delete its body once that commits.

    The key going with the rows that refer to the file is what erases it: a body the store
    keeps (a failed delete, an object version, a backup) can no longer be opened.
    """
    FileKey.objects.filter(name=name).delete()
    transaction.on_commit(lambda: storages["evidence"].delete(name))


def delete(name: str) -> None:
    FileKey.objects.filter(name=name).delete()
    storages["evidence"].delete(name)
