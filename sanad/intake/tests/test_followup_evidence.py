"""More evidence can be added to a sent report through the receipt."""

import pytest
from django.utils.html import escape

from sanad.evidence import uploads
from sanad.evidence.models import Evidence
from sanad.evidence.tests import samples
from sanad.intake.models import Report
from sanad.intake.tests.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def following(client, receipt, open_followup):
    open_followup(client, receipt)
    return client


@pytest.mark.smoke
def test_files_added_at_follow_up_join_the_report(following, png_bytes, pdf_bytes):
    files = [upload("later.png", png_bytes), upload("more.pdf", pdf_bytes)]
    response = following.post("/en/follow-up/report/evidence/", {"files": files})
    assert response.status_code == 302
    report = Report.objects.get()
    assert sorted(report.evidence.values_list("content_type", flat=True)) == ["application/pdf", "image/png"]
    assert {e.original_name for e in report.evidence.all()} == {"later.png", "more.pdf"}


def test_a_bad_file_at_follow_up_is_refused_by_name(following, png_bytes):
    files = [upload("page.html", samples.html()), upload("good.png", png_bytes)]
    response = following.post("/en/follow-up/report/evidence/", {"files": files})
    assert response.status_code == 400
    page = response.content.decode()
    assert "page.html" in page
    assert escape(str(uploads.ActiveContentRefused.message)) in page
    assert list(Report.objects.get().evidence.values_list("content_type", flat=True)) == ["image/png"]


def test_sending_no_file_is_refused(following):
    assert following.post("/en/follow-up/report/evidence/", {}).status_code == 400


def test_files_without_an_open_report_are_not_stored(client, png_bytes):
    response = client.post("/en/follow-up/report/evidence/", {"files": [upload("a.png", png_bytes)]})
    assert response.status_code == 302
    assert not Evidence.objects.exists()
