"""Every search and every refused attempt is in the audit log, without what was typed."""

import pytest

from sanad.audit.models import AuditEvent
from sanad.cases.search import sought_digest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("@demo.aggressor", "identifier_or_words"),
        ("insultes", "identifier_or_words"),
        ("0612345678", "identifier_or_words"),
        ("SN-ABCDEFGH", "report_reference"),
        ("C-ABCDEFGH", "case_reference"),
        ("K7QF-9XRM-2HTP-4WNB", "receipt"),
    ],
)
def test_a_search_records_its_kind_and_a_keyed_hash_never_the_text(analyst, sign_in, report_factory, typed, kind):
    report_factory()
    assert sign_in(analyst).get("/fr/staff/queue/", {"q": typed}).status_code == 200
    event = AuditEvent.objects.get(action="queue.searched")
    assert event.actor == analyst
    assert event.detail["kind"] == kind
    assert event.detail["sought"] == sought_digest(typed)
    assert typed.lower() not in str(event.detail).lower()


def test_the_same_search_twice_gives_the_same_hash_and_another_does_not(analyst, sign_in):
    client = sign_in(analyst)
    for typed in ("@sara.k", "@sara.k", "@someone.else"):
        client.get("/fr/staff/queue/", {"q": typed})
    sought = list(AuditEvent.objects.filter(action="queue.searched").order_by("seq").values_list("detail", flat=True))
    assert sought[0]["sought"] == sought[1]["sought"] != sought[2]["sought"]


def test_the_queue_without_a_search_records_no_search(analyst, sign_in):
    sign_in(analyst).get("/fr/staff/queue/")
    assert not AuditEvent.objects.filter(action="queue.searched").exists()


def test_a_refused_attempt_is_recorded(liaison, analyst, report_factory, sign_in):
    report, _ = report_factory()
    response = sign_in(liaison).get(f"/fr/staff/reports/{report.pk}/")
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="access.refused")
    assert (event.actor, event.object_type, event.object_id) == (liaison, "report_not_found", str(report.pk))
    assert event.detail["view"] == "cases:report"


def test_asking_for_a_missing_case_is_recorded_the_same_way(analyst, sign_in):
    assert sign_in(analyst).get("/fr/staff/cases/999999/").status_code == 404
    event = AuditEvent.objects.get(action="access.refused")
    assert (event.object_type, event.object_id) == ("case_not_found", "999999")
