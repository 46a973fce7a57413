"""Known-content hash lists: imported from CSV and from a ThreatExchange/HMA signal file, versioned,
withdrawn; a match marks the file known and says which list and version."""

import hashlib
from datetime import date

import pytest

from sanad.audit.models import AuditEvent
from sanad.evidence import hash_lists
from sanad.evidence.actions import capture_file
from sanad.evidence.models import Evidence, KnownMatch
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.tests import samples
from sanad.evidence.tests.test_perceptual_hashes import COPIES, ORIGINAL, hash_of

pytestmark = pytest.mark.django_db

LISTED = date(2026, 11, 1)


def analysed(data: bytes) -> Evidence:
    evidence = capture_file(data, name="capture.png", actor="reporter")
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    return evidence


def load(name: str, text: str, file_format: str = "csv", **options: object):
    return hash_lists.import_list(
        name,
        hash_lists.parse(text, file_format),
        source="Partner hotline (test)",
        category="known abuse",
        listed_on=LISTED,
        **options,
    )


def test_an_md5_from_a_csv_list_marks_the_file_known_with_list_and_version():
    data = samples.encoded(samples.scene(3))
    evidence = analysed(data)
    assert not evidence.known
    load("PARTNER_MD5", f"signal_type,value,category\nmd5,{hashlib.md5(data).hexdigest()},cat-a\n")  # noqa: S324
    evidence.refresh_from_db()
    assert evidence.known and evidence.hidden
    match = KnownMatch.objects.get(evidence=evidence)
    assert (match.hash_list.name, match.list_version, match.signal_type, match.distance) == ("PARTNER_MD5", 1, "md5", 0)
    assert match.entry.category == "cat-a"
    assert AuditEvent.objects.filter(action="hash_list.imported", detail__version=1).exists()


def test_a_pdq_from_a_signal_file_matches_a_resized_copy_arriving_later():
    load(
        "PARTNER_PDQ",
        f"# shared by a partner (test)\npdq {hash_of(samples.encoded(ORIGINAL))}\nsha1 {'0' * 40}\n",
        "threatexchange",
    )
    copy = analysed(COPIES["half size"])
    match = KnownMatch.objects.get(evidence=copy)
    assert copy.known and match.signal_type == "pdq" and 0 < match.distance <= 31


@pytest.mark.parametrize("kind", ["sha1", "sha256"])
def test_sha1_and_sha256_entries_match(kind):
    data = samples.encoded(samples.scene(4))
    evidence = analysed(data)
    load("PARTNER", f"signal_type,value\n{kind},{hashlib.new(kind, data).hexdigest()}\n")
    evidence.refresh_from_db()
    assert evidence.known


def test_a_new_version_without_the_hash_and_a_withdrawal_stop_hiding_the_file():
    data = samples.encoded(samples.scene(6))
    evidence = analysed(data)
    line = f"md5,{hashlib.md5(data).hexdigest()}\n"  # noqa: S324
    load("PARTNER", "signal_type,value\n" + line)
    load("PARTNER", "signal_type,value\n" + f"md5,{'a' * 32}\n")
    evidence.refresh_from_db()
    assert not evidence.known  # removed in version 2
    assert load("PARTNER", "signal_type,value\n" + line).version == 3
    evidence.refresh_from_db()
    assert evidence.known and KnownMatch.objects.get(evidence=evidence).list_version == 1  # the first match is kept
    hash_lists.withdraw_list("PARTNER")
    evidence.refresh_from_db()
    assert not evidence.known


@pytest.mark.parametrize(
    ("text", "file_format"),
    [
        ("value\nabc\n", "csv"),
        ("signal_type,value\nmd5,xyz\n", "csv"),
        ("signal_type,value\nphotodna,abcd\n", "csv"),
        ("pdq 1234\n", "threatexchange"),
    ],
    ids=["no-type-column", "not-hex", "unknown-type", "short-pdq"],
)
def test_a_bad_file_is_refused_with_its_line(text, file_format):
    with pytest.raises(hash_lists.BadHashListFile, match="line"):
        hash_lists.parse(text, file_format)
