"""Scoring a trainee's answer against a reference answer: pure functions, partial credit per part.

Every function takes plain data (codes, lists, dicts) and returns a `Part`: a score from 0 to 1,
its weight, and what was missed and what was added, so the feedback can show the reasons with
the missed danger signals first. Nothing here reads the database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

URGENCIES = ("P0", "P1", "P2", "P3")
# Credit by distance between urgencies: one level off is half wrong; further is mostly wrong.
URGENCY_CREDIT = {0: 1.0, 1: 0.5, 2: 0.2, 3: 0.0}
# Recipients that receive the same thing (cases/redaction.py profiles): choosing one for another is close.
RECIPIENT_FAMILIES = ({"police", "gendarmerie", "prosecutor"}, {"support", "helpline"})
CLOSE_RECIPIENT = 0.75
# Each danger signal ticked that the report does not show costs this much (over-reading alarms people).
EXTRA_DANGER_COST = 0.25
# A report with no danger signal read as dangerous (figurative language taken literally) keeps half.
FALSE_ALARM_CREDIT = 0.5
WEIGHTS = {
    "danger_signals": 2,
    "urgency": 2,
    "categories": 1,
    "referral": 1,
    "redaction": 1,
    "protocol_level": 1,
    "protocol_steps": 1,
}


@dataclass
class Part:
    name: str
    score: float
    weight: int = 1
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    expected: Any = None
    given: Any = None

    @property
    def right(self) -> bool:
        return self.score >= 0.999

    def as_data(self) -> dict[str, Any]:
        return asdict(self)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def set_overlap(expected: Iterable[str], given: Iterable[str]) -> float:
    """Jaccard overlap: 1 when equal, 0 when nothing in common; both empty counts as right."""
    want, got = set(expected), set(given)
    if not want and not got:
        return 1.0
    return len(want & got) / len(want | got)


def score_categories(expected: Sequence[str], given: Sequence[str]) -> Part:
    return Part(
        "categories",
        set_overlap(expected, given),
        WEIGHTS["categories"],
        missed=sorted(set(expected) - set(given)),
        extra=sorted(set(given) - set(expected)),
        expected=list(expected),
        given=list(given),
    )


def score_urgency(expected: str, given: str) -> Part:
    if given not in URGENCIES:
        return Part("urgency", 0.0, WEIGHTS["urgency"], expected=expected, given=given)
    distance = abs(URGENCIES.index(expected) - URGENCIES.index(given))
    # Under-rating is the dangerous mistake: it is named as missed; over-rating as extra.
    missed = [expected] if URGENCIES.index(given) > URGENCIES.index(expected) else []
    extra = [given] if URGENCIES.index(given) < URGENCIES.index(expected) else []
    return Part("urgency", URGENCY_CREDIT[distance], WEIGHTS["urgency"], missed, extra, expected, given)


def score_danger_signals(expected: Sequence[str], given: Sequence[str]) -> Part:
    want, got = set(expected), set(given)
    missed, extra = sorted(want - got), sorted(got - want)
    if not want:
        score = 1.0 if not got else FALSE_ALARM_CREDIT
    else:
        score = _clamp(len(want & got) / len(want) - EXTRA_DANGER_COST * len(extra))
    return Part("danger_signals", score, WEIGHTS["danger_signals"], missed, extra, list(expected), list(given))


def score_referral(expected: str, given: str) -> Part:
    if expected == given:
        score = 1.0
    elif any(expected in family and given in family for family in RECIPIENT_FAMILIES):
        score = CLOSE_RECIPIENT
    else:
        score = 0.0
    return Part(
        "referral",
        score,
        WEIGHTS["referral"],
        missed=[expected] if expected and score < 1 else [],
        extra=[given] if given and score < 1 else [],
        expected=expected,
        given=given,
    )


def score_redaction(expected: Sequence[str], given: Sequence[str], items: Sequence[str]) -> Part:
    """Per item shared or withheld, the share of right choices. `extra` lists what was shared that
    the recipient must not receive (the serious mistake), `missed` what it needed and did not get."""
    want, got = set(expected), set(given)
    right = sum(1 for item in items if (item in want) == (item in got))
    return Part(
        "redaction",
        right / len(items) if items else 1.0,
        WEIGHTS["redaction"],
        missed=[item for item in items if item in want - got],
        extra=[item for item in items if item in got - want],
        expected=list(expected),
        given=list(given),
    )


def score_protocol_level(expected: int, given: int | None) -> Part:
    distance = 3 if given is None else abs(expected - given)
    score = {0: 1.0, 1: 0.5}.get(distance, 0.0)
    missed = [str(expected)] if given is None or given < expected else []
    return Part("protocol_level", score, WEIGHTS["protocol_level"], missed, [], expected, given)


def score_protocol_steps(expected: Sequence[str], given: Sequence[str]) -> Part:
    order = {code: i for i, code in enumerate(expected)}
    return Part(
        "protocol_steps",
        set_overlap(expected, given),
        WEIGHTS["protocol_steps"],
        missed=[code for code in expected if code not in set(given)],
        extra=sorted(set(given) - set(expected), key=lambda code: order.get(code, 99)),
        expected=list(expected),
        given=list(given),
    )


def score_study(answer: dict[str, Any], given: dict[str, Any], *, redaction_items: Sequence[str]) -> list[Part]:
    """Every part of a case study's reference answer that applies, scored; danger signals first."""
    parts = [
        score_danger_signals(answer.get("danger_signals", []), given.get("danger_signals", [])),
        score_urgency(answer["urgency"], given.get("urgency", "")),
        score_categories(answer.get("categories", []), given.get("categories", [])),
        score_referral(answer.get("referral", ""), given.get("referral", "")),
    ]
    if answer.get("referral"):
        parts.append(score_redaction(answer.get("redaction", []), given.get("redaction", []), redaction_items))
    if answer.get("protocol_level") is not None:
        parts.append(score_protocol_level(answer["protocol_level"], given.get("protocol_level")))
        parts.append(score_protocol_steps(answer.get("protocol_steps", []), given.get("protocol_steps", [])))
    return parts


