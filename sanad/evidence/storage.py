"""Sealed files in Django's storage API: local disk by default, any S3-compatible store at scale.

Only ciphertext is ever handed to the storage backend.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from sanad.evidence import crypto


def store_sealed(name: str, plaintext: bytes, *, context: str) -> str:
    storage = storages["evidence"]
    return storage.save(name, ContentFile(crypto.seal(plaintext, context=context)))


def read_sealed(name: str, *, context: str) -> bytes:
    with storages["evidence"].open(name, "rb") as handle:
        return crypto.unseal(handle.read(), context=context)


def read_raw(name: str) -> bytes:
    with storages["evidence"].open(name, "rb") as handle:
        return handle.read()


def write_beside(name: str, sealed: bytes) -> str:
    """Store already-sealed bytes under a new name next to `name` (which stays); the new name.

    Re-wrapping writes the new copy first and the caller points its row at it before deleting
    the old one: a crash at any moment leaves a row whose file opens, never a missing file.
    """
    return storages["evidence"].save(name, ContentFile(sealed))


def delete(name: str) -> None:
    storages["evidence"].delete(name)
