"""Anyone holding an evidence pack can check it against our records: on a page, or with a command."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.audit.models import AuditEvent
from sanad.cases.pack import read_pack
from sanad.cases.tests.referral_helpers import case_with_files, form_data, open_zip, rezip, send
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db

URL = "/fr/staff/packs/verify/"


@pytest.fixture
def sent(analyst, police, report_factory, sign_in, django_capture_on_commit_callbacks):
    case, _report, _files = case_with_files(analyst, report_factory)
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(sign_in(analyst), case, form_data("police", police))
    referral.refresh_from_db()
    return referral


def upload(client: Client, archive: bytes):
    return client.post(URL, {"archive": SimpleUploadedFile("pack.zip", archive, content_type="application/zip")})


def file_entry(archive: bytes) -> str:
    return open_zip(archive)[1]["files"][0]["name"]


def test_the_pack_we_sent_is_intact(sent, liaison, sign_in):
    response = upload(sign_in(liaison), read_pack(sent))
    page = response.content.decode()
    assert response.status_code == 200
    assert "verdict-intact" in page
    assert sent.case.reference in page and f"/fr/staff/referrals/{sent.pk}/" in page
    event = AuditEvent.objects.get(action="pack.verified")
    assert (event.actor, event.object_id, event.detail["intact"]) == (liaison, str(sent.pk), True)


def test_a_changed_file_is_reported(sent, liaison, sign_in):
    archive = read_pack(sent)
    changed = file_entry(archive)
    page = upload(sign_in(liaison), rezip(archive, change=changed)).content.decode()
    assert "verdict-problems" in page
    assert f"<li>{changed}" in page  # the changed entry is named
    assert sent.case.reference in page  # and the referral it claims to come from


def test_a_changed_summary_is_reported(sent, analyst, sign_in):
    page = upload(sign_in(analyst), rezip(read_pack(sent), change="summary-fr.pdf")).content.decode()
    assert "verdict-problems" in page and "<li>summary-fr.pdf" in page


def test_an_archive_that_is_not_ours_is_reported(analyst, sign_in):
    page = upload(sign_in(analyst), samples.zip_archive()).content.decode()
    assert "verdict-problems" in page
    assert not AuditEvent.objects.get(action="pack.verified").detail["intact"]


def test_a_file_that_is_not_an_archive_is_reported(analyst, sign_in):
    page = upload(sign_in(analyst), samples.png()).content.decode()
    assert "verdict-problems" in page


def test_another_organisation_learns_nothing_of_a_pack_it_may_not_see(sent, unrelated_liaison, sign_in):
    page = upload(sign_in(unrelated_liaison), read_pack(sent)).content.decode()
    assert "verdict-problems" in page and "verdict-intact" not in page
    assert sent.case.reference not in page and sent.organisation.name not in page
    assert "matches no pack you may check" in page or "ne correspond à aucun" in page


def test_a_manifest_naming_someone_elses_referral_reveals_nothing(sent, unrelated_liaison, sign_in):
    """The old page compared such an archive with the named referral's pack: its existence and hashes leaked."""
    archive = read_pack(sent)
    changed = file_entry(archive)
    page = upload(sign_in(unrelated_liaison), rezip(archive, change=changed)).content.decode()
    assert "verdict-problems" in page
    assert changed not in page
    for item in open_zip(archive)[1]["files"]:
        assert item["sha256"] not in page
    assert sent.case.reference not in page
    event = AuditEvent.objects.get(action="pack.verified")
    assert event.object_id == ""  # nothing recorded that this verifier may not see


def test_an_archive_over_the_limit_is_refused_with_a_clear_message(sent, liaison, sign_in, monkeypatch):
    monkeypatch.setattr("sanad.cases.views.referrals.PACK_UPLOAD_MAX_BYTES", 1024)
    response = upload(sign_in(liaison), read_pack(sent))
    assert response.status_code == 400
    assert "verify_pack" in response.content.decode()  # points to the command for large archives


def test_archives_larger_than_an_evidence_file_are_accepted(sent, liaison, sign_in, settings):
    settings.UPLOAD_MAX_BYTES = 1024  # the limit of single evidence files does not apply here
    assert "verdict-intact" in upload(sign_in(liaison), read_pack(sent)).content.decode()


def test_the_form_is_protected_against_cross_site_requests(sent, liaison):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(liaison)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=liaison).persistent_id
    session.save()
    assert upload(client, read_pack(sent)).status_code == 403
    assert client.get(URL).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in():
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/fr/staff/sign-in/")


def test_the_command_says_intact(sent, tmp_path, capsys):
    path = tmp_path / "pack.zip"
    path.write_bytes(read_pack(sent))
    call_command("verify_pack", str(path))
    out = capsys.readouterr().out
    assert "intact" in out and sent.case.reference in out


def test_the_command_exits_1_on_a_changed_file(sent, tmp_path, capsys):
    archive = read_pack(sent)
    path = tmp_path / "pack.zip"
    path.write_bytes(rezip(archive, change=file_entry(archive)))
    with pytest.raises(CommandError) as failure:
        call_command("verify_pack", str(path))
    assert failure.value.returncode == 1
    assert f"problem: {file_entry(archive)}" in capsys.readouterr().out
