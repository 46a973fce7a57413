"""Partial credit per part of a case study, and for each kind of question."""

import pytest

from sanad.training import library, scoring

ITEMS = library.REDACTION_ITEMS


def test_categories_are_scored_as_set_overlap():
    assert scoring.score_categories(["harassment"], ["harassment"]).score == 1
    part = scoring.score_categories(["harassment", "hate_speech"], ["harassment", "threats"])
    assert part.score == pytest.approx(1 / 3)
    assert part.missed == ["hate_speech"]
    assert part.extra == ["threats"]
    assert scoring.score_categories(["scam"], []).score == 0


@pytest.mark.parametrize(
    ("expected", "given", "credit"),
    [("P0", "P0", 1.0), ("P0", "P1", 0.5), ("P2", "P0", 0.2), ("P0", "P3", 0.0), ("P1", "", 0.0), ("P1", "P9", 0.0)],
)
def test_urgency_gets_less_credit_the_further_it_is(expected, given, credit):
    assert scoring.score_urgency(expected, given).score == credit


def test_an_urgency_rated_too_low_is_named_missed_and_too_high_extra():
    assert scoring.score_urgency("P0", "P2").missed == ["P0"]
    assert scoring.score_urgency("P3", "P1").extra == ["P1"]


def test_danger_signals_missed_are_listed_and_extras_cost():
    part = scoring.score_danger_signals(["self_harm", "danger_now"], ["self_harm", "threat"])
    assert part.missed == ["danger_now"]
    assert part.extra == ["threat"]
    assert part.score == pytest.approx(0.5 - scoring.EXTRA_DANGER_COST)
    assert scoring.score_danger_signals(["meeting"], ["meeting"]).score == 1


def test_figurative_language_read_as_danger_keeps_half_credit():
    assert scoring.score_danger_signals([], []).score == 1
    assert scoring.score_danger_signals([], ["self_harm"]).score == scoring.FALSE_ALARM_CREDIT


def test_referral_to_the_same_kind_of_recipient_is_close():
    assert scoring.score_referral("police", "police").score == 1
    assert scoring.score_referral("police", "gendarmerie").score == scoring.CLOSE_RECIPIENT
    assert scoring.score_referral("support", "helpline").score == scoring.CLOSE_RECIPIENT
    part = scoring.score_referral("police", "platform")
    assert (part.score, part.missed, part.extra) == (0, ["police"], ["platform"])
    assert scoring.score_referral("", "").score == 1


def test_redaction_counts_each_item_and_names_what_was_overshared():
    part = scoring.score_redaction(["identifiers"], ["identifiers", "child_details"], ITEMS)
    assert part.score == pytest.approx(4 / 5)
    assert part.extra == ["child_details"]
    assert scoring.score_redaction(library.SHARED_WITH["police"], [], ITEMS).score == 0


def test_protocol_level_and_steps():
    assert scoring.score_protocol_level(3, 3).score == 1
    assert scoring.score_protocol_level(3, 2).score == 0.5
    assert scoring.score_protocol_level(3, 1).score == 0
    assert scoring.score_protocol_level(2, None).score == 0
    part = scoring.score_protocol_steps(["record", "listen", "assess"], ["record", "assess", "measures"])
    assert part.score == pytest.approx(2 / 4)
    assert part.missed == ["listen"]
    assert part.extra == ["measures"]


def test_a_whole_study_lists_danger_signals_first_and_weights_them():
    answer = next(s for s in library.STUDIES if s["slug"] == "hidden-self-harm")["answer"]
    perfect = {
        "danger_signals": ["self_harm"],
        "urgency": "P0",
        "categories": ["harassment"],
        "referral": "support",
        "redaction": ["contact"],
        "protocol_level": 3,
        "protocol_steps": answer["protocol_steps"],
    }
    parts = scoring.score_study(answer, perfect, redaction_items=ITEMS)
    assert next(p.name for p in parts) == "danger_signals"
    assert {p.name for p in parts} == set(scoring.WEIGHTS)
    assert scoring.total(parts) == 1
    # Missing the hidden self-harm costs more than a wrong category.
    missed_danger = scoring.total(scoring.score_study(answer, perfect | {"danger_signals": []}, redaction_items=ITEMS))
    wrong_category = scoring.total(
        scoring.score_study(answer, perfect | {"categories": ["other"]}, redaction_items=ITEMS)
    )
    assert missed_danger < wrong_category < 1


def test_a_study_without_referral_or_school_case_has_no_such_parts():
    answer = next(s for s in library.STUDIES if s["slug"] == "figurative-dying-of-laughter")["answer"]
    names = [p.name for p in scoring.score_study(answer, {}, redaction_items=ITEMS)]
    assert names == ["danger_signals", "urgency", "categories", "referral"]
    assert scoring.total([]) == 0


def test_single_choice():
    assert scoring.score_question("single", "P0", "P0") == 1
    assert scoring.score_question("single", "P0", "P1") == 0
    assert scoring.score_question("single", "P0", ["P0"]) == 0


def test_multiple_choice_takes_off_wrong_ticks():
    assert scoring.score_question("multiple", ["a", "b", "c"], ["a", "b", "c"]) == 1
    assert scoring.score_question("multiple", ["a", "b", "c"], ["a", "b"]) == pytest.approx(2 / 3)
    assert scoring.score_question("multiple", ["a", "b", "c"], ["a", "b", "d"]) == pytest.approx(1 / 3)
    assert scoring.score_question("multiple", ["a", "b"], ["a", "b", "c", "d"]) == 0
    assert scoring.score_question("multiple", ["a"], "a") == 0


def test_ordering_gives_credit_per_pair_in_order():
    right = ["a", "b", "c", "d"]
    assert scoring.score_question("ordering", right, right) == 1
    assert scoring.score_question("ordering", right, ["d", "c", "b", "a"]) == 0
    # One neighbouring swap breaks one pair of six.
    assert scoring.score_question("ordering", right, ["b", "a", "c", "d"]) == pytest.approx(5 / 6)
    # An item left out loses its pairs.
    assert scoring.score_question("ordering", right, ["a", "b", "c"]) == pytest.approx(3 / 6)
    assert scoring.score_question("ordering", ["a"], []) == 1


def test_matching_gives_credit_per_pair():
    expected = {"knife": "police", "comments": "platform", "sad": "support"}
    assert scoring.score_question("matching", expected, dict(expected)) == 1
    assert scoring.score_question("matching", expected, {"knife": "police", "comments": "support"}) == pytest.approx(
        1 / 3
    )
    assert scoring.score_question("matching", expected, ["police"]) == 0


def test_an_unknown_kind_of_question_is_refused():
    with pytest.raises(ValueError, match="essay"):
        scoring.score_question("essay", "", "")
