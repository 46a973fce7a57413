"""Triage: read a report (audited), open a case for it or link it to one, change its categories."""

import pytest

from sanad.audit.models import AuditEvent
from sanad.cases import actions
from sanad.cases.models import Case, CaseReport
from sanad.cases.tests.casework import case_for
from sanad.intake.models import PublicStatus, Report

pytestmark = pytest.mark.django_db


def test_the_triage_page_shows_the_report_decrypted_and_records_the_reading(analyst, sign_in, report_factory):
    report, _ = report_factory(description="Il publie mes photos avec le mot Xyzzy-Plover.")
    response = sign_in(analyst).get(f"/fr/staff/reports/{report.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xyzzy-Plover" in page
    assert "demo.aggressor" in page  # the identifier, opened for staff
    event = AuditEvent.objects.get(action="report.viewed")
    assert (event.actor, event.object_type, event.object_id) == (analyst, "report", str(report.pk))
    assert "Xyzzy" not in str(event.detail)


def test_opening_a_case_makes_the_reporter_see_it_handled(analyst, sign_in, report_factory):
    report, _ = report_factory()
    response = sign_in(analyst).post(f"/fr/staff/reports/{report.pk}/open-case/", {"urgency": report.urgency})
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/staff/cases/{case.pk}/"
    assert (case.urgency, case.assignee, case.status) == (report.urgency, analyst, "triaged")
    report.refresh_from_db()
    assert report.status == PublicStatus.BEING_HANDLED == "handled"
    assert AuditEvent.objects.filter(action="case.opened", object_id=str(case.pk)).exists()


def test_changing_the_urgency_when_opening_needs_a_reason(analyst, sign_in, report_factory):
    report, _ = report_factory(categories=("harassment",))  # P2
    client = sign_in(analyst)
    response = client.post(f"/fr/staff/reports/{report.pk}/open-case/", {"urgency": "P0", "reason": ""})
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not Case.objects.exists()

    client.post(f"/fr/staff/reports/{report.pk}/open-case/", {"urgency": "P0", "reason": "a deadline was mentioned"})
    case = Case.objects.get()
    assert case.urgency == "P0"
    changed = AuditEvent.objects.get(action="case.urgency_changed")
    assert changed.detail == {"old": "P2", "new": "P0", "reason": "a deadline was mentioned"}


@pytest.mark.parametrize("urgency", ["P9", "", "p0"])
def test_an_unknown_urgency_is_refused(analyst, sign_in, report_factory, urgency):
    report, _ = report_factory()
    response = sign_in(analyst).post(f"/fr/staff/reports/{report.pk}/open-case/", {"urgency": urgency, "reason": "x"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_report_is_triaged_only_once(analyst, sign_in, report_factory):
    report, _ = report_factory()
    client = sign_in(analyst)
    client.post(f"/fr/staff/reports/{report.pk}/open-case/", {"urgency": report.urgency})
    again = client.post(f"/fr/staff/reports/{report.pk}/open-case/", {"urgency": report.urgency})
    assert again.status_code == 400
    assert Case.objects.count() == 1


def test_linking_a_report_to_an_existing_case(analyst, sign_in, report_factory):
    first, _ = report_factory()
    case = case_for(first, analyst)
    second, _ = report_factory()
    response = sign_in(analyst).post(f"/fr/staff/reports/{second.pk}/link/", {"case": case.reference.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/fr/staff/cases/{case.pk}/"
    link = CaseReport.objects.get(report=second)
    assert (link.case, link.duplicate, link.linked_by) == (case, False, analyst)
    second.refresh_from_db()
    assert second.status == "handled"


def test_a_more_urgent_report_raises_the_case(analyst, sign_in, report_factory):
    case = case_for(report_factory(categories=("harassment",))[0], analyst)
    urgent, _ = report_factory(danger_now=True)
    sign_in(analyst).post(f"/fr/staff/reports/{urgent.pk}/link/", {"case": case.reference})
    case.refresh_from_db()
    assert case.urgency == "P0"


def test_marking_a_duplicate(analyst, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    duplicate, _ = report_factory()
    sign_in(analyst).post(f"/fr/staff/reports/{duplicate.pk}/link/", {"case": case.reference, "duplicate": "on"})
    link = CaseReport.objects.get(report=duplicate)
    assert link.duplicate
    assert AuditEvent.objects.filter(action="case.duplicate_linked", object_id=str(case.pk)).exists()


def test_a_closed_case_takes_only_duplicates(analyst, sign_in, report_factory):
    case = case_for(report_factory()[0], analyst)
    actions.close_case(case, outcome="resolved", by=analyst)
    report, _ = report_factory()
    client = sign_in(analyst)
    refused = client.post(f"/fr/staff/reports/{report.pk}/link/", {"case": case.reference})
    assert refused.status_code == 400
    assert not CaseReport.objects.filter(report=report).exists()
    accepted = client.post(f"/fr/staff/reports/{report.pk}/link/", {"case": case.reference, "duplicate": "on"})
    assert accepted.status_code == 302
    report.refresh_from_db()
    assert report.status == "closed"


@pytest.mark.parametrize("reference", ["", "C-NOTFOUND", "nonsense", "C-" + "Z" * 30])
def test_linking_to_an_unknown_case_is_refused(analyst, sign_in, report_factory, reference):
    report, _ = report_factory()
    response = sign_in(analyst).post(f"/fr/staff/reports/{report.pk}/link/", {"case": reference})
    assert response.status_code == 400
    assert not CaseReport.objects.exists()


def test_changing_categories_needs_a_reason(analyst, sign_in, report_factory):
    report, _ = report_factory(categories=("harassment",))
    client = sign_in(analyst)
    url = f"/fr/staff/reports/{report.pk}/categories/"
    refused = client.post(url, {"categories": ["harassment", "threats"], "reason": " "})
    assert refused.status_code == 400
    assert sorted(report.categories.values_list("category", flat=True)) == ["harassment"]

    accepted = client.post(url, {"categories": ["harassment", "threats"], "reason": "threats in the screenshots"})
    assert accepted.status_code == 302
    assert accepted["Location"] == f"/fr/staff/reports/{report.pk}/"
    assert sorted(report.categories.values_list("category", flat=True)) == ["harassment", "threats"]
    event = AuditEvent.objects.get(action="report.categories_changed")
    assert event.detail["reason"] == "threats in the screenshots"


def test_an_unknown_category_is_refused(analyst, sign_in, report_factory):
    report, _ = report_factory(categories=("harassment",))
    response = sign_in(analyst).post(
        f"/fr/staff/reports/{report.pk}/categories/", {"categories": ["weather"], "reason": "why not"}
    )
    assert response.status_code == 400
    assert list(Report.objects.get().categories.values_list("category", flat=True)) == ["harassment"]


@pytest.mark.parametrize("path", ["open-case/", "link/", "categories/"])
def test_changes_accept_only_post(analyst, sign_in, report_factory, path):
    report, _ = report_factory()
    assert sign_in(analyst).get(f"/fr/staff/reports/{report.pk}/{path}").status_code == 405
