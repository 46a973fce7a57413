"""The lexicon: words and phrases of four languages, each filed under a concept.

A concept is what the rules reason with ("WANT", "DIE", "SELF1", "TIME"...), whatever the
language: "bghit nmout", "je veux mourir", "I want to die" and "بغيت نموت" are all WANT
then DIE. Each language module (fr, en, ar, arabizi) lists its own words; this module
turns them into the keys a word of the text is looked up by (see text.py).
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sanad.triage.lexicon import ar, arabizi, en, fr
from sanad.triage.text import arabizi_skeleton, fold

MIN_PREFIX = 4
MODULES = {"fr": fr.WORDS, "en": en.WORDS, "ar": ar.WORDS, "arabizi": arabizi.WORDS}


@dataclass(frozen=True, slots=True)
class Phrase:
    keys: tuple[str, ...]
    concept: str


def plain_key(element: str) -> str:
    """How an entry meets a word: its folded form, letters typed three times or more squeezed."""
    if element.startswith("#"):
        return element
    form = fold(element)
    squeezed: list[str] = []
    for char in form:
        if len(squeezed) >= 2 and squeezed[-1] == squeezed[-2] == char and not char.isdigit():
            continue
        squeezed.append(char)
    return "".join(squeezed)


def arabizi_key(element: str) -> str:
    if element.startswith("#"):
        return element
    skeleton = arabizi_skeleton(fold(element))
    return "~" + skeleton if len(skeleton) >= 3 else plain_key(element)


def _elements(entry: str) -> list[str]:
    return entry.replace("'", " ").replace("’", " ").replace("-", " ").split()


class Lexicon:
    def __init__(self, modules: dict[str, dict[str, tuple[str, ...]]]) -> None:
        words: dict[str, set[str]] = defaultdict(set)
        prefixes: dict[str, set[str]] = defaultdict(set)
        phrases: dict[str, list[Phrase]] = defaultdict(list)
        darija: set[str] = set()
        for name, entries in modules.items():
            for concept, listed in entries.items():
                for entry in listed:
                    exact = name != "arabizi" or entry.startswith("=")
                    key_of = plain_key if exact else arabizi_key
                    elements = _elements(entry.removeprefix("="))
                    if entry.endswith("*"):
                        stem = plain_key(entry[:-1])
                        if len(stem) < MIN_PREFIX:
                            raise ValueError(f"prefix too short to be safe: {entry!r}")
                        prefixes[stem].add(concept)
                        continue
                    keys = tuple(key_of(element) for element in elements)
                    if name in {"arabizi", "ar"}:
                        darija.update(keys)
                    if len(keys) == 1:
                        words[keys[0]].add(concept)
                    else:
                        phrases[keys[0]].append(Phrase(keys, concept))
        self.words = {key: frozenset(concepts) for key, concepts in words.items()}
        self.prefixes = {key: frozenset(concepts) for key, concepts in prefixes.items()}
        # Phrases by their first two keys: a word and the next are looked up together.
        pairs: dict[tuple[str, str], list[Phrase]] = defaultdict(list)
        for found in phrases.values():
            for phrase in found:
                pairs[phrase.keys[0], phrase.keys[1]].append(phrase)  # a phrase has two keys or more
        self.phrases = {key: tuple(found) for key, found in pairs.items()}
        self.phrase_starts = frozenset(key for key, _ in pairs)
        self.darija_keys = frozenset(darija - {"ma", "la", "a", "f", "l", "b", "w"})
        self.longest_prefix = max((len(key) for key in self.prefixes), default=0)

    def concepts(self, keys: frozenset[str]) -> frozenset[str]:
        return self._concepts(keys)

    @lru_cache(maxsize=65536)  # noqa: B019 (one lexicon for the life of the process)
    def _concepts(self, keys: frozenset[str]) -> frozenset[str]:
        found: set[str] = set()
        for key in keys:
            known = self.words.get(key)
            if known:
                found |= known
            if self.prefixes and key[:1] not in "~#":
                for length in range(MIN_PREFIX, min(len(key), self.longest_prefix) + 1):
                    known = self.prefixes.get(key[:length])
                    if known:
                        found |= known
        return frozenset(found)


LEXICON = Lexicon(MODULES)
