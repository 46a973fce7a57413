"""The synthetic development and held-out sets (devset/) meet the goal: P0 danger found at least
95 times in 100, and no more than one false P0 in five."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from sanad.triage.danger import DANGERS
from sanad.triage.suggestion import suggest

pytestmark = pytest.mark.smoke

DEVSET = Path(__file__).resolve().parent.parent / "devset"
P0 = {code for code, danger in DANGERS.items() if danger.urgency == "P0"}


def scored(name: str) -> dict[str, list[tuple[bool, bool]]]:
    """(expected P0, found P0) per language."""
    by_language = defaultdict(list)
    for line in (DEVSET / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_language[row["lang"]].append((row["urgency"] == "P0", bool(P0 & set(suggest(row["text"]).signals))))
    return by_language


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_p0_recall_and_false_alarms_meet_the_goal(name):
    pairs = [pair for pairs in scored(name).values() for pair in pairs]
    found = sum(expected and guessed for expected, guessed in pairs)
    expected = sum(expected for expected, _ in pairs)
    raised = sum(guessed for _, guessed in pairs)
    assert found / expected >= 0.95
    assert (raised - found) / raised <= 0.2


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_every_language_is_covered(name):
    for language, pairs in scored(name).items():
        expected = sum(expected for expected, _ in pairs)
        found = sum(expected and guessed for expected, guessed in pairs)
        assert found / expected >= 0.9, language


def test_the_development_set_holds_at_least_200_danger_texts_in_the_four_languages():
    rows = [json.loads(line) for line in (DEVSET / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    danger = [row for row in rows if row["urgency"] == "P0"]
    assert len(danger) >= 200
    assert {row["lang"] for row in danger} >= {"fr", "en", "ar", "ary", "ary-latn"}
    hard = {"self_harm_passive", "self_harm_humour", "self_harm_other"}
    assert hard <= {row["family"] for row in danger}
    assert {"figurative_laugh", "figurative_exam", "figurative_game", "negated"} <= {row["family"] for row in rows}
