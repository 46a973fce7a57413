"""What the assistant suggests for one text: danger signals, categories, urgency, and why.

`suggest(text)` is the one entry point: the portal's send calls it (intake.actions), the
`suggest_triage` command calls it, the benchmark calls it. It reads the text only: no
model is loaded, nothing leaves the process, and the same text always gets the same
answer from the same `ENGINE`.
"""

from dataclasses import dataclass

from sanad.lib.categories import CATEGORY_URGENCY, Category
from sanad.triage.danger import DANGERS
from sanad.triage.matching import Occurrence, Reading
from sanad.triage.rules import CATEGORY_RULES, DANGER_RULES

# Named in every stored suggestion and every analyst's review: change it when the rules or
# lexicons change, so reviews of older suggestions stay readable as such.
ENGINE = "rules-1"
LEVELS = ("P0", "P1", "P2", "P3")


@dataclass(frozen=True)
class Finding:
    """One rule that matched, and where: character offsets of the phrases in the text."""

    finds: str  # a danger signal code, or a category code
    rule: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Suggestion:
    urgency: str | None  # the most urgent level the text alone calls for; None if it calls for none
    signals: tuple[str, ...]  # danger signals, most urgent first
    categories: tuple[str, ...]  # in DOMAIN.md's order
    findings: tuple[Finding, ...]

    def as_json(self) -> dict[str, object]:
        """What `suggest_triage` prints for a text."""
        return {"urgency": self.urgency, "signals": list(self.signals), "categories": list(self.categories)}

    def record(self) -> dict[str, object]:
        """What a report keeps: codes, rule names and offsets into its own (sealed) text, never the text."""
        return {
            **self.as_json(),
            "engine": ENGINE,
            "findings": [
                {"finds": item.finds, "rule": item.rule, "spans": [list(span) for span in item.spans]}
                for item in self.findings
            ],
        }


def most_urgent(*levels: str | None) -> str | None:
    present = [level for level in levels if level]
    return min(present, key=LEVELS.index) if present else None


def suggest(text: str) -> Suggestion:
    reading = Reading(text)
    spans: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for rule in (*DANGER_RULES, *CATEGORY_RULES):
        for finds, match in rule.matches(reading):
            # A sequence is one phrase, highlighted whole ("ma b9itch baghi n3ich"); words found
            # together in a window (a threat, images, a deadline) are highlighted one by one.
            phrase = len(rule.steps)
            spans.setdefault((finds, rule.name), set()).update(
                _spans(reading, match.occurrences[:phrase], whole=True) | _spans(reading, match.occurrences[phrase:])
            )
    findings = tuple(Finding(finds, rule, _merged(found)) for (finds, rule), found in spans.items())
    signals = sorted({item.finds for item in findings if item.finds in DANGERS}, key=_signal_order)
    categories = {item.finds for item in findings if item.finds not in DANGERS}
    categories |= {code for signal in signals for code in DANGERS[signal].categories}
    ordered = tuple(code for code in Category.values if code in categories)
    urgency = most_urgent(
        *(DANGERS[signal].urgency for signal in signals), *(CATEGORY_URGENCY.get(code) for code in ordered)
    )
    if urgency is None and ordered:
        urgency = "P3"
    return Suggestion(urgency, tuple(signals), ordered, findings)


def _signal_order(code: str) -> tuple[int, int]:
    return LEVELS.index(DANGERS[code].urgency), list(DANGERS).index(code)


def _spans(reading: Reading, occurrences: tuple[Occurrence, ...], *, whole: bool = False) -> set[tuple[int, int]]:
    if whole and occurrences:
        first, last = min(item.first for item in occurrences), max(item.last for item in occurrences)
        return {(reading.words[first].start, reading.words[last].end)}
    return {(reading.words[item.first].start, reading.words[item.last].end) for item in occurrences}


def _merged(spans: set[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
