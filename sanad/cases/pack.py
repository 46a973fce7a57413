"""The evidence pack sent with a referral: one ZIP archive holding

- summary-ar.pdf and summary-fr.pdf: what the recipient's redaction profile allows;
- files/<sha256>.<ext>: the evidence files themselves (full profile only);
- manifest.json: each summary's and file's SHA-256, and for files the MD5, size, type and
  chain of custody.

The archive is sealed in evidence storage; its SHA-256 is kept on the referral, so anyone
holding a copy can check it against our records (verify_pack, the page and the command).
"""

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanad.cases.models import Referral
from sanad.cases.redaction import Package, render
from sanad.evidence import crypto, storage
from sanad.evidence.integrity import read_file
from sanad.evidence.models import CustodyEvent, Evidence

PACK_LANGUAGES = ("ar", "fr")
# A fixed date for every entry: the same content always gives the same archive bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
MANIFEST = "manifest.json"
# What an uploaded archive may hold before we stop reading it (a zip bomb costs no more than this).
MAX_ENTRIES = 10_000
MAX_MANIFEST_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024


class UnreadablePack(Exception):
    pass


# What reading a damaged or foreign archive raises; zipfile raises RuntimeError for an
# encrypted entry and NotImplementedError for an unknown compression method.
UNREADABLE = (
    zipfile.BadZipFile,
    UnreadablePack,
    KeyError,
    ValueError,
    TypeError,
    EOFError,
    RuntimeError,
    NotImplementedError,
)


def summary_html(referral: Referral, content: Package, language: str) -> str:
    return render_to_string(
        "cases/pack_summary.html",
        {"referral": referral, "package": content, "language": language, "generated_at": timezone.now()},
    )


def summary_pdf(referral: Referral, snapshot: dict, language: str) -> bytes:
    """The summary of what the referral sent (its snapshot), never of the case as it is now."""
    from weasyprint import HTML  # imported here: WeasyPrint loads Pango, costly for every process

    with translation.override(language):
        html = summary_html(referral, render(snapshot), language)
    return HTML(string=html).write_pdf()


