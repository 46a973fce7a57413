"""Keyed hashes (HMAC-SHA256) for looking things up without storing them in clear.

Receipts, identifiers and rate-limit buckets are found by their keyed hash; without
SANAD_INDEX_KEY a copy of the database cannot be used to test guesses offline.
"""

import hashlib
import hmac
from typing import cast

from django.conf import settings


def keyed_hash(purpose: str, value: str) -> str:
    # The purpose keeps hashes of one kind from ever matching hashes of another.
    message = f"{purpose}|{value}".encode()
    # Never None once the app runs: the start-up check (evidence/checks.py, run by wsgi.py too)
    # refuses to start without the key.
    key = cast(str, settings.SANAD_INDEX_KEY)
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()
