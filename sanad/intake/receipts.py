"""Receipt codes: the reporter's only key to their report.

16 characters of Crockford's base32 (5 bits each) make 80 random bits, grouped by four
for reading aloud: K7QF-9XRM-2HTP-4WNB. Only a keyed hash is stored. With the rate limit
on look-ups, guessing one of a million live receipts takes about 2^60 tries.
"""

import hmac
import re
import secrets
import unicodedata

from sanad.lib.keyed_hash import keyed_hash

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U: nothing to confuse
LENGTH = 16
# What people type instead: O for zero, I or L for one, lower case, the Arabic-Indic digits
# (U+0660 to U+0669) and the Persian ones (U+06F0 to U+06F9) of an Arabic keyboard, spaces
# and any kind of dash between the groups.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−_.]+")


def new_receipt() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, LENGTH, 4))


def compact(text: str) -> str:
    """What someone typed, without separators, in capitals, with the look-alikes read as digits."""
    folded = unicodedata.normalize("NFKC", text).translate(DIGITS)  # NFKC: full-width letters and digits
    return _SEPARATORS.sub("", folded).upper().translate(_CONFUSABLE)


def normalise(text: str) -> str | None:
    """The canonical form of what someone typed, or None if it cannot be a receipt."""
    code = compact(text)
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def digest(code: str) -> str:
    canonical = normalise(code)
    if canonical is None:
        raise ValueError("not a receipt")
    return keyed_hash("receipt", canonical)


def matches(candidate_digest: str, stored_digest: str) -> bool:
    return hmac.compare_digest(candidate_digest, stored_digest)
