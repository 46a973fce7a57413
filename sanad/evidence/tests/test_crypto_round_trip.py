"""What is sealed opens back to exactly what went in, and only under its own context."""

import pytest

from sanad.evidence import crypto


@pytest.mark.parametrize("plaintext", [b"", b"x", bytes(range(256)) * 40, "سند · Sanad".encode()])
def test_bytes_open_back_unchanged(plaintext):
    sealed = crypto.seal(plaintext, context="report:SN-TEST:description")
    assert crypto.unseal(sealed, context="report:SN-TEST:description") == plaintext


@pytest.mark.parametrize("text", ["", "Quelqu'un me menace sur Instagram", "واحد كيهددني", "😢 help"])
def test_text_opens_back_unchanged(text):
    sealed = crypto.seal_text(text, context="message:1:body")
    assert crypto.unseal_text(sealed, context="message:1:body") == text


def test_the_sealed_value_does_not_contain_the_plaintext():
    plaintext = b"my address is 12 rue des Oliviers"
    assert plaintext not in crypto.seal(plaintext, context="c")


def test_sealing_twice_gives_two_different_values():
    # A fresh data key and nonce each time: equal plaintexts must not be recognisable.
    assert crypto.seal(b"same", context="c") != crypto.seal(b"same", context="c")


def test_the_value_names_the_key_that_sealed_it(settings):
    assert crypto.sealed_with(crypto.seal(b"x", context="c")) == settings.SANAD_KEK.split(":")[0]
