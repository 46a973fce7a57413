"""Organisation tokens: a random secret shown once, found again by its keyed hash.

The secret is 256 bits from the system's generator; only HMAC-SHA256 of it with SANAD_INDEX_KEY
(sanad/lib/keyed_hash.py, as receipts) is stored, so a copy of the database holds no usable token
and cannot be used to test guesses without the key.
"""

import secrets

from sanad.lib.keyed_hash import keyed_hash

PREFIX = "sanad_"


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return keyed_hash("api_token", secret.strip())


def shown_prefix(secret: str) -> str:
    return secret[: len(PREFIX) + 6]
