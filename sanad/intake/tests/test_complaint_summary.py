"""Filing a complaint: the receipt and the follow-up say when, where, what to bring and that a
minor can come with a parent, and give a PDF of what was sent, made on request, never stored."""

import pytest
from django.core.files.storage import storages
from django.db import connection
from django.test import Client
from django.utils import translation

from sanad.intake import complaint
from sanad.intake.models import Report
from sanad.intake.tests.conftest import upload

pytestmark = pytest.mark.django_db

DESCRIPTION = "Zorglub-summary: he threatens to post my photos"


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (catalogue names)
            counts[table] = cursor.fetchone()[0]
        return counts


def stored_files() -> list[str]:
    return sorted(storages["evidence"].listdir("")[1])


@pytest.mark.smoke
def test_the_receipt_explains_a_complaint_and_offers_the_summary(client, send_report):
    send_report(client, what={"categories": ["threats"]})
    page = client.get("/en/report/sent/").content.decode()
    assert '<details class="complaint" open>' in page  # threats: the section opens by itself
    for words in ["At any police station", "What to bring", "A parent or another adult you trust can come with you"]:
        assert words in page
    assert 'href="/en/report/sent/summary/"' in page


def test_the_summary_is_a_pdf_made_on_request_and_never_stored(client, send_report, png_bytes, find_in_database):
    receipt = send_report(client, what={"description": DESCRIPTION}, files=[upload("chat.png", png_bytes)])
    before_rows, before_files = row_counts(), stored_files()

    response = client.get("/en/report/sent/summary/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    assert row_counts() == before_rows and stored_files() == before_files
    assert find_in_database(DESCRIPTION.encode()) == []
    assert receipt.encode() not in response.content


def test_the_summary_holds_the_answers_and_each_files_fingerprint_in_the_reporters_language(
    client, send_report, png_bytes
):
    send_report(client, language="fr", what={"description": DESCRIPTION}, files=[upload("chat.png", png_bytes)])
    report = Report.objects.get()
    evidence = report.evidence.get()
    with translation.override("fr"):
        html = complaint.summary_html(report)
    assert "Ce que j'ai envoyé à Sanad" in html
    assert DESCRIPTION in html and report.reference in html
    assert "chat.png" in html and evidence.sha256 in html
    assert "Insultes, moqueries, rumeurs" in html


def test_the_follow_up_offers_it_too_and_only_to_the_receipts_holder(client, receipt, open_followup):
    assert Client().get("/en/report/sent/summary/")["Location"] == "/en/report/"
    assert client.get("/en/follow-up/report/summary/")["Location"] == "/en/follow-up/"
    open_followup(client, receipt)
    page = client.get("/en/follow-up/report/").content.decode()
    assert 'href="/en/follow-up/report/summary/"' in page
    response = client.get("/en/follow-up/report/summary/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
