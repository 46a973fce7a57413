"""How a rule meets a text: concepts found in its words, then sequences and neighbourhoods of them.

A text is read once (`Reading`): every word and phrase the lexicon knows becomes an
occurrence of its concept, with the words it spans. A rule (rules.py) is either a
sequence of concepts within one clause, a few words apart at most ("WANT" then "DIE"), or
a group of concepts that must all appear within a window of words, in any order (a threat
to publish, images, and a demand). What turns a match off is decided here, once for every
rule: a negation just before it or inside it, a joke frame in its sentence, a parent as
the one who will "kill" the child, an exhortation ("go kill yourself") that is not the
child's own intent.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from sanad.triage.lexicon import LEXICON
from sanad.triage.text import Word, words

# A negation this many words before what it negates, in the same clause, still counts
# ("je n'ai jamais pensé au suicide"); further back it belongs to something else.
NEGATION_REACH = 3
# Idioms where dying or killing is only a figure of speech: their words carry no danger.
CANCELLED_BY_IDIOM = frozenset({"DIE", "DEAD", "DEAD_ME", "KILL", "KILL_ME", "KILL_YOU", "LETHAL", "SUICIDE", "WANT"})
FRAMES = frozenset({"LAUGH", "EXAM", "GAME"})


class Occurrence(NamedTuple):
    concept: str
    first: int  # index of its first word
    last: int  # index of its last word (a phrase spans several)


class Match(NamedTuple):
    occurrences: tuple[Occurrence, ...]
    first: int  # the first word of the earliest occurrence
    last: int  # the last word of the latest one


def _position(item: Occurrence) -> tuple[int, int]:
    return item.first, item.last


def match_of(occurrences: tuple[Occurrence, ...]) -> Match:
    return Match(occurrences, min(item.first for item in occurrences), max(item.last for item in occurrences))


class Reading:
    """One text, read once: its words, and where each concept occurs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[Word] = words(text)
        found: dict[str, list[Occurrence]] = defaultdict(list)
        phrases, starts = LEXICON.phrases, LEXICON.phrase_starts
        count = len(self.words)
        for index, word in enumerate(self.words):
            after = self.words[index + 1] if index + 1 < count else None
            for concept in LEXICON.concepts(word.keys):
                found[concept].append(Occurrence(concept, index, index))
            if after is None or after.sentence != word.sentence or starts.isdisjoint(word.keys):
                continue
            for first in word.keys & starts:
                for second in after.keys:
                    for phrase in phrases.get((first, second), ()):
                        if self._phrase_at(index, phrase.keys):
                            found[phrase.concept].append(
                                Occurrence(phrase.concept, index, index + len(phrase.keys) - 1)
                            )
        self._resolve_darija_negation(found)
        self._add_ages(found)
        self._drop_idioms(found)
        # Sorted by first word, then last; a phrase met through two of its keys counts once.
        self._by_concept = {concept: sorted(set(items), key=_position) for concept, items in found.items() if items}
        self._merged: dict[frozenset[str], tuple[list[Occurrence], list[int]]] = {}
        self._sentences: dict[frozenset[str], set[int]] = {}
        self._at: dict[int, set[str]] | None = None

    def at(self, index: int) -> set[str] | frozenset[str]:
        """The concepts of one word (a phrase's concept on each of its words)."""
        if self._at is None:
            self._at = defaultdict(set)
            for concept, items in self._by_concept.items():
                for item in items:
                    for word in range(item.first, item.last + 1):
                        self._at[word].add(concept)
        return self._at.get(index, frozenset())

    def _phrase_at(self, start: int, keys: tuple[str, ...]) -> bool:
        if start + len(keys) > len(self.words):
            return False
        sentence = self.words[start].sentence
        return all(
            keys[offset] in self.words[start + offset].keys and self.words[start + offset].sentence == sentence
            for offset in range(2, len(keys))
        )

    def _resolve_darija_negation(self, found: dict[str, list[Occurrence]]) -> None:
        """ "ma" and "ما" negate only before a Darija verb ("ma bghitch"), not as French "ma mère"
        or Arabic "what" ("بسبب ما نشروه")."""
        for item in found.pop("NEG_IF_DARIJA", []):
            following = self.words[item.last + 1] if item.last + 1 < len(self.words) else None
            if following is None:
                continue
            form = following.form
            darija = (
                "#neg" in following.keys
                or form.endswith(("ch", "sh", "ش"))
                or (not following.arabic and bool(following.keys & LEXICON.darija_keys))
                or form in {"عمري", "عندي", "كاين", "بقا", "بقات", "عندك"}
            )
            if darija:
                found["NEG"].append(Occurrence("NEG", item.first, item.last))

    def _add_ages(self, found: dict[str, list[Occurrence]]) -> None:
        """An adult's age: a number from 18 to 90 next to "ans", "years", "عام", or after "il a", "3ndo"."""
        units = {(item.first, item.last) for item in found.get("AGE_UNIT", ())}
        cues = found.get("AGE_CUE", [])
        for word in self.words:
            if "#number" not in word.keys:
                continue
            value = int(next(key for key in word.keys if key.isdigit()))
            if not 18 <= value <= 90:
                continue
            unit = next((last for first, last in units if first == word.index + 1), None)
            cued = any(word.index - 3 <= cue.last < word.index for cue in cues)
            if unit is not None or cued:
                found["ADULT"].append(Occurrence("ADULT", word.index, unit if unit is not None else word.index))

    def _drop_idioms(self, found: dict[str, list[Occurrence]]) -> None:
        idioms = found.get("IDIOM")
        if not idioms:
            return
        covered = {index for idiom in idioms for index in range(idiom.first, idiom.last + 1)}
        for concept in CANCELLED_BY_IDIOM & found.keys():
            found[concept] = [item for item in found[concept] if not (item.first in covered and item.last in covered)]

    # --- looking things up ---------------------------------------------------------------

    def occurrences(self, concepts: frozenset[str]) -> list[Occurrence]:
        return self._indexed(concepts)[0]

    def _indexed(self, concepts: frozenset[str]) -> tuple[list[Occurrence], list[int]]:
        """Occurrences of any of these concepts in text order, and the index of each one's first word."""
        merged = self._merged.get(concepts)
        if merged is None:
            if len(concepts) == 1:
                items = self._by_concept.get(next(iter(concepts)), [])
            else:
                items = sorted(
                    (item for concept in concepts for item in self._by_concept.get(concept, ())), key=_position
                )
            merged = (items, [item.first for item in items])
            self._merged[concepts] = merged
        return merged

    def has(self, concept: str) -> bool:
        return concept in self._by_concept

    def sentences_with(self, concepts: frozenset[str]) -> set[int]:
        found = self._sentences.get(concepts)
        if found is None:
            found = {self.words[item.first].sentence for item in self.occurrences(concepts)}
            self._sentences[concepts] = found
        return found

    def near(self, concepts: frozenset[str], first: int, last: int) -> list[Occurrence]:
        """Occurrences that start within [first, last] (word indexes)."""
        items, firsts = self._indexed(concepts)
        return items[bisect_left(firsts, first) : bisect_right(firsts, last)]

    # --- rules ---------------------------------------------------------------------------

    def sequences(self, steps: tuple[tuple[frozenset[str], int], ...]) -> Iterator[Match]:
        """Each step's concept after the previous one, at most `gap` words between, one clause."""
        for head in self.occurrences(steps[0][0]):
            yield from self._extend((head,), steps[1:])

    def _extend(self, chain: tuple[Occurrence, ...], rest: tuple[tuple[frozenset[str], int], ...]) -> Iterator[Match]:
        if not rest:
            yield match_of(chain)
            return
        previous = chain[-1]
        clause = self.words[chain[0].first].clause
        concepts, gap = rest[0]
        for item in self.near(concepts, previous.first, previous.last + gap + 1):
            same_word = item.first == previous.first == previous.last == item.last and item.concept != previous.concept
            if item.first <= previous.last and not same_word:
                continue
            if self.words[item.last].clause != clause:
                continue
            yield from self._extend((*chain, item), rest[1:])

    def together(self, groups: tuple[frozenset[str], ...], window: int) -> Iterator[Match]:
        """One occurrence of each group within `window` words of the first group's, any order."""
        for anchor in self.occurrences(groups[0]):
            chosen = [anchor]
            for group in groups[1:]:
                candidates = self.near(group, anchor.first - window, anchor.last + window)
                if not candidates:
                    break
                chosen.append(min(candidates, key=lambda item: abs(item.first - anchor.first)))
            else:
                yield match_of(tuple(chosen))

    def negated(self, item: Occurrence, last: int | None = None) -> bool:
        clause = self.words[item.first].clause
        end = item.last if last is None else last
        return any(
            self.words[neg.first].clause == clause
            for neg in self.near(frozenset({"NEG"}), item.first - NEGATION_REACH, end)
        )

    def joking(self, match: Match) -> bool:
        """Laughter, an exam or a game in the match's sentence: talk of dying or killing as a figure."""
        return self.words[match.first].sentence in self.sentences_with(FRAMES)

    def before(self, concepts: frozenset[str], first: int, reach: int) -> bool:
        clause = self.words[first].clause
        return any(self.words[item.first].clause == clause for item in self.near(concepts, first - reach, first - 1))

    def subject(self, first: int) -> str:
        """Who does what starts at word `first`: the nearest pronoun or person before it, same clause."""
        clause = self.words[first].clause
        for index in range(first - 1, max(-1, first - 16), -1):
            if self.words[index].clause != clause:
                break
            concepts = self.at(index)
            if "PARENT" in concepts:
                return "parent"
            if "SECOND" in concepts:
                return "second"
            if "THIRD" in concepts:
                return "third"
            if "FIRST" in concepts:
                return "first"
        return "none"

    def in_sentence(self, concepts: frozenset[str], index: int) -> bool:
        return self.words[index].sentence in self.sentences_with(concepts)
