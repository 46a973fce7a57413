"""Internal notes: sealed, on the timeline, for staff only."""

import pytest

from sanad.cases.models import Note
from sanad.cases.tests.casework import case_for

pytestmark = pytest.mark.django_db


def test_a_note_is_added_sealed_and_shown(analyst, second_analyst, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    response = sign_in(analyst).post(f"/fr/staff/cases/{case.pk}/notes/", {"body": "Parlé à l'école: Fnord-Note."})
    assert response.status_code == 302
    assert response["Location"] == f"/fr/staff/cases/{case.pk}/#timeline"
    note = Note.objects.get()
    assert (note.case, note.author, note.body) == (case, analyst, "Parlé à l'école: Fnord-Note.")
    assert b"Fnord" not in bytes(note.body_sealed)
    assert "Fnord-Note" in sign_in(second_analyst).get(f"/fr/staff/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_an_empty_or_huge_note_is_refused(analyst, sign_in, report_factory, body):
    case = case_for(report_factory()[0], analyst)
    assert sign_in(analyst).post(f"/fr/staff/cases/{case.pk}/notes/", {"body": body}).status_code == 400
    assert not Note.objects.exists()
