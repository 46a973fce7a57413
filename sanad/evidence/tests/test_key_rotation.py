"""A new key-encryption key takes over without re-encrypting anything; old values keep opening."""

import pytest

from sanad.evidence import crypto
from sanad.evidence.tests.samples import new_kek

CONTEXT = "evidence:rotation-test"


@pytest.fixture
def k1():
    return new_kek("k1")


@pytest.fixture
def k2():
    return new_kek("k2")


def test_rewrap_moves_a_value_to_the_new_key_and_it_still_opens(settings, k1, k2):
    settings.SANAD_KEK = k1
    sealed = crypto.seal(b"evidence bytes", context=CONTEXT)
    assert crypto.sealed_with(sealed) == "k1"

    settings.SANAD_KEK = f"{k2},{k1}"
    assert crypto.unseal(sealed, context=CONTEXT) == b"evidence bytes"  # the old key still unwraps
    rewrapped = crypto.rewrap(sealed, context=CONTEXT)
    assert crypto.sealed_with(rewrapped) == "k2"
    # Only the wrapped data key changed: the (possibly huge) ciphertext is the same bytes.
    assert rewrapped[-30:] == sealed[-30:]

    settings.SANAD_KEK = k2  # k1 retired
    assert crypto.unseal(rewrapped, context=CONTEXT) == b"evidence bytes"


def test_new_values_are_sealed_with_the_first_key_of_the_ring(settings, k1, k2):
    settings.SANAD_KEK = f"{k2},{k1}"
    assert crypto.sealed_with(crypto.seal(b"x", context=CONTEXT)) == "k2"


def test_rewrap_of_a_value_already_on_the_active_key_changes_nothing(settings, k1):
    settings.SANAD_KEK = k1
    sealed = crypto.seal(b"x", context=CONTEXT)
    assert crypto.rewrap(sealed, context=CONTEXT) == sealed


def test_a_value_sealed_with_a_key_that_is_not_configured_does_not_open(settings, k1, k2):
    settings.SANAD_KEK = k1
    sealed = crypto.seal(b"x", context=CONTEXT)
    settings.SANAD_KEK = k2
    with pytest.raises(crypto.TamperedError):
        crypto.unseal(sealed, context=CONTEXT)
    with pytest.raises(crypto.TamperedError):
        crypto.rewrap(sealed, context=CONTEXT)


def test_a_key_with_the_same_id_but_other_bytes_does_not_open(settings, k1):
    settings.SANAD_KEK = k1
    sealed = crypto.seal(b"x", context=CONTEXT)
    settings.SANAD_KEK = new_kek("k1")
    with pytest.raises(crypto.TamperedError):
        crypto.unseal(sealed, context=CONTEXT)
