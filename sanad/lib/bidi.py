"""The writing direction of a piece of text, for documents where dir="auto" is not available.

Browsers understand dir="auto"; WeasyPrint (the PDF summaries of evidence packs) does not,
so a Darija text in Arabic script inside a French document would be set left to right.
"""

import unicodedata
from dataclasses import dataclass


def direction(text: str) -> str:
    """'rtl' or 'ltr' after the first strongly directional character, as dir="auto" does.
    Text with none (a phone number, a date) reads left to right: "+212 6…" stays in order."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in {"R", "AL"}:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@dataclass(frozen=True)
class Line:
    text: str
    dir: str


def lines(text: str) -> list[Line]:
    """A written text line by line, each with its own direction: reports here often mix
    French and Arabic, one language per line."""
    return [Line(line, direction(line)) for line in text.splitlines() if line.strip()]
