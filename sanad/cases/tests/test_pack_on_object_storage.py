"""A referral's evidence pack on an S3-compatible object store: sealed before it leaves the
process, its key in the database, and it opens and verifies for its recipient."""

import hashlib
import io
import zipfile

import pytest

from sanad.cases.actions import refer_case
from sanad.cases.pack import build_referral_pack, read_pack, verify_pack
from sanad.cases.tests.referral_helpers import case_with_files
from sanad.evidence.tests import samples
from sanad.evidence.tests.object_store import new_bucket, running_s3

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(settings):
    with running_s3() as endpoint:
        found = new_bucket(endpoint)
        settings.STORAGES = {**settings.STORAGES, "evidence": found.storage()}
        yield found


def test_the_pack_is_ciphertext_in_the_store_and_opens_for_its_recipient(bucket, analyst, police, report_factory):
    case, _report, files = case_with_files(analyst, report_factory)
    referral = refer_case(case, target="police", organisation=police, brief="(fictif)", legal_ground="", by=analyst)
    build_referral_pack(referral.pk)
    referral.refresh_from_db()

    stored = bucket.objects()
    for evidence in files:
        evidence.refresh_from_db()
    # The pack, each file and its two previews (clear and blurred): nothing else, all sealed.
    assert set(stored) == {referral.pack_name, *(name for evidence in files for name, _ in evidence.sealed_files)}
    assert all(len(evidence.sealed_files) == 3 for evidence in files)
    body = stored[referral.pack_name]
    for needle in (b"PK\x03\x04", b"%PDF", b"manifest.json", samples.png(), b"demo.aggressor"):
        assert needle not in body
    archive = read_pack(referral)
    assert hashlib.sha256(archive).hexdigest() == referral.pack_sha256
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert "manifest.json" in opened.namelist()
    assert verify_pack(archive, may_see=lambda _referral: True).intact
