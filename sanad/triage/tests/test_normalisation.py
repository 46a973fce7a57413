"""Words are read the way children write them: Arabizi digits, Arabic letter variants, SMS French."""

import pytest

from sanad.triage.lexicon import LEXICON, Lexicon
from sanad.triage.suggestion import suggest
from sanad.triage.text import arabizi_skeleton, fold, words

pytestmark = pytest.mark.smoke


def concepts_of(text: str) -> list[set[str]]:
    return [set(LEXICON.concepts(word.keys)) for word in words(text)]


@pytest.mark.parametrize(
    ("spellings", "skeleton"),
    [
        (["n9tlek", "nqtlk", "n9telk", "nqtelek"], "nqtlk"),
        (["nmout", "nmot", "nmut", "nmouut"], "nmt"),
        (["wa7d", "wahd", "wa7ed"], "whd"),
        (["tsawer", "tswira", "tsawr"], "tswr"),
        (["khless", "5less"], "5ls"),
    ],
)
def test_arabizi_spellings_of_one_word_share_a_skeleton(spellings, skeleton):
    assert {arabizi_skeleton(fold(spelling)) for spelling in spellings} == {skeleton}


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أريد", "اريد"),
        ("إنتحار", "انتحار"),
        ("الحياة", "الحياه"),
        ("ذكرى", "ذكري"),
        ("نَمُوتُ", "نموت"),  # short vowels
        ("نمـــوت", "نموت"),  # tatweel
        ("بغيييييت", "بغيت"),  # a letter typed again and again
        ("٢٤", "24"),  # Arabic-Indic digits
        ("ڭالي", "كالي"),
    ],
)
def test_arabic_variants_are_folded_to_one_form(variant, plain):
    assert words(variant)[0].form == plain


@pytest.mark.parametrize(("typed", "plain"), [("MOURIIIIR", "mourir"), ("désespérée", "desesperee"), ("noooon", "non")])
def test_french_accents_case_and_long_letters_are_folded(typed, plain):
    assert words(typed)[0].form == plain


def test_a_letter_typed_many_times_still_meets_a_double_letter():
    assert "KILL" in concepts_of("killlll")[0]


@pytest.mark.parametrize("text", ["bghit nmout", "bghiiit nmoooout", "b8it nmot", "بغيت نموت", "بغيييت نمـوت"])
def test_the_same_sentence_in_every_spelling_is_one_signal(text):
    assert suggest(text).signals == ("self_harm",)


@pytest.mark.parametrize("word", ["مابغيتش", "ماباغيش", "mabghitch", "mab9itch"])
def test_the_darija_negation_circumfix_is_read_as_not(word):
    assert "NEG" in concepts_of(f"{word} n3ich")[0] | concepts_of(f"{word} نعيش")[0]


@pytest.mark.parametrize("word", ["فالانتحار", "بالانتحار", "الانتحار", "والانتحار"])
def test_arabic_clitics_in_front_are_tried_away(word):
    assert "SUICIDE_TALK" in concepts_of(word)[0]


def test_french_possessive_ma_is_not_the_darija_negation():
    assert "NEG" not in concepts_of("ma copine se scarifie")[0]
    assert suggest("ma copine se scarifie").signals == ("self_harm",)


def test_latin_words_are_read_as_darija_only_in_a_text_that_has_darija():
    # English "another" has the skeleton of Darija "ntahar": alone it stays English.
    assert not any(key.startswith("~") for key in words("i found another one")[2].keys)
    assert any(key.startswith("~") for key in words("wallah bghit ntahar")[2].keys)


def test_offsets_point_at_the_original_text_even_with_vowels_and_emoji():
    text = "😢 بَغِيتْ نَمُوتْ"
    found = suggest(text)
    spans = [text[start:end] for finding in found.findings for start, end in finding.spans]
    assert spans == ["بَغِيتْ نَمُوتْ"]


def test_a_prefix_entry_too_short_to_be_safe_is_refused():
    with pytest.raises(ValueError, match="too short"):
        Lexicon({"fr": {"DIE": ("mor*",)}})
