"""Each kind of recipient gets only what its redaction profile allows, in the preview and in the pack."""

import pytest
from django.utils import translation
from django.utils.html import escape

from sanad.accounts.models import Organisation
from sanad.cases.pack import read_pack
from sanad.cases.tests.referral_helpers import (
    CONTACT,
    DESCRIPTION,
    SCHOOL,
    case_with_files,
    form_data,
    open_zip,
    package_of,
    preview,
    send,
)
from sanad.intake.models import AgeBand

pytestmark = pytest.mark.django_db


@pytest.fixture
def support_org(db):
    return Organisation.objects.create(name="Écoute jeunes (test)", kind=Organisation.Kind.SUPPORT)


def age_band() -> str:
    with translation.override("fr"):
        return escape(str(AgeBand.AGE_13_15.label))


def identifiers(report) -> list[str]:
    return [identifier.value for identifier in report.identifiers.all()]


def test_police_receive_the_full_file_and_every_evidence_file(
    analyst, police, report_factory, sign_in, django_capture_on_commit_callbacks
):
    case, report, files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    shown = package_of(preview(client, case, form_data("police", police)))
    for expected in [DESCRIPTION, escape(SCHOOL), CONTACT, age_band(), "Article 447-1 du Code pénal"]:
        assert expected in shown
    for value in identifiers(report):
        assert escape(value) in shown
    for item in files:
        assert item.sha256 in shown
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(client, case, form_data("police", police))
    referral.refresh_from_db()
    archive, manifest = open_zip(read_pack(referral))
    assert {entry["sha256"] for entry in manifest["files"]} == {item.sha256 for item in files}
    assert len([name for name in archive.namelist() if name.startswith("files/")]) == 2


def test_a_platform_gets_identifiers_and_the_legal_ground_never_the_child(
    analyst, platform_org, report_factory, sign_in, django_capture_on_commit_callbacks
):
    case, report, files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    shown = package_of(preview(client, case, form_data("platform", platform_org)))
    for value in identifiers(report):
        assert escape(value) in shown
    assert "Article 447-1 du Code pénal" in shown
    for hidden in [DESCRIPTION, escape(SCHOOL), CONTACT, age_band(), *(item.sha256 for item in files)]:
        assert hidden not in shown
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(client, case, form_data("platform", platform_org))
    referral.refresh_from_db()
    archive, manifest = open_zip(read_pack(referral))
    assert manifest["files"] == []
    assert sorted(archive.namelist()) == ["manifest.json", "summary-ar.pdf", "summary-fr.pdf"]


def test_a_school_gets_minimal_facts_without_files_or_identifiers(
    analyst, school_org, report_factory, sign_in, django_capture_on_commit_callbacks
):
    case, report, files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    # The reporter did not agree to involve the school: the analyst records a safeguarding decision.
    data = form_data("school", school_org, safeguarding_reason="Risque pour l'élève à l'école (fictif).")
    shown = package_of(preview(client, case, data))
    assert escape(SCHOOL) in shown and age_band() in shown
    for hidden in [DESCRIPTION, CONTACT, *identifiers(report), *(item.sha256 for item in files)]:
        assert escape(hidden) not in shown
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(client, case, data)
    referral.refresh_from_db()
    assert open_zip(read_pack(referral))[1]["files"] == []


def test_a_support_service_gets_the_contact_only_when_the_reporter_agreed(
    analyst, support_org, report_factory, sign_in
):
    client = sign_in(analyst)
    agreed, report, files = case_with_files(analyst, report_factory, consent=True)
    shown = package_of(preview(client, agreed, form_data("support", support_org)))
    assert CONTACT in shown and age_band() in shown
    for hidden in [DESCRIPTION, escape(SCHOOL), *identifiers(report), *(item.sha256 for item in files)]:
        assert escape(hidden) not in shown

    refused, _report, _files = case_with_files(analyst, report_factory, consent=False)
    assert CONTACT not in package_of(preview(client, refused, form_data("support", support_org)))


def test_only_justice_and_platforms_are_asked_for_a_legal_ground(analyst, school_org, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    page = sign_in(analyst).get(f"/fr/staff/cases/{case.pk}/refer/?target=school").content.decode()
    assert 'name="legal_ground"' not in page
    page = sign_in(analyst).get(f"/fr/staff/cases/{case.pk}/refer/?target=platform").content.decode()
    assert 'name="legal_ground"' in page
