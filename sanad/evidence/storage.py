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


def write_raw(name: str, sealed: bytes) -> None:
    storage = storages["evidence"]
    storage.delete(name)
    storage.save(name, ContentFile(sealed))


def delete(name: str) -> None:
    storages["evidence"].delete(name)
