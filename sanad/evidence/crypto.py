"""Envelope encryption: each sealed value gets its own data key.

    sealed = version | kek id | wrap nonce | wrapped data key | data nonce | ciphertext

AES-256-GCM everywhere: it authenticates as well as encrypts, so any change to a sealed
value is detected. The data key is wrapped by a key-encryption key (KEK) held outside
the database; rotating the KEK means re-wrapping 60 bytes per value, not re-encrypting
files. The caller's context (for example ``report:<uuid>:description``) is bound as
associated data, so a ciphertext copied onto another row or field will not open.
"""

import os
import struct
from dataclasses import dataclass
from functools import cache
from typing import Protocol, overload

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sanad.lib.env import decode_key

VERSION = 1
NONCE_BYTES = 12  # the GCM standard nonce; random nonces are safe because every key is fresh
KEY_BYTES = 32


class TamperedError(Exception):
    """The sealed value was altered, truncated, or sealed for another context."""


@dataclass(frozen=True)
class KeyRing:
    active_id: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, text: str | None) -> "KeyRing":
        if not text:
            raise ImproperlyConfigured("SANAD_KEK is not set: run `manage.py generate_keys`")
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for item in text.split(","):
            key_id, sep, encoded = item.strip().partition(":")
            if not sep or not key_id or len(key_id.encode()) > 32:
                raise ImproperlyConfigured("SANAD_KEK must be id:base64key[,id:base64key...]")
            keys[key_id] = decode_key(encoded, name=f"SANAD_KEK key {key_id!r}")
            order.append(key_id)
        return cls(active_id=order[0], keys=keys)


@cache
def _ring(text: str | None) -> KeyRing:
    return KeyRing.parse(text)


def keyring() -> KeyRing:
    return _ring(settings.SANAD_KEK)


def seal(plaintext: bytes, *, context: str) -> bytes:
    ring = keyring()
    aad = context.encode()
    data_key = AESGCM.generate_key(bit_length=256)
    wrap_nonce, data_nonce = os.urandom(NONCE_BYTES), os.urandom(NONCE_BYTES)
    kek_id = ring.active_id.encode()
    wrapped = AESGCM(ring.keys[ring.active_id]).encrypt(wrap_nonce, data_key, kek_id + b"|" + aad)
    ciphertext = AESGCM(data_key).encrypt(data_nonce, plaintext, aad)
    return struct.pack("BB", VERSION, len(kek_id)) + kek_id + wrap_nonce + wrapped + data_nonce + ciphertext


def _split(sealed: bytes) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    if len(sealed) < 2 or sealed[0] != VERSION:
        raise TamperedError("unknown format")
    id_len = sealed[1]
    kek_id = sealed[2 : 2 + id_len]
    rest = sealed[2 + id_len :]
    wrapped_len = KEY_BYTES + 16  # the key plus its GCM tag
    if len(rest) < NONCE_BYTES + wrapped_len + NONCE_BYTES + 16:
        raise TamperedError("truncated")
    wrap_nonce = rest[:NONCE_BYTES]
    wrapped = rest[NONCE_BYTES : NONCE_BYTES + wrapped_len]
    data_nonce = rest[NONCE_BYTES + wrapped_len : 2 * NONCE_BYTES + wrapped_len]
    ciphertext = rest[2 * NONCE_BYTES + wrapped_len :]
    return kek_id, wrap_nonce, wrapped, data_nonce, ciphertext


def _unwrap(kek_id: bytes, wrap_nonce: bytes, wrapped: bytes, aad: bytes) -> bytes:
    kek = keyring().keys.get(kek_id.decode(errors="replace"))
    if kek is None:
        raise TamperedError("sealed with a key that is not configured")
    try:
        return AESGCM(kek).decrypt(wrap_nonce, wrapped, kek_id + b"|" + aad)
    except InvalidTag:
        raise TamperedError("data key does not open") from None


def unseal(sealed: bytes, *, context: str) -> bytes:
    kek_id, wrap_nonce, wrapped, data_nonce, ciphertext = _split(bytes(sealed))
    aad = context.encode()
    data_key = _unwrap(kek_id, wrap_nonce, wrapped, aad)
    try:
        return AESGCM(data_key).decrypt(data_nonce, ciphertext, aad)
    except InvalidTag:
        raise TamperedError("ciphertext does not open") from None


