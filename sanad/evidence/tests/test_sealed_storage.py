"""Evidence reaches the disk only as ciphertext, and opens back to the very same bytes."""

import pytest

from sanad.evidence import crypto, storage
from sanad.evidence.actions import capture_file
from sanad.evidence.integrity import read_file
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db


def test_the_stored_file_is_ciphertext_that_opens_back_to_the_upload(evidence_dir):
    data = samples.pdf(b"/Title(synthetic statement of a made-up case)")
    evidence = capture_file(data, name="statement.pdf", actor="reporter")

    on_disk = (evidence_dir / evidence.storage_name).read_bytes()
    assert on_disk
    assert data not in on_disk
    assert b"synthetic statement" not in on_disk
    assert b"%PDF" not in on_disk
    assert read_file(evidence) == data


def test_the_stored_name_says_nothing_of_the_original_name():
    evidence = capture_file(samples.png(), name="sara-private-photo.png", actor="reporter")
    assert "sara" not in evidence.storage_name
    assert b"sara" not in bytes(evidence.original_name_sealed)
    assert evidence.original_name == "sara-private-photo.png"


def test_a_stored_file_does_not_open_as_another_evidence():
    first = capture_file(samples.png(), name="a.png", actor="reporter")
    second = capture_file(samples.jpeg(), name="b.jpg", actor="reporter")
    # Copying one sealed file over another is detected: each is bound to its own evidence id.
    samples.overwrite_stored(second.storage_name, storage.read_raw(first.storage_name))
    with pytest.raises(crypto.TamperedError):
        read_file(second)
