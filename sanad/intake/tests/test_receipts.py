"""Receipt codes: 80 random bits, easy to read aloud and to type back, stored only as a keyed hash."""

import math
import re

import pytest

from sanad.intake import receipts

CODE = "K7QF-9XRM-2HTP-4WNB"


def test_a_new_receipt_is_four_groups_of_four_from_the_unambiguous_alphabet():
    code = receipts.new_receipt()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert set(code.replace("-", "")) <= set(receipts.ALPHABET)


def test_a_receipt_carries_80_random_bits():
    assert len(receipts.ALPHABET) == 32
    assert set("ILOU").isdisjoint(receipts.ALPHABET)
    assert receipts.LENGTH * math.log2(len(receipts.ALPHABET)) == 80


def test_new_receipts_do_not_repeat_and_use_the_whole_alphabet():
    codes = {receipts.new_receipt() for _ in range(2000)}
    assert len(codes) == 2000
    assert set("".join(codes).replace("-", "")) == set(receipts.ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "K7QF-9XRM-2HTP-4WNB",
        "k7qf-9xrm-2htp-4wnb",
        "K7QF9XRM2HTP4WNB",
        " k7qf 9xrm 2htp 4wnb ",
        "K7QF - 9XRM - 2HTP - 4WNB",
    ],
)
def test_what_people_type_normalises_to_the_code(typed):
    assert receipts.normalise(typed) == "K7QF9XRM2HTP4WNB"


def test_letters_mistaken_for_digits_are_read_as_the_digits():
    assert receipts.normalise("1O2I-3L45-6789-ABCD") == "102131456789ABCD"
    assert receipts.normalise("oooo-iiii-llll-0000") == "0000111111110000"


@pytest.mark.parametrize(
    "typed",
    ["", "K7QF-9XRM-2HTP", "K7QF-9XRM-2HTP-4WNB-A", "K7QF-9XRM-2HTP-4WN", "K7QF-9XRM-2HTP-4WNU", "K7QF-9XRM-2HTP-4WN!"],
)
def test_a_wrong_length_or_character_is_not_a_receipt(typed):
    assert receipts.normalise(typed) is None
    with pytest.raises(ValueError):
        receipts.digest(typed)


def test_the_digest_is_the_same_however_the_code_was_typed():
    assert receipts.digest("k7qf 9xrm 2htp 4wnb") == receipts.digest(CODE)


def test_the_digest_does_not_contain_the_code():
    assert "K7QF9XRM2HTP4WNB" not in receipts.digest(CODE).upper()


def test_the_digest_is_keyed(settings):
    first = receipts.digest(CODE)
    settings.SANAD_INDEX_KEY = settings.SANAD_INDEX_KEY + "-another-key"
    assert receipts.digest(CODE) != first


def test_matches_compares_digests():
    assert receipts.matches(receipts.digest(CODE), receipts.digest(CODE.lower()))
    assert not receipts.matches(receipts.digest(CODE), receipts.digest("K7QF-9XRM-2HTP-4WNC"))


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize("digits", [ARABIC_INDIC, PERSIAN], ids=["arabic-indic", "persian"])
def test_digits_from_an_arabic_keyboard_are_the_same_digits(digits):
    assert receipts.normalise(CODE.translate(digits)) == "K7QF9XRM2HTP4WNB"
    assert receipts.digest(CODE.translate(digits)) == receipts.digest(CODE)


def test_any_dash_full_width_characters_and_dots_between_groups_are_read():
    assert receipts.normalise("K7QF–9XRM—2HTP−4WNB") == "K7QF9XRM2HTP4WNB"
    assert receipts.normalise("Ｋ７ＱＦ.9XRM.2HTP.4WNB") == "K7QF9XRM2HTP4WNB"
