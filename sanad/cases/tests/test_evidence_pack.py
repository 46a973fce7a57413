"""The evidence pack: built after the referral commits, sealed, hashed, downloaded by its recipient."""

import hashlib

import pytest

from sanad.audit.models import AuditEvent
from sanad.cases.pack import build_referral_pack, read_pack
from sanad.cases.tests.referral_helpers import case_with_files, form_data, open_zip, send
from sanad.evidence.models import CustodyEvent

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]  # also on SQLite, as the demo runs


@pytest.fixture
def sent(analyst, police, report_factory, sign_in, django_capture_on_commit_callbacks):
    case, _report, files = case_with_files(analyst, report_factory)
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(sign_in(analyst), case, form_data("police", police))
    referral.refresh_from_db()
    return referral, files


def test_the_pack_is_a_zip_whose_manifest_matches_the_evidence(sent):
    referral, files = sent
    archive = read_pack(referral)
    assert referral.pack_sha256 == hashlib.sha256(archive).hexdigest()
    opened, manifest = open_zip(archive)
    assert (manifest["referral"], manifest["case"], manifest["target"]) == (
        referral.pk,
        referral.case.reference,
        "police",
    )
    by_evidence = {str(item.pk): item for item in files}
    assert {entry["evidence"] for entry in manifest["files"]} == set(by_evidence)
    for entry in manifest["files"]:
        data = opened.read(entry["name"])
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() == by_evidence[entry["evidence"]].sha256
        assert entry["md5"] == by_evidence[entry["evidence"]].md5
        assert entry["custody"][0]["action"] == "captured"


def test_the_summaries_are_pdfs_in_arabic_and_french(sent):
    referral, _files = sent
    opened, manifest = open_zip(read_pack(referral))
    for summary in manifest["summaries"]:
        data = opened.read(summary["name"])
        assert data.startswith(b"%PDF")
        assert summary["sha256"] == hashlib.sha256(data).hexdigest()
    assert [summary["name"] for summary in manifest["summaries"]] == ["summary-ar.pdf", "summary-fr.pdf"]


def test_exporting_is_part_of_each_files_custody(sent):
    referral, files = sent
    for item in files:
        assert CustodyEvent.objects.filter(
            evidence=item, action=CustodyEvent.Action.EXPORTED, actor=f"referral:{referral.pk}"
        ).exists()


def test_building_twice_keeps_the_first_pack(sent):
    referral, _files = sent
    build_referral_pack(referral.pk)
    again = type(referral).objects.get(pk=referral.pk)
    assert (again.pack_name, again.pack_sha256) == (referral.pack_name, referral.pack_sha256)


def test_the_liaison_downloads_the_pack_named_after_the_case(sent, liaison, sign_in):
    referral, _files = sent
    response = sign_in(liaison).get(f"/fr/staff/referrals/{referral.pk}/pack/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert referral.case.reference in response["Content-Disposition"]
    assert hashlib.sha256(response.content).hexdigest() == referral.pack_sha256
    event = AuditEvent.objects.get(action="referral.pack_downloaded")
    assert (event.actor, event.object_id) == (liaison, str(referral.pk))


def test_the_page_offers_the_download_once_built(sent, liaison, sign_in):
    referral, _files = sent
    page = sign_in(liaison).get(f"/fr/staff/referrals/{referral.pk}/").content.decode()
    assert f"/fr/staff/referrals/{referral.pk}/pack/" in page
    assert referral.pack_sha256 in page


def test_no_pack_until_it_is_built(analyst, liaison, police, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    referral = send(sign_in(analyst), case, form_data("police", police))  # on-commit work not run
    assert sign_in(liaison).get(f"/fr/staff/referrals/{referral.pk}/pack/").status_code == 404
    page = sign_in(liaison).get(f"/fr/staff/referrals/{referral.pk}/").content.decode()
    assert f"/fr/staff/referrals/{referral.pk}/pack/" not in page


@pytest.mark.parametrize("persona", ["unrelated_liaison", "outsider", "school_team"])
def test_others_cannot_download_the_pack(sent, persona, sign_in, request):
    referral, _files = sent
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(f"/fr/staff/referrals/{referral.pk}/pack/").status_code == 404
    assert not AuditEvent.objects.filter(action="referral.pack_downloaded").exists()
