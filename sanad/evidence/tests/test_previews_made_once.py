"""Previews are made once by the worker, sealed, and served as stored: opening a page never decodes
an original (issue 10, finding 8: ten 6,320 x 6,320 PNGs cost 20 s and 4.8 GB a page)."""

import io

import pytest
from PIL import Image

from sanad.evidence import storage
from sanad.evidence.actions import capture_file
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.tests import samples
from sanad.evidence.viewer import response_for

pytestmark = pytest.mark.django_db


def zeros_png(side: int) -> bytes:
    """A picture of zeros: tiny as a file, huge once decoded (what the outside test used)."""
    return samples.encoded(Image.new("RGBA", (side, side), (0, 0, 0, 0)))


def test_the_worker_seals_a_clear_and_a_blurred_preview_of_a_huge_picture(evidence_dir):
    evidence = capture_file(zeros_png(6320), name="zeros.png", actor="reporter")
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    assert set(evidence.renditions) == {"preview", "blurred"}
    for kind, name in evidence.renditions.items():
        on_disk = (evidence_dir / name).read_bytes()
        assert b"JFIF" not in on_disk  # ciphertext
        with Image.open(io.BytesIO(storage.read_sealed(name, context=evidence.rendition_context(kind)))) as preview:
            assert preview.format == "JPEG" and preview.size == (1200, 1200)


def test_a_page_serves_the_stored_preview_without_the_original():
    evidence = capture_file(samples.encoded(samples.scene(2)), name="scene.png", actor="reporter")
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    storage.delete(evidence.storage_name)  # if the viewer decoded the original, this would fail
    for revealed, mode in ((False, "L"), (True, "RGB")):
        response = response_for(evidence, revealed=revealed, download_name="x")
        assert Image.open(io.BytesIO(response.content)).mode == mode


def test_a_heic_picture_gets_its_previews():
    evidence = capture_file(
        samples.encoded(samples.scene(4), "HEIF", quality=80), name="IMG_0001.HEIC", actor="reporter"
    )
    assert evidence.content_type == "image/heic"
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    response = response_for(evidence, revealed=False, download_name="x")
    assert Image.open(io.BytesIO(response.content)).size == (640, 480)
    assert evidence.perceptual_hashes.get().quality == 100