def total(parts: Sequence[Part]) -> float:
    """The weighted mean of the parts' scores (0 for no parts)."""
    weight = sum(part.weight for part in parts)
    return sum(part.score * part.weight for part in parts) / weight if weight else 0.0


# Questions


def score_single(expected: str, given: str | None) -> float:
    return 1.0 if given == expected else 0.0


def score_multiple(expected: Sequence[str], given: Sequence[str]) -> float:
    """Right choices minus wrong ones, over the right ones (ticking everything earns nothing)."""
    want, got = set(expected), set(given)
    if not want:
        return 1.0 if not got else 0.0
    return _clamp((len(want & got) - len(got - want)) / len(want))


def score_ordering(expected: Sequence[str], given: Sequence[str]) -> float:
    """Kendall-tau-like: the share of pairs put in the right relative order. An item left out
    counts every pair it belongs to as wrong; a single item or none is right."""
    pairs = list(combinations(expected, 2))
    if not pairs:
        return 1.0
    position = {key: i for i, key in enumerate(given)}
    concordant = sum(1 for a, b in pairs if a in position and b in position and position[a] < position[b])
    return concordant / len(pairs)


def score_matching(expected: dict[str, str], given: dict[str, str]) -> float:
    """The share of left-hand items matched to their right target."""
    if not expected:
        return 1.0
    return sum(1 for key, target in expected.items() if given.get(key) == target) / len(expected)


def score_question(kind: str, expected: Any, given: Any) -> float:
    """A question's score from its kind (models.Question.Kind); a malformed answer scores 0."""
    if kind == "single":
        return score_single(expected, given if isinstance(given, str) else None)
    if kind == "multiple":
        return score_multiple(expected, given if isinstance(given, list) else [])
    if kind == "ordering":
        return score_ordering(expected, given if isinstance(given, list) else [])
    if kind == "matching":
        return score_matching(expected, given if isinstance(given, dict) else {})
    raise ValueError(kind)
