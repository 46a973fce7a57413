"""Sanad refuses to start without valid keys: nothing sensitive may be stored unencrypted."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from sanad.evidence.checks import check_keys
from sanad.evidence.tests.samples import new_kek


def error_ids():
    return {error.id for error in check_keys(None)}


def test_the_test_environment_keys_pass(settings):
    assert check_keys(None) == []


@pytest.mark.parametrize(
    "kek",
    [
        None,
        "",
        "no-separator",
        ":" + new_kek("k1").partition(":")[2],  # no id
        "k1:not base64!",
        "k1:c2hvcnQ",  # base64 of "short": not 32 bytes
        "k" * 40 + ":" + new_kek("k1").partition(":")[2],  # id too long for the sealed header
        new_kek("k1") + ",k2:",
    ],
    # Stable names: the keys are random, and parallel workers must collect the same tests.
    ids=["none", "empty", "no-separator", "no-id", "not-base64", "short", "long-id", "empty-second"],
)
def test_a_missing_or_malformed_key_encryption_key_is_an_error(settings, kek):
    settings.SANAD_KEK = kek
    assert error_ids() == {"sanad.E001"}


@pytest.mark.parametrize("index_key", [None, "", "too-short"])
def test_a_missing_or_short_index_key_is_an_error(settings, index_key):
    settings.SANAD_INDEX_KEY = index_key
    assert error_ids() == {"sanad.E002"}


def test_a_short_secret_key_is_an_error(settings):
    settings.SECRET_KEY = "short"
    assert error_ids() == {"sanad.E003"}


def test_manage_py_check_refuses_to_start_without_a_key(settings):
    settings.SANAD_KEK = None
    with pytest.raises(SystemCheckError, match=r"sanad\.E001"):
        call_command("check")
