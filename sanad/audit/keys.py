"""The audit log's key: it links the chain (HMAC) and signs the checkpoints (Ed25519).

The key lives outside the database (SANAD_AUDIT_KEY or SANAD_AUDIT_KEY_FILE), like the other
keys. With a copy of the database alone nobody can recompute a valid chain after deleting or
changing an event; the checkpoints, written outside the database and signed, catch what the
key cannot: a chain cut short, wiped, or recomputed by someone who also holds the key.

The signing key is derived from the audit key (HKDF), so an operator keeps one secret; its
public half (`manage.py audit_checkpoint --public-key`) lets an oversight body check the
checkpoints it receives without being able to write them.
"""

import base64
import hashlib
import hmac
from functools import cache

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_KEY_CHARS = 32


def audit_key() -> bytes:
    key = settings.SANAD_AUDIT_KEY
    if not key or len(key) < MIN_KEY_CHARS:
        raise ImproperlyConfigured("SANAD_AUDIT_KEY is missing or shorter than 32 characters")
    return key.encode()


def link_hash(prev_hash: str, content: bytes) -> str:
    """One link of the chain: a keyed hash of the previous link and this event's content."""
    return hmac.new(audit_key(), prev_hash.encode() + b"|" + content, hashlib.sha256).hexdigest()


@cache
def _signing_key(key: bytes) -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"sanad audit checkpoint signing").derive(key)
    return Ed25519PrivateKey.from_private_bytes(seed)


def signing_key() -> Ed25519PrivateKey:
    return _signing_key(audit_key())


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_key_text() -> str:
    """The public key in URL-safe base64 (32 bytes), as checkpoints name it."""
    raw = public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    raw = base64.urlsafe_b64decode(text.encode() + b"=" * (-len(text) % 4))
    return Ed25519PublicKey.from_public_bytes(raw)
