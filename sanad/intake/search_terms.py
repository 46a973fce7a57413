"""Word search over sealed text without storing the text.

Each word of a report's free text is normalised (case, Arabic diacritics and letter
variants, Latin accents) and stored only as a truncated keyed hash. Staff searching for a
word hash it the same way. It finds whole words, in any order; it cannot find parts of
words, phrases, misspellings or words of attachments. Without SANAD_INDEX_KEY the hashes
say nothing; with a copy of the database and the key, someone could test guessed words,
which is why the key stays outside the database.
"""

import re
import unicodedata

from sanad.lib.keyed_hash import keyed_hash

# Arabic letter variants people type interchangeably.
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": ""})
_WORD = re.compile(r"[\w@.'-]+", re.UNICODE)
MIN_LENGTH = 2
MAX_TERMS = 2000


def _without_marks(text: str) -> str:
    # Drops Latin accents and Arabic short vowels (harakat) alike: both are combining marks.
    # Done on the whole text first, so a vowelled word is not split at its vowels.
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_word(word: str) -> str:
    return _without_marks(word).translate(_ARABIC).strip(".'-@")


def words(text: str) -> set[str]:
    found = {normalise_word(word) for word in _WORD.findall(_without_marks(text))}
    return {word for word in found if len(word) >= MIN_LENGTH}


def term_hash(word: str) -> str:
    # 64 bits: collisions are rare enough for search and the hash reveals less.
    return keyed_hash("search-term", word)[:16]


def terms(text: str) -> list[str]:
    return sorted({term_hash(word) for word in words(text)})[:MAX_TERMS]
