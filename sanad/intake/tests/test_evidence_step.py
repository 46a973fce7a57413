"""The evidence step: good files are kept, a bad one is refused by name, files can be removed."""

import pytest
from django.core.files.storage import storages
from django.test import Client
from django.utils.html import escape

from sanad.evidence import uploads
from sanad.evidence.models import Evidence
from sanad.evidence.tests import samples
from sanad.intake.models import ReportDraft
from sanad.intake.tests.conftest import ANSWERS, step_url, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_evidence_step(client):
    for slug in ["danger", "what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    return client


def draft_files() -> list[Evidence]:
    return list(ReportDraft.objects.get().evidence.order_by("received_at"))


@pytest.mark.smoke
def test_a_bad_file_among_good_ones_is_refused_by_name_and_the_rest_is_kept(at_evidence_step, png_bytes, pdf_bytes):
    client = at_evidence_step
    files = [
        upload("shot.png", png_bytes, "image/png"),
        upload("holiday-photos.zip", samples.zip_archive(), "image/png"),
        upload("chat.pdf", pdf_bytes, "application/pdf"),
    ]
    response = client.post(step_url("evidence"), {"files": files, "upload": ""})

    assert response.status_code == 400
    page = response.content.decode()
    assert "holiday-photos.zip" in page
    assert escape(str(uploads.ArchiveRefused.message)) in page
    assert [f.content_type for f in draft_files()] == ["image/png", "application/pdf"]
    # The other answers are still there.
    assert "A fake account keeps posting" in client.get(step_url("what")).content.decode()


def test_an_oversized_file_is_refused_before_it_is_read(at_evidence_step, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    response = at_evidence_step.post(
        step_url("evidence"), {"files": [upload("long.pdf", samples.pdf(b" " * 5000))], "upload": ""}
    )
    assert response.status_code == 400
    assert escape(str(uploads.UploadTooLarge.message)) in response.content.decode()
    assert not Evidence.objects.exists()


def test_no_more_files_than_the_limit(at_evidence_step, settings, png_bytes):
    settings.UPLOAD_MAX_FILES = 2
    files = [upload(f"shot{n}.png", png_bytes) for n in range(3)]
    response = at_evidence_step.post(step_url("evidence"), {"files": files, "upload": ""})
    assert response.status_code == 400
    assert "shot2.png" in response.content.decode()
    assert len(draft_files()) == 2


def test_adding_files_stays_on_the_step_and_continue_moves_on(at_evidence_step, png_bytes):
    response = at_evidence_step.post(step_url("evidence"), {"files": [upload("a.png", png_bytes)], "upload": ""})
    assert response["Location"] == step_url("evidence")
    response = at_evidence_step.post(step_url("evidence"), {"next": ""})
    assert response["Location"] == step_url("child")
    assert len(draft_files()) == 1


def test_a_removed_file_is_gone_from_the_draft_and_the_storage(
    at_evidence_step, png_bytes, jpeg_bytes, django_capture_on_commit_callbacks
):
    client = at_evidence_step
    client.post(step_url("evidence"), {"files": [upload("a.png", png_bytes), upload("b.jpg", jpeg_bytes)]})
    first, second = draft_files()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url("evidence"), {"remove": str(first.pk)})

    assert response.status_code == 302
    assert draft_files() == [second]
    assert not Evidence.objects.filter(pk=first.pk).exists()
    assert not storages["evidence"].exists(first.storage_name)
    assert storages["evidence"].exists(second.storage_name)


def test_a_file_of_another_draft_cannot_be_removed(at_evidence_step, png_bytes):
    other = Client()
    for slug in ["danger", "what", "where"]:
        other.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    other.post(step_url("evidence"), {"files": [upload("theirs.png", png_bytes)]})
    theirs = Evidence.objects.get()

    response = at_evidence_step.post(step_url("evidence"), {"remove": str(theirs.pk)})
    assert response.status_code == 302
    assert Evidence.objects.filter(pk=theirs.pk).exists()
