"""Pictures are blurred and grey until an analyst reveals them; each reveal and each opening is recorded."""

import io

import pytest
from django.core.files.storage import storages
from PIL import Image, ImageStat

from sanad.audit.models import AuditEvent
from sanad.cases.tests.casework import attach, case_for, noisy_png
from sanad.evidence.models import CustodyEvent
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture_case(analyst, report_factory):
    report, _ = report_factory()
    evidence = attach(report, noisy_png(1600, 1000))
    return case_for(report, analyst), evidence


def picture(response) -> Image.Image:
    assert response["Content-Type"] == "image/jpeg"
    return Image.open(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def test_a_picture_is_blurred_and_grey_until_revealed(analyst, sign_in, picture_case):
    case, evidence = picture_case
    client = sign_in(analyst)
    page = client.get(f"/fr/staff/cases/{case.pk}/").content.decode()
    assert f"/fr/staff/evidence/{evidence.pk}/preview/" in page
    assert "is-blurred" in page

    blurred = picture(client.get(f"/fr/staff/evidence/{evidence.pk}/preview/"))
    assert blurred.mode == "L"
    assert max(blurred.size) == 1200  # never the full size
    grey_original = Image.open(io.BytesIO(noisy_png(1600, 1000))).convert("L").resize(blurred.size)
    assert ImageStat.Stat(blurred).stddev[0] < ImageStat.Stat(grey_original).stddev[0] / 4

    response = client.post(f"/fr/staff/evidence/{evidence.pk}/reveal/")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/staff/cases/{case.pk}/#evidence-{evidence.pk}"
    revealed = picture(client.get(f"/fr/staff/evidence/{evidence.pk}/preview/"))
    assert revealed.mode == "RGB"
    assert ImageStat.Stat(revealed.convert("L")).stddev[0] > ImageStat.Stat(blurred).stddev[0] * 4
    assert "is-blurred" not in client.get(f"/fr/staff/cases/{case.pk}/").content.decode()


def test_the_reveal_belongs_to_one_session(analyst, sign_in, picture_case):
    _, evidence = picture_case
    sign_in(analyst).post(f"/fr/staff/evidence/{evidence.pk}/reveal/")
    assert picture(sign_in(analyst).get(f"/fr/staff/evidence/{evidence.pk}/preview/")).mode == "L"


def test_a_reveal_is_audited_and_enters_the_chain_of_custody(analyst, sign_in, picture_case):
    _, evidence = picture_case
    sign_in(analyst).post(f"/fr/staff/evidence/{evidence.pk}/reveal/")
    event = AuditEvent.objects.get(action="evidence.revealed")
    assert (event.actor, event.object_type, event.object_id) == (analyst, "evidence", str(evidence.pk))
    custody = CustodyEvent.objects.get(evidence=evidence, action=CustodyEvent.Action.REVEALED)
    assert custody.actor == f"staff:{analyst.pk}"
    assert custody.sha256 == evidence.sha256


def test_each_preview_is_audited(analyst, sign_in, picture_case):
    _, evidence = picture_case
    sign_in(analyst).get(f"/fr/staff/evidence/{evidence.pk}/preview/")
    event = AuditEvent.objects.get(action="evidence.viewed")
    assert (event.object_id, event.detail) == (str(evidence.pk), {"blurred": True})


def test_the_preview_carries_no_metadata_and_is_sandboxed(analyst, sign_in, report_factory):
    report, _ = report_factory()
    source = Image.effect_noise((64, 64), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x010E] = "Taken at home, secret street 12"  # ImageDescription
    buffer = io.BytesIO()
    source.save(buffer, "JPEG", exif=exif.tobytes())
    evidence = attach(report, buffer.getvalue(), name="photo.jpg")
    client = sign_in(analyst)
    client.post(f"/fr/staff/evidence/{evidence.pk}/reveal/")
    response = client.get(f"/fr/staff/evidence/{evidence.pk}/preview/")
    assert b"secret street" not in response.content
    assert not Image.open(io.BytesIO(response.content)).getexif()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"]


def test_a_video_is_a_blurred_thumbnail_before_reveal_then_an_attachment(analyst, sign_in, report_factory):
    report, _ = report_factory()
    video = attach(report, samples.mp4(), name="clip.mp4")
    case = case_for(report, analyst)
    client = sign_in(analyst)
    thumbnail = picture(client.get(f"/fr/staff/evidence/{video.pk}/preview/"))
    assert thumbnail.mode == "L" and thumbnail.size == (160, 120)  # a keyframe, greyscale and blurred
    page = client.get(f"/fr/staff/cases/{case.pk}/").content.decode()
    assert "<video" not in page and "is-blurred" in page

    client.post(f"/fr/staff/evidence/{video.pk}/reveal/")
    page = client.get(f"/fr/staff/cases/{case.pk}/").content.decode()
    assert "<video" in page and 'preload="none"' in page and "autoplay" not in page
    response = client.get(f"/fr/staff/evidence/{video.pk}/preview/")
    assert response.status_code == 200
    assert response.content == samples.mp4()
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_document_is_only_a_download_after_reveal(analyst, sign_in, report_factory):
    report, _ = report_factory()
    document = attach(report, samples.pdf(), name="lettre.pdf")
    client = sign_in(analyst)
    assert client.get(f"/fr/staff/evidence/{document.pk}/preview/").status_code == 403
    reveal = client.post(f"/fr/staff/evidence/{document.pk}/reveal/")
    assert reveal["Location"] == f"/fr/staff/reports/{report.pk}/#evidence-{document.pk}"  # not triaged yet
    response = client.get(f"/fr/staff/evidence/{document.pk}/preview/")
    assert response.content == samples.pdf()
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_missing_file_gives_a_clear_answer_not_an_error(analyst, sign_in, report_factory):
    report, _ = report_factory()
    evidence = attach(report, noisy_png(64, 64))
    for name, _context in evidence.sealed_files:
        storages["evidence"].delete(name)
    response = sign_in(analyst).get(f"/fr/staff/evidence/{evidence.pk}/preview/")
    assert response.status_code == 404


def test_the_preview_and_reveal_accept_only_their_method(analyst, sign_in, picture_case):
    _, evidence = picture_case
    client = sign_in(analyst)
    assert client.post(f"/fr/staff/evidence/{evidence.pk}/preview/").status_code == 405
    assert client.get(f"/fr/staff/evidence/{evidence.pk}/reveal/").status_code == 405