def rewrap(sealed: bytes, *, context: str) -> bytes:
    """Wrap the same data key with the active KEK; the ciphertext is left as it is."""
    kek_id, wrap_nonce, wrapped, data_nonce, ciphertext = _split(bytes(sealed))
    ring = keyring()
    if kek_id.decode(errors="replace") == ring.active_id:
        return bytes(sealed)
    aad = context.encode()
    data_key = _unwrap(kek_id, wrap_nonce, wrapped, aad)
    new_id = ring.active_id.encode()
    new_nonce = os.urandom(NONCE_BYTES)
    new_wrapped = AESGCM(ring.keys[ring.active_id]).encrypt(new_nonce, data_key, new_id + b"|" + aad)
    return struct.pack("BB", VERSION, len(new_id)) + new_id + new_nonce + new_wrapped + data_nonce + ciphertext


# A file's body stored apart from its wrapped data key (which stays in the database).
BODY_VERSION = 2


def split_key(sealed: bytes) -> tuple[bytes, bytes]:
    """A sealed value as (its wrapped data key, the body that cannot open without it).

    Files are stored this way: the key stays in the database and the body goes to the file
    store, so destroying the key row makes every copy of the file unreadable (crypto-shredding),
    backups and object versions included, and a copy of the store alone holds no key at all.
    """
    _kek_id, _wrap_nonce, _wrapped, data_nonce, ciphertext = _split(bytes(sealed))
    header_length = len(sealed) - len(data_nonce) - len(ciphertext)
    return bytes(sealed[:header_length]), bytes([BODY_VERSION]) + data_nonce + ciphertext


def join_key(key: bytes, body: bytes) -> bytes:
    if not body or body[0] != BODY_VERSION:
        raise TamperedError("not a body sealed apart from its key")
    return bytes(key) + bytes(body[1:])


def _split_key(key: bytes) -> tuple[bytes, bytes, bytes]:
    if len(key) < 2 or key[0] != VERSION or len(key) != 2 + key[1] + NONCE_BYTES + KEY_BYTES + 16:
        raise TamperedError("not a wrapped key")
    kek_id = key[2 : 2 + key[1]]
    rest = key[2 + key[1] :]
    return kek_id, rest[:NONCE_BYTES], rest[NONCE_BYTES:]


def key_wrapped_with(key: bytes) -> str:
    """The id of the KEK that wraps a key kept apart (split_key's first part)."""
    return _split_key(bytes(key))[0].decode(errors="replace")


def rewrap_key(key: bytes, *, context: str) -> bytes:
    """A key kept apart, wrapped again with the active KEK (the body it opens is unchanged)."""
    kek_id, wrap_nonce, wrapped = _split_key(bytes(key))
    ring = keyring()
    if kek_id.decode(errors="replace") == ring.active_id:
        return bytes(key)
    data_key = _unwrap(kek_id, wrap_nonce, wrapped, context.encode())
    new_id = ring.active_id.encode()
    new_nonce = os.urandom(NONCE_BYTES)
    new_wrapped = AESGCM(ring.keys[ring.active_id]).encrypt(new_nonce, data_key, new_id + b"|" + context.encode())
    return struct.pack("BB", VERSION, len(new_id)) + new_id + new_nonce + new_wrapped


def sealed_with(sealed: bytes) -> str:
    """The id of the KEK that wraps this value (for rotation progress)."""
    return _split(bytes(sealed))[0].decode(errors="replace")


def seal_text(text: str, *, context: str) -> bytes:
    return seal(text.encode(), context=context)


def unseal_text(sealed: bytes, *, context: str) -> str:
    return unseal(sealed, context=context).decode()


class Sealable(Protocol):
    """A model with sealed texts: it names the context each of its values is bound to."""

    def seal_context(self, field: str) -> str: ...


class SealedText:
    """A text attribute kept sealed in a BinaryField of the same model.

        description = SealedText("description_sealed")

    The model's seal_context(field) binds each value to its row and field. An empty text
    is stored as NULL and read back as "".
    """

    def __init__(self, field: str) -> None:
        self.field = field

    @overload
    def __get__(self, row: None, owner: type | None = None) -> "SealedText": ...

    @overload
    def __get__(self, row: Sealable, owner: type | None = None) -> str: ...

    def __get__(self, row: Sealable | None, owner: type | None = None) -> "str | SealedText":
        if row is None:
            return self
        sealed = getattr(row, self.field)
        return unseal_text(bytes(sealed), context=row.seal_context(self.field)) if sealed else ""

    def __set__(self, row: Sealable, text: str) -> None:
        value = seal_text(text, context=row.seal_context(self.field)) if text else None
        setattr(row, self.field, value)
