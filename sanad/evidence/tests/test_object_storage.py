"""Evidence on an S3-compatible object store (SANAD_EVIDENCE_STORAGE=s3), against a
real S3 server on loopback: what the store holds is ciphertext without its keys, and every
file opens back through the app."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from sanad.evidence import crypto, storage
from sanad.evidence.integrity import read_file
from sanad.evidence.models import Evidence, FileKey
from sanad.evidence.tests import samples
from sanad.evidence.tests.object_store import new_bucket, running_s3
from sanad.intake.tests.conftest import ANSWERS, receipt_on, step_url, upload, walk_wizard

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
PDF = samples.pdf(b"/Title(a made-up statement by a synthetic pupil)")
PNG = samples.png(64, 64)
SIGNATURES = [b"\x89PNG", b"%PDF", b"PK\x03\x04", b"IHDR", b"made-up statement"]


@pytest.fixture(scope="module")
def s3_endpoint():
    with running_s3() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, settings):
    found = new_bucket(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "evidence": found.storage()}
    return found


def test_the_settings_choose_the_object_store_by_configuration(tmp_path):
    script = "import json, sanad.settings as s; print(json.dumps(s.STORAGES['evidence'], default=str))"
    env = {
        "PATH": "/usr/bin:/bin",
        "SANAD_VAR_DIR": str(tmp_path),
        "SANAD_EVIDENCE_STORAGE": "s3",
        "SANAD_S3_BUCKET": "evidence",
        "SANAD_S3_ENDPOINT_URL": "https://s3.example.invalid",
    }
    printed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    chosen = json.loads(printed.stdout)
    assert chosen["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["OPTIONS"]["bucket_name"] == "evidence"
    assert chosen["OPTIONS"]["endpoint_url"] == "https://s3.example.invalid"
    assert chosen["OPTIONS"]["default_acl"] is None and chosen["OPTIONS"]["file_overwrite"] is False


def test_files_of_a_report_reach_the_store_as_ciphertext_without_their_keys(bucket):
    client = Client()
    walk_wizard(client, ANSWERS, files=[upload("sara-screenshot.png", PNG), upload("statement.pdf", PDF)])
    response = client.post(step_url("review"), {"next": ""})
    assert response.status_code == 302
    receipt_on(client.get(response["Location"]).content.decode())

    stored = bucket.objects()
    files = list(Evidence.objects.all())
    assert len(stored) == len(files) == 2
    assert set(stored) == {evidence.storage_name for evidence in files}
    for evidence in files:
        body = stored[evidence.storage_name]
        for needle in (PNG, PDF, *SIGNATURES, b"sara", ANSWERS["what"]["description"].encode()):
            assert needle not in body
        key = FileKey.objects.get(name=evidence.storage_name).key
        assert bytes(key) not in body  # the wrapped key stays in the database
        assert hashlib.sha256(read_file(evidence)).hexdigest() == evidence.sha256
    assert {read_file(evidence) for evidence in files} == {PNG, PDF}


def test_an_object_without_its_key_does_not_open(bucket):
    walk_wizard(Client(), ANSWERS, files=[upload("a.png", PNG)])
    evidence = Evidence.objects.get()
    FileKey.objects.filter(name=evidence.storage_name).delete()
    assert evidence.storage_name in bucket.objects()
    with pytest.raises(crypto.TamperedError):
        read_file(evidence)


def test_a_shredded_file_leaves_the_store(bucket, django_capture_on_commit_callbacks):
    walk_wizard(Client(), ANSWERS, files=[upload("a.png", PNG)])
    name = Evidence.objects.get().storage_name
    with django_capture_on_commit_callbacks(execute=True):
        storage.shred(name)
    assert bucket.objects() == {}
    assert not FileKey.objects.filter(name=name).exists()
