"""A reporter walks the wizard over HTTP and sends: the report is in the queue, sealed, with its receipt."""

import re

import pytest

from sanad.evidence.models import Evidence
from sanad.intake import receipts
from sanad.intake.identifiers import normalise
from sanad.intake.models import Identifier, PublicStatus, Report, ReportDraft, StatusChange
from sanad.intake.tests.conftest import receipt_on, upload

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_sending_a_report_puts_it_in_the_queue_and_shows_its_receipt(client, send_report, png_bytes, pdf_bytes):
    code = send_report(
        client,
        files=[upload("shot.png", png_bytes, "image/png"), upload("chat.pdf", pdf_bytes, "application/pdf")],
        what={"categories": ["harassment", "personal_data"]},
        where={"platforms": ["instagram", "tiktok"], "identifiers": "@Sara.K\nhttps://www.tiktok.com/@bully.42"},
    )

    report = Report.objects.get()
    assert report.receipt_digest == receipts.digest(code)
    assert report.urgency == "P2"
    assert report.language == "en"
    assert report.status == PublicStatus.RECEIVED
    assert report.reporter_role == "victim"
    assert report.description == "A fake account keeps posting mocking pictures of me with my name."
    assert report.region.code == "casablanca-settat"
    assert report.told_friend and not report.told_nobody
    assert not report.consent_contact and report.contact_sealed is None
    assert set(report.categories.values_list("category", flat=True)) == {"harassment", "personal_data"}
    assert set(report.platforms.values_list("platform", flat=True)) == {"instagram", "tiktok"}
    assert {(i.kind, i.platform, i.value) for i in report.identifiers.all()} == {
        # Two platforms chosen: a bare username cannot be given one.
        (Identifier.Kind.HANDLE, "", "sara.k"),
        (Identifier.Kind.HANDLE, "tiktok", "bully.42"),
    }
    assert sorted(Evidence.objects.filter(reports=report).values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    # The arrival is the report's own time, not a row of its own.
    assert not StatusChange.objects.filter(report=report).exists()
    assert [(change.status, change.at) for change in report.status_history()] == [("received", report.submitted_at)]
    # The draft now keeps only the receipt (for a reload), not the answers.
    draft = ReportDraft.objects.get(report=report)
    assert draft.answers_sealed is None


@pytest.mark.smoke
def test_the_receipt_page_shows_the_code_again_on_reload_then_forgets_it(client, send_report):
    code = send_report(client)
    assert receipt_on(client.get("/en/report/sent/").content.decode()) == code

    response = client.post("/en/report/sent/")  # "I have written down my code"
    assert response.status_code == 302
    assert not ReportDraft.objects.exists()
    assert code not in re.sub(r"<[^>]*>", "", client.get("/en/report/sent/", follow=True).content.decode())


def test_sealed_answers_appear_in_no_database_column(client, send_report, find_in_database):
    send_report(
        client,
        what={"description": "Zorglub-Unique-Description"},
        where={"identifiers": "@Zorglub.Handle\n0612345678"},
        contact={
            "wants_contact": "yes",
            "contact_method": "email",
            "contact_value": "zorglub.contact@example.org",
            "contact_safe": "on",
            "school": "Zorglub College",
        },
    )
    report = Report.objects.get()
    # The scan sees what is stored in clear (the control), and none of what must be sealed.
    assert ("intake_report", "reference") in find_in_database(report.reference.encode())
    for secret in ["Zorglub-Unique-Description", "zorglub.handle", "Zorglub.Handle", "612345678", "zorglub.contact"]:
        assert find_in_database(secret.encode()) == [], secret
    assert find_in_database(b"Zorglub College") == []
    assert report.contact == "email: zorglub.contact@example.org"
    assert report.school == "Zorglub College"


def test_identifiers_are_found_by_their_digest_not_their_value(client, send_report):
    send_report(client, where={"platforms": ["instagram"], "identifiers": "https://instagram.com/sara.k/?igsh=abc"})
    identifier = Identifier.objects.get()
    assert identifier.digest == normalise("@Sara.K", platform="instagram").digest