def _entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def build_archive(referral: Referral) -> bytes:
    snapshot = referral.snapshot
    content = render(snapshot)
    summaries: list[dict[str, object]] = []
    files: list[dict[str, object]] = []
    buffer = io.BytesIO()
    sent = {str(item.pk): item for item in Evidence.objects.filter(pk__in=[f.evidence_id for f in content.files])}
    with zipfile.ZipFile(buffer, "w") as archive:
        for language in PACK_LANGUAGES:
            pdf = summary_pdf(referral, snapshot, language)
            name = f"summary-{language}.pdf"
            _entry(archive, name, pdf)
            summaries.append({"name": name, "sha256": hashlib.sha256(pdf).hexdigest()})
        for item in content.files:
            evidence = sent[item.evidence_id]
            data = read_file(evidence)
            _entry(archive, item.name, data)
            files.append(
                {
                    "name": item.name,
                    "evidence": str(evidence.pk),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "md5": evidence.md5,
                    "size": evidence.size,
                    "content_type": evidence.content_type,
                    "custody": [
                        {
                            "at": event.at.isoformat(),
                            "action": event.action,
                            "actor": event.actor,
                            "sha256": event.sha256,
                        }
                        for event in evidence.custody.all()
                    ],
                }
            )
        manifest = {
            "referral": referral.pk,
            "addendum_to": referral.addendum_to_id,
            "case": referral.case.reference,
            "target": referral.target,
            "organisation": referral.organisation.name,
            "sent_at": referral.sent_at.isoformat(),
            "summaries": summaries,
            "files": files,
        }
        _entry(archive, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    return buffer.getvalue()


@transaction.atomic
def build_referral_pack(referral_id: int) -> None:
    # Lock the referral: a retried task must not build a second pack.
    referral = Referral.objects.select_for_update().select_related("case", "organisation").get(pk=referral_id)
    if referral.pack_name:
        return
    if referral.snapshot_sealed is None:  # sent before snapshots: frozen first (cases.actions.ensure_snapshot)
        return
    archive = build_archive(referral)
    referral.pack_sha256 = hashlib.sha256(archive).hexdigest()
    referral.pack_name = storage.store_sealed(
        f"packs/referral-{referral.pk}.zip.sealed", archive, context=referral.pack_context
    )
    referral.save(update_fields=["pack_name", "pack_sha256"])
    for item in render(referral.snapshot).files:
        CustodyEvent.objects.create(
            evidence_id=item.evidence_id,
            action=CustodyEvent.Action.EXPORTED,
            actor=f"referral:{referral.pk}",
            sha256=item.sha256,
        )


def read_pack(referral: Referral) -> bytes:
    return storage.read_sealed(referral.pack_name, context=referral.pack_context)


@dataclass(frozen=True)
class Verification:
    """referral: the referral whose pack this archive is, or claims to be (by its manifest),
    when the verifier may see it; problems: what differs from what we sent."""

    referral: Referral | None
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.referral is not None and not self.problems


def verify_pack(archive: bytes, *, may_see: Callable[[Referral], bool]) -> Verification:
    """Check an archive someone holds against our records: its hash, each entry's hash
    against the pack we sent, each file's hash against the one taken at capture.

    Only for a referral the verifier `may_see`: of any other archive they learn nothing but
    that it is not a pack they may check (not whether it exists, nor any hash we hold).
    """
    digest = hashlib.sha256(archive).hexdigest()
    referral = Referral.objects.filter(pack_sha256=digest).select_related("case", "organisation").first()
    if referral is not None and may_see(referral):
        return Verification(referral=referral)
    problems: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            received = _entry_hashes(opened)
            claimed = _claimed_referral(_manifest(opened))
            if claimed is None or not may_see(claimed):
                return Verification(referral=None, problems=[str(NOT_YOURS)])
            problems.append(_("This archive is not byte for byte the pack we sent for this referral."))
            problems += _compare_with_sent(received, claimed)
            problems += _check_manifest(received, _manifest(opened), claimed)
    except UNREADABLE:
        return Verification(
            referral=None,
            problems=[_("This is not a readable evidence pack (the archive or its manifest is damaged).")],
        )
    return Verification(referral=claimed, problems=problems)


NOT_YOURS = gettext_lazy(
    "This archive matches no pack you may check: it was changed, it is not ours, or it was sent to someone else."
)


def _entry_hashes(opened: zipfile.ZipFile) -> dict[str, str]:
    entries = opened.infolist()
    if len(entries) > MAX_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise UnreadablePack()
    hashes = {}
    for entry in entries:
        digest = hashlib.sha256()
        # Read in chunks: an entry is never held whole in memory; zipfile stops at the declared size.
        with opened.open(entry) as handle:
            for chunk in iter(partial(handle.read, 1024 * 1024), b""):
                digest.update(chunk)
        hashes[entry.filename] = digest.hexdigest()
    return hashes


def _manifest(opened: zipfile.ZipFile) -> dict:
    if opened.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise UnreadablePack()
    manifest = json.loads(opened.read(MANIFEST))
    if not isinstance(manifest, dict):
        raise UnreadablePack()
    return manifest


def _claimed_referral(manifest: dict) -> Referral | None:
    """The referral the manifest names, when its case matches too and a pack was sent."""
    referral_id, reference = manifest.get("referral"), manifest.get("case")
    if not isinstance(referral_id, int) or not isinstance(reference, str):
        return None
    return (
        Referral.objects.filter(pk=referral_id, case__reference=reference)
        .exclude(pack_sha256="")
        .select_related("case", "organisation")
        .first()
    )


def _compare_with_sent(received: dict[str, str], referral: Referral) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(read_pack(referral))) as sent_archive:
            sent = _entry_hashes(sent_archive)
    except (OSError, crypto.TamperedError, zipfile.BadZipFile, UnreadablePack):
        return [_("The pack we sent could not be read to compare it, entry by entry.")]
    problems = []
    for name in sorted(sent.keys() | received.keys()):
        if name not in received:
            problems.append(_("%(name)s: missing from this archive") % {"name": name})
        elif name not in sent:
            problems.append(_("%(name)s: was not in the pack we sent") % {"name": name})
        elif sent[name] != received[name]:
            problems.append(_("%(name)s: changed since it was sent") % {"name": name})
    return problems


def _check_manifest(received: dict[str, str], manifest: dict, referral: Referral) -> list[str]:
    problems = []
    captured = {item["evidence"]: item["sha256"] for item in referral.snapshot.get("files", [])}
    for item in [*manifest.get("summaries", []), *manifest.get("files", [])]:
        name = str(item["name"])
        if name not in received:
            problems.append(_("%(name)s: listed in the manifest but missing") % {"name": name})
        elif received[name] != item.get("sha256"):
            problems.append(_("%(name)s: content does not match the manifest") % {"name": name})
    for item in manifest.get("files", []):
        name = str(item["name"])
        # Only files this referral sent are compared: the hash of any other file is not the verifier's to learn.
        if name in received and received[name] != captured.get(str(item.get("evidence"))):
            problems.append(_("%(name)s: does not match the hash recorded when it was captured") % {"name": name})
    return problems
