"""Every triage and case view answers "not found" to anyone outside the centre's case handlers."""

import pytest
from django.test import Client

from sanad.audit.models import AuditEvent
from sanad.cases import actions
from sanad.cases.models import Case, CaseReport, Note
from sanad.cases.tests.casework import attach, case_for, noisy_png
from sanad.evidence.models import CustodyEvent
from sanad.intake.models import Message

pytestmark = pytest.mark.django_db

OUTSIDERS = ["outsider", "unrelated_liaison", "school_team", "ministry_viewer"]


@pytest.fixture
def world(analyst, report_factory):
    """An untriaged report, a case with a picture, and every view's address and what to send it."""
    report, _ = report_factory()
    in_case, _ = report_factory()
    evidence = attach(in_case, noisy_png(64, 64))
    case = case_for(in_case, analyst)
    other = case_for(report_factory()[0], analyst)
    return [
        ("get", "/fr/staff/queue/", {}),
        ("get", f"/fr/staff/reports/{report.pk}/", {}),
        ("post", f"/fr/staff/reports/{report.pk}/open-case/", {"urgency": report.urgency}),
        ("post", f"/fr/staff/reports/{report.pk}/link/", {"case": other.reference}),
        ("post", f"/fr/staff/reports/{report.pk}/categories/", {"categories": ["scam"], "reason": "x"}),
        ("get", f"/fr/staff/cases/{case.pk}/", {}),
        ("post", f"/fr/staff/cases/{case.pk}/assign/", {"assignee": ""}),
        ("post", f"/fr/staff/cases/{case.pk}/urgency/", {"urgency": "P0", "reason": "x"}),
        ("post", f"/fr/staff/cases/{case.pk}/status/", {"status": "in_progress"}),
        ("post", f"/fr/staff/cases/{case.pk}/close/", {"outcome": "resolved"}),
        ("post", f"/fr/staff/cases/{other.pk}/reopen/", {"reason": "x"}),
        ("post", f"/fr/staff/cases/{case.pk}/notes/", {"body": "x"}),
        ("post", f"/fr/staff/cases/{case.pk}/messages/", {"report": in_case.pk, "body": "x"}),
        ("get", f"/fr/staff/evidence/{evidence.pk}/preview/", {}),
        ("post", f"/fr/staff/evidence/{evidence.pk}/reveal/", {}),
    ]


def nothing_changed() -> None:
    assert Case.objects.count() == 2
    assert CaseReport.objects.count() == 2
    assert not Note.objects.exists()
    assert not Message.objects.exists()
    assert not CustodyEvent.objects.filter(action=CustodyEvent.Action.REVEALED).exists()
    assert set(Case.objects.values_list("status", "urgency", "assignee__username")) == {("triaged", "P2", "analyst")}
    assert not AuditEvent.objects.filter(action__endswith=".viewed").exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_find_nothing(world, sign_in, request, persona):
    client = sign_in(request.getfixturevalue(persona))
    for method, url, data in world:
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (persona, url)
    nothing_changed()


def test_a_liaison_a_case_was_referred_to_still_cannot_open_the_case(world, analyst, liaison, police, sign_in):
    case = Case.objects.filter(case_reports__report__evidence__isnull=False).get()
    actions.refer_case(case, target="police", organisation=police, brief="", legal_ground="", by=analyst)
    client = sign_in(liaison)
    for method, url, data in world:
        if "/evidence/" in url:
            continue  # police receive the full file: the referral pages decide how they see it
        assert getattr(client, method)(url, data).status_code == 404, url


def test_unknown_objects_are_not_found(analyst, sign_in):
    client = sign_in(analyst)
    for url in [
        "/fr/staff/reports/999999/",
        "/fr/staff/cases/999999/",
        "/fr/staff/evidence/00000000-0000-0000-0000-000000000000/preview/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post("/fr/staff/cases/999999/notes/", {"body": "x"}).status_code == 404
    assert client.post("/fr/staff/reports/999999/open-case/", {"urgency": "P1"}).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(world):
    client = Client()
    for method, url, data in world:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/fr/staff/sign-in/"), url
    nothing_changed()
