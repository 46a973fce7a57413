"""Empty, oversized, archived, active, huge or damaged files are refused with their reason."""

import pytest

from sanad.evidence import uploads
from sanad.evidence.actions import capture_file
from sanad.evidence.models import Evidence
from sanad.evidence.tests import samples


@pytest.mark.parametrize(
    ("data", "refusal"),
    [
        (b"", uploads.EmptyUpload),
        (samples.zip_archive(), uploads.ArchiveRefused),
        (samples.rar(), uploads.ArchiveRefused),
        (samples.html(), uploads.ActiveContentRefused),
        (b"\n  <html><body>hi</body></html>", uploads.ActiveContentRefused),
        (samples.svg(), uploads.ActiveContentRefused),
        (samples.elf(), uploads.ActiveContentRefused),
        (samples.pdf_with_javascript(), uploads.ActiveContentRefused),
        (samples.HOSTILE_PDFS["launch"](), uploads.ActiveContentRefused),
        (samples.HOSTILE_PDFS["embedded-file"](), uploads.ActiveContentRefused),
        (b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n", uploads.UnreadableFile),
        (samples.mp4_header(), uploads.UnreadableFile),
        (samples.png_claiming(30_000, 30_000), uploads.TooManyPixels),
        (samples.damaged_png(), uploads.DamagedImage),
        (b"just some plain text, not evidence", uploads.UnsupportedType),
    ],
    ids=[
        "empty",
        "zip",
        "rar",
        "html",
        "html-without-doctype",
        "svg",
        "elf",
        "pdf-javascript",
        "pdf-launch",
        "pdf-embedded-file",
        "pdf-without-pages",
        "mp4-header-only",
        "decompression-bomb",
        "damaged-png",
        "plain-text",
    ],
)
def test_a_bad_file_is_refused_with_its_reason(data, refusal):
    with pytest.raises(refusal):
        uploads.inspect(data)


def test_an_image_over_the_pixel_limit_is_refused(settings):
    settings.UPLOAD_MAX_PIXELS = 10_000
    with pytest.raises(uploads.TooManyPixels):
        uploads.inspect(samples.png(101, 100))


def test_a_file_over_the_size_limit_is_refused(settings):
    data = samples.pdf()
    settings.UPLOAD_MAX_BYTES = len(data) - 1
    with pytest.raises(uploads.UploadTooLarge):
        uploads.inspect(data)


@pytest.mark.django_db
def test_a_refused_file_leaves_no_row_and_no_stored_file(evidence_dir):
    with pytest.raises(uploads.UploadRefused):
        capture_file(samples.zip_archive(), name="photos.zip", actor="reporter")
    assert not Evidence.objects.exists()
    assert not any(path.is_file() for path in evidence_dir.rglob("*"))


def test_every_refusal_has_a_message_of_its_own():
    refusals = [
        uploads.EmptyUpload,
        uploads.UploadTooLarge,
        uploads.ArchiveRefused,
        uploads.ActiveContentRefused,
        uploads.UnsupportedType,
        uploads.TooManyPixels,
        uploads.DamagedImage,
        uploads.UnreadableFile,
    ]
    assert len({str(refusal().message) for refusal in refusals}) == len(refusals)
