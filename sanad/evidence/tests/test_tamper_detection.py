"""Any change to a sealed value is detected, never silently opened as something else."""

import pytest

from sanad.evidence import crypto

CONTEXT = "report:SN-TEST:description"


@pytest.fixture
def sealed():
    return crypto.seal(b"they said they would post my photos", context=CONTEXT)


def test_flipping_any_single_byte_is_detected(sealed):
    for position in range(len(sealed)):
        altered = bytearray(sealed)
        altered[position] ^= 0x01
        with pytest.raises(crypto.TamperedError):
            crypto.unseal(bytes(altered), context=CONTEXT)


def test_every_truncation_is_detected(sealed):
    for length in range(len(sealed)):
        with pytest.raises(crypto.TamperedError):
            crypto.unseal(sealed[:length], context=CONTEXT)


def test_an_appended_byte_is_detected(sealed):
    with pytest.raises(crypto.TamperedError):
        crypto.unseal(sealed + b"\x00", context=CONTEXT)


@pytest.mark.parametrize("other", ["report:SN-OTHER:description", "report:SN-TEST:contact", ""])
def test_a_value_moved_to_another_context_does_not_open(sealed, other):
    with pytest.raises(crypto.TamperedError):
        crypto.unseal(sealed, context=other)


def test_an_unknown_format_version_is_refused(sealed):
    with pytest.raises(crypto.TamperedError):
        crypto.unseal(bytes([crypto.VERSION + 1]) + sealed[1:], context=CONTEXT)
