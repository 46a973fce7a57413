"""Words of a text as the triage rules read them: normalised, with where each one sits.

Children write Darija in Arabic script and in Latin script with digits for Arabic sounds
(3 ع, 7 ح, 9 ق, 5 خ, 8 غ, 2 ء), French in SMS spelling without accents, Arabic and
English, often in one message. Every word keeps its offsets in the original text (so a
phrase can be highlighted) and gets the forms the lexicon may know it by (`keys`):

- its folded form: lower case, Latin accents and Arabic short vowels dropped, Arabic
  letter variants unified (أ إ آ → ا, ى → ي, ة → ه, ڭ گ → ك), Arabic-Indic digits as
  0-9, letters typed three times or more squeezed ("mouriiiir" → "mourir", also tried as
  "mouriir": "killll" → "kill");
- for Arabic script, the word without one clitic in front (و ف ب ل ك ال, and the Darija
  preverbs غا ك) or behind (pronoun endings), and the negation circumfix ما…ش;
- for Latin script, the Arabizi skeleton behind a "~": digits read as letters, vowels
  dropped ("nmout", "nmot", "nmut" → "~nmt"), with Darija prefixes and endings also
  tried without ("ghan9tlek" → "~nqtlk"), and "ma…ch" read as a negation.

Sentences end at . ! ? ؟ and line breaks; a clause also ends at , ; : ، and at "but"
words, so a negation or a joke in one clause does not reach the next.
"""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# A word: letters and digits, with the combining marks (Arabic short vowels, decomposed
# accents) and the tatweel inside it, so a vowelled Arabic word stays one word. Punctuation
# is read in the same pass: it ends sentences and clauses.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_TOKEN = re.compile(
    rf"(?P<word>[^\W_](?:[^\W_]|[{_MARKS}])*(?:['’]t\b)?)"
    r"|(?P<emoji>[\U0001F300-\U0001FAFF\u2600-\u27BF])"
    r"|(?P<stop>[.!?؟\n…]+)"
    r"|(?P<comma>[,;:،؛()\[\]\"«»]+)"
    r"|(?P<money>[$€])"
)

_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ڭ": "ك",
        "گ": "ك",
        "ک": "ك",
        "ڤ": "ف",
        "پ": "ب",
        "ـ": "",
        "’": "",
        "'": "",
        "œ": "oe",
        "æ": "ae",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_RUN3 = re.compile(r"([^\d])\1{2,}")
_LAUGH = re.compile(
    r"^(?:h{3,}|(?:ha){2,}h?|(?:he){2,}|(?:hi){2,}|x+d+|l+o+l+|lmf?ao+|mdr+|p?tdr+|xptdr+|ه{3,}|(?:هه){2,})$"
)

