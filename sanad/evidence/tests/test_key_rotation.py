"""A new key-encryption key takes over without re-encrypting anything; old values keep opening."""

import io

import pytest
from django.core.management import call_command

from sanad.evidence import crypto, storage
from sanad.evidence.actions import capture_file
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.tests import samples
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


@pytest.mark.django_db
def test_rotate_keys_rewraps_previews_and_they_open_after_the_old_key_is_retired(settings, k1, k2):
    settings.SANAD_KEK = k1
    evidence = capture_file(samples.chat_screenshot(["Envoie la photo"]), name="shot.png", actor="reporter")
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    assert set(evidence.renditions) == {"preview", "blurred"} and evidence.ocr_text

    settings.SANAD_KEK = f"{k2},{k1}"
    call_command("rotate_keys", stdout=io.StringIO())
    settings.SANAD_KEK = k2  # k1 retired
    evidence.refresh_from_db()
    for name, context in evidence.sealed_files:
        assert crypto.sealed_with(storage.read_raw(name)) == "k2"
        assert storage.read_sealed(name, context=context)
    assert "photo" in evidence.ocr_text
