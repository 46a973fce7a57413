"""Receipt codes: the reporter's only key to their report.

16 characters of Crockford's base32 (5 bits each) make 80 random bits, grouped by four
for reading aloud: K7QF-9XRM-2HTP-4WNB. Only a keyed hash is stored. With the rate limit
on look-ups, guessing one of a million live receipts takes about 2^60 tries.
"""

import hmac
import secrets

from sanad.lib.keyed_hash import keyed_hash

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U: nothing to confuse
LENGTH = 16
# What people type instead: O for zero, I or L for one, lower case, spaces, dashes.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_receipt() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(text: str) -> str | None:
    """The canonical form of what someone typed, or None if it cannot be a receipt."""
    compact = "".join(text.split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(compact) != LENGTH or any(char not in ALPHABET for char in compact):
        return None
    return compact


def digest(code: str) -> str:
    canonical = normalise(code)
    if canonical is None:
        raise ValueError("not a receipt")
    return keyed_hash("receipt", canonical)


def matches(candidate_digest: str, stored_digest: str) -> bool:
    return hmac.compare_digest(candidate_digest, stored_digest)