# Darija in Latin script: what digits and letter pairs stand for, read as one consonant.
_ARABIZI_PAIRS = (("kh", "5"), ("gh", "8"), ("ch", "c"), ("sh", "c"), ("dj", "j"), ("ou", "u"))
_ARABIZI_DIGITS = str.maketrans(
    {"7": "h", "9": "q", "2": "", "6": "t", "y": "", "a": "", "e": "", "i": "", "o": "", "u": ""}
)
_SQUEEZE = re.compile(r"(.)\1+")
# Darija prefixes and endings tried away, longest first (a word keeps at least 3 letters).
_ARABIZI_PREFIXES = ("ghadi", "gha", "ka", "ta", "ki", "kan", "kat", "kay", "ra", "l")
_ARABIZI_SUFFIXES = (
    "hom",
    "hum",
    "houm",
    "ha",
    "lik",
    "lek",
    "liya",
    "lia",
    "lih",
    "lha",
    "ni",
    "na",
    "kom",
    "ek",
    "ik",
    "k",
    "h",
    "o",
    "i",
)
_ARABIC_PREFIXES = (
    "وال",
    "بال",
    "فال",
    "كال",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "غا",
    "غ",
    "ك",
    "سا",
    "سي",
    "ست",
    "سن",
    "س",
)
_ARABIC_SUFFIXES = ("هوم", "هم", "ها", "كم", "نا", "ني", "ك", "ه", "و", "ي", "ين", "ات", "تي")
_LATIN_VOWELS = set("aeiouy")
_TO_BE = frozenset({"يكون", "تكون", "نكون", "اكون", "يصبح", "تصبح", "يبقى", "تبقى", "يكونون"})
# Darija in Latin script shows itself by digits inside words ("n9tlek", "wa7d", "3lik") or by
# its commonest words. Only then are Latin words also read as Darija skeletons: otherwise
# English "another" would be read as "ntahar".
_ARABIZI_DIGIT = re.compile(r"[a-z][379]|[379][a-z]")
DARIJA_WORDS = frozenset(
    """bghit bghat bgha baghi bagha bghina bghiti dyal dyali dyalek dyalo dial diali dialo hadchi hadik hadak kolchi
    walakin daba chwiya mzyan mzyana safi wach kayn kayna makaynch walo ghadi ghadia ghadya ghir bach liya lia lik lih
    nhar lyoum lyouma ghda rasi khti khoya wlidi bba yemma wallah wellah chokran chkoun chno fach mlli kifach mnin
    zwin zwina khayb bzaf bezzaf tsawer tswira flous kanbghi kanfker kaytsennani machi mashi homa howa hiya nta nti
    ntouma hna tma mok bok ddar lmdrasa kaydded kaysebni kolhom b7al bhal intihar ntahar nmout nmot tmout bghit
    ghan rajl rajel chi wahd wahed ila makayn""".split()  # noqa: SIM905 (a word list reads best as words)
)
# Darija verbs in the present carry "ka-" ("kanfker", "kaysebni"): a long such word marks Darija too.
_DARIJA_PRESENT = re.compile(r"^(?:kan|kay|kat|tan|tay|tat)[a-z]{4,}$")
_MONEY = re.compile(r"^\d+(?:dh|dhs|mad|da|e|eur|euros?|dollars?|k)$")
_CLOCK = re.compile(r"^\d{1,2}(?:h\d{0,2}|am|pm)$")


class Word(NamedTuple):
    # A field named like tuple.index(): read as word.index, never called; mypy sees an override.
    index: int  # type: ignore[assignment]
    start: int  # offsets in the original text
    end: int
    form: str  # folded, letters typed three times squeezed
    keys: frozenset[str]
    sentence: int
    clause: int
    arabic: bool


def fold(text: str) -> str:
    """Lower case without accents or short vowels, Arabic variants unified."""
    if text.isascii():  # most Latin words: nothing to decompose
        return text.lower().replace("'", "")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_ARABIC_LETTERS)


def _squeezed(form: str) -> tuple[str, str]:
    """A letter typed three times or more, once and twice ("noooon" → "non", "killll" → "kill")."""
    if not _RUN3.search(form):
        return form, form
    return _RUN3.sub(r"\1", form), _RUN3.sub(r"\1\1", form)


def arabizi_skeleton(form: str) -> str:
    """Darija in Latin script reduced to its consonants: "n9tlek", "nqtelk" → "nqtlk"."""
    for pair, letter in _ARABIZI_PAIRS:
        form = form.replace(pair, letter)
    return _SQUEEZE.sub(r"\1", form.translate(_ARABIZI_DIGITS))


def _latin_keys(base: str, form: str) -> set[str]:
    """Keys any Latin word has: its squeezed forms, and what kind of token it is."""
    keys = {base, _squeezed(form)[1]}
    if _LAUGH.match(form):
        keys.add("#laugh")
    if not any(char.isdigit() for char in base):
        return keys
    if base.isdigit():
        keys.add("#number")
    elif _MONEY.match(base):
        keys.add("#money")
    if _CLOCK.match(base):
        keys.add("#clock")
    return keys


@lru_cache(maxsize=65536)
def darija_keys_of(raw: str) -> frozenset[str]:
    """What a Latin word may also be known by in a text with Darija: skeletons, negation, future.

    Only computed for texts that have Darija in Latin script: most French and English words
    never need it.
    """
    keys = keys_of(raw)
    base = keys.form
    if keys.arabic or base.isdigit():
        return keys.plain
    darija: set[str] = set()
    if base.startswith("gha") and len(base) >= 6:
        darija.add("#going")  # Darija future: "ghan9tlek", "ghadir"
    stems = {base}
    # "ma…ch" around a verb is the Darija negation: "mabghitch" is "not" + "bghit".
    if len(base) > 5 and base.startswith("ma") and base.endswith(("ch", "sh")):
        darija.add("#neg")
        stems.add(base[2:-2])
    elif len(base) > 4 and base.endswith(("ch", "sh")) and not set(base[-3:-2]) & _LATIN_VOWELS:
        stems.add(base[:-2])
    for stem in list(stems):
        for prefix in _ARABIZI_PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                stems.add(stem[len(prefix) :])
    for stem in list(stems):
        for suffix in _ARABIZI_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stems.add(stem[: -len(suffix)])
    for stem in stems:
        skeleton = arabizi_skeleton(stem)
        if len(skeleton) >= 3:
            darija.add("~" + skeleton)
    return keys.plain | darija


