"""Good files are accepted with the type read from their content and the right fingerprints."""

import hashlib

import pytest

from sanad.evidence.actions import capture_file
from sanad.evidence.models import CustodyEvent, Evidence
from sanad.evidence.tests import samples
from sanad.evidence.uploads import inspect

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (samples.png(), "image/png"),
        (samples.jpeg(), "image/jpeg"),
        (samples.pdf(), "application/pdf"),
        (samples.mp4(), "video/mp4"),
    ],
    ids=["png", "jpeg", "pdf", "mp4"],
)
def test_a_good_file_is_captured_with_its_sniffed_type_and_hashes(data, content_type):
    # The name lies about the type on purpose: only the content counts.
    evidence = capture_file(data, name="screenshot.txt", actor="reporter")
    evidence.refresh_from_db()
    assert evidence.content_type == content_type
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.md5 == hashlib.md5(data, usedforsecurity=False).hexdigest()
    assert evidence.size == len(data)
    assert evidence.state == Evidence.State.RECEIVED
    assert evidence.original_name == "screenshot.txt"
    assert list(evidence.custody.values_list("action", "actor")) == [(CustodyEvent.Action.CAPTURED, "reporter")]


def test_an_image_keeps_its_dimensions():
    found = inspect(samples.png(30, 20))
    assert (found.width, found.height) == (30, 20)


def test_an_image_exactly_at_the_pixel_limit_is_accepted(settings):
    settings.UPLOAD_MAX_PIXELS = 100 * 100
    assert inspect(samples.png(100, 100)).content_type == "image/png"


def test_a_file_exactly_at_the_size_limit_is_accepted(settings):
    data = samples.pdf()
    settings.UPLOAD_MAX_BYTES = len(data)
    assert inspect(data).content_type == "application/pdf"
