"""A file on a known-content hash list is never shown, not even blurred, until a supervisor records
why; its case is raised to the configured urgency."""

import hashlib
import io
from datetime import date

import pytest
from django.core.management import call_command

from sanad.audit.models import AuditEvent
from sanad.cases.tests.casework import attach, case_for
from sanad.evidence import hash_lists
from sanad.evidence.models import KnownRelease
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_case(analyst, report_factory):
    data = samples.encoded(samples.scene(21))
    report, _ = report_factory()
    evidence = attach(report, data)
    case = case_for(report, analyst)
    signals = hash_lists.parse(f"md5 {hashlib.md5(data).hexdigest()}\n", "threatexchange")  # noqa: S324
    hash_lists.import_list(
        "PARTNER_MD5", signals, source="Partner (test)", category="known", listed_on=date(2026, 11, 1)
    )
    evidence.refresh_from_db()
    return case, evidence


def test_a_known_file_is_not_shown_not_even_blurred(analyst, sign_in, known_case):
    case, evidence = known_case
    client = sign_in(analyst)
    page = client.get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert "Known abuse content: not shown." in page and "PARTNER_MD5 v1" in page
    assert f"/en/staff/evidence/{evidence.pk}/preview/" not in page
    assert client.get(f"/en/staff/evidence/{evidence.pk}/preview/").status_code == 403
    assert client.post(f"/en/staff/evidence/{evidence.pk}/reveal/").status_code == 403
    assert not AuditEvent.objects.filter(action="evidence.revealed").exists()


def test_an_analyst_cannot_release_it(analyst, sign_in, known_case):
    _, evidence = known_case
    response = sign_in(analyst).post(f"/en/staff/evidence/{evidence.pk}/release/", {"reason": "Je veux voir."})
    assert response.status_code == 404
    assert not KnownRelease.objects.exists()


def test_a_supervisor_records_why_and_then_it_is_shown_blurred(analyst, supervisor, sign_in, known_case):
    case, evidence = known_case
    client = sign_in(supervisor)
    assert client.post(f"/en/staff/evidence/{evidence.pk}/release/", {"reason": "  "}).status_code == 400
    response = client.post(f"/en/staff/evidence/{evidence.pk}/release/", {"reason": "Requis par le parquet (test)."})
    assert response.status_code == 302
    release = KnownRelease.objects.get()
    assert (release.by, release.reason) == (supervisor, "Requis par le parquet (test).")
    assert AuditEvent.objects.filter(action="evidence.known_released", object_id=str(evidence.pk)).exists()
    page = sign_in(analyst).get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert "is-blurred" in page and f"/en/staff/evidence/{evidence.pk}/preview/" in page
    assert sign_in(analyst).get(f"/en/staff/evidence/{evidence.pk}/preview/").status_code == 200


def test_the_case_is_raised_to_the_configured_urgency(settings, known_case):
    settings.SANAD_KNOWN_CONTENT_URGENCY = "P1"
    case, _ = known_case
    assert case.urgency > "P1"
    call_command("escalate_known_content", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.urgency == "P1"
    event = AuditEvent.objects.get(action="case.urgency_changed", object_id=str(case.pk))
    assert event.detail["reason"] == "known_content"