def _arabic_keys(form: str) -> set[str]:
    keys = set(_squeezed(form))
    base = min(keys, key=len)
    if _LAUGH.match(base):
        keys.add("#laugh")
    stems = {base}
    # ما…ش around a verb is the Darija negation: "مابغيتش" is "not" + "بغيت".
    for negation in ("ما", "م"):
        if len(base) > len(negation) + 3 and base.startswith(negation) and base.endswith("ش"):
            keys.add("#neg")
            stems.add(base[len(negation) : -1])
    if base.startswith(("غا", "سي", "سا", "ست", "سن")) and len(base) >= 5 and base[1:] not in _TO_BE:
        keys.add("#going")  # Darija غا- and Arabic سـ: a future verb (not "will be")
    if len(base) > 4 and base.endswith("ش"):
        stems.add(base[:-1])
    for stem in list(stems):
        for prefix in _ARABIC_PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                stems.add(stem[len(prefix) :])
    for stem in list(stems):
        for suffix in _ARABIC_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stems.add(stem[: -len(suffix)])
    return keys | stems


# Words that open a new clause, as a comma does: what follows "but" is said apart.
_CLAUSE_WORDS = frozenset(
    {"mais", "but", "walakin", "walakine", "walaken", "lakin", "لكن", "ولكن", "however", "pourtant"}
)


class Keys(NamedTuple):
    form: str  # folded, letters typed three times squeezed
    plain: frozenset[str]  # what the word may be known by in any text
    arabic: bool
    opens_clause: bool  # "but", "mais", "walakin": what follows is said apart
    marks_darija: bool  # the word itself shows Darija in Latin script ("n9tlek", "bghit", "mabghitch")


@lru_cache(maxsize=65536)
def keys_of(raw: str) -> Keys:
    form = fold(raw)
    squeezed = _squeezed(form)[0]
    if _ARABIC.search(form):
        plain = frozenset(_arabic_keys(form))
        return Keys(squeezed, plain, True, not plain.isdisjoint(_CLAUSE_WORDS), False)
    plain = frozenset(_latin_keys(squeezed, form))
    return Keys(squeezed, plain, False, not plain.isdisjoint(_CLAUSE_WORDS), _marks_darija(squeezed))


def _marks_darija(form: str) -> bool:
    return (
        form in DARIJA_WORDS
        or (len(form) > 5 and form.startswith("ma") and form.endswith(("ch", "sh")))
        or bool(_DARIJA_PRESENT.match(form))
        or bool(_ARABIZI_DIGIT.search(form) and not (_CLOCK.match(form) or _MONEY.match(form)))
    )


def words(text: str) -> list[Word]:
    found: list[Word] = []
    raws: list[str] = []
    sentence = clause = 0
    money = darija = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            raw = match.group()
            form, keys, arabic, opens_clause, marks = keys_of(raw)
            darija = darija or marks
            if money and "#number" in keys:
                keys = keys | {"#money"}
        elif kind == "emoji":
            raw = form = match.group()
            keys, arabic, opens_clause = frozenset({raw}), False, False
        else:
            if kind == "money":
                money = True
            elif found:
                sentence += kind == "stop"
                clause += 1
            continue
        money = False
        if opens_clause and found:
            clause += 1
        found.append(Word(len(found), match.start(), match.end(), form, keys, sentence, clause, arabic))
        raws.append(raw)
    if darija:
        # Darija in Latin script somewhere: every Latin word may also be a Darija word.
        found = [
            word if word.arabic else Word(*word[:4], darija_keys_of(raw), *word[5:])
            for word, raw in zip(found, raws, strict=True)
        ]
    return found
