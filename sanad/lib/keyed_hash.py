"""Keyed hashes (HMAC-SHA256) for looking things up without storing them in clear.

Receipts, identifiers and rate-limit buckets are found by their keyed hash; without
SANAD_INDEX_KEY a copy of the database cannot be used to test guesses offline.
"""

import hashlib
import hmac

from django.conf import settings


def keyed_hash(purpose: str, value: str) -> str:
    # The purpose keeps hashes of one kind from ever matching hashes of another.
    message = f"{purpose}|{value}".encode()
    return hmac.new(settings.SANAD_INDEX_KEY.encode(), message, hashlib.sha256).hexdigest()
