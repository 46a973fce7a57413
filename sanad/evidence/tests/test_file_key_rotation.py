"""Rotating the key-encryption key re-wraps the key of every sealed file, whatever it is (an
evidence file, a referral's pack, a preview), in the database only: the stored bodies stay as
they are, and everything opens once the old key is gone."""

import base64
import io
import os

import pytest
from django.core.management import call_command

from sanad.evidence import crypto, storage
from sanad.evidence.models import FileKey

pytestmark = pytest.mark.django_db


def _kek(key_id: str) -> str:
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip('=')}"


def test_every_file_key_is_rewrapped_and_the_bodies_are_untouched(settings, evidence_dir):
    old = _kek("old")
    settings.SANAD_KEK = old
    names = {
        storage.store_sealed(
            "packs/referral-7.zip.sealed", b"PK archive (fictif)", context="pack:7"
        ): b"PK archive (fictif)",
        storage.store_sealed("ab/abcdef.sealed", b"\x89PNG picture", context="evidence:abcdef"): b"\x89PNG picture",
    }
    bodies = {name: (evidence_dir / name).read_bytes() for name in names}

    new = _kek("new")
    settings.SANAD_KEK = f"{new},{old}"
    call_command("rotate_keys", stdout=io.StringIO())
    assert {crypto.key_wrapped_with(bytes(row.key)) for row in FileKey.objects.all()} == {"new"}
    assert {name: (evidence_dir / name).read_bytes() for name in names} == bodies

    settings.SANAD_KEK = new  # the old key is retired
    contexts = dict(FileKey.objects.values_list("name", "context"))
    for name, plaintext in names.items():
        assert storage.read_sealed(name, context=contexts[name]) == plaintext
