"""What the worker does with a file once it is sealed: check it, then learn what it holds.

    received -> verified (integrity.py) -> analysed: SHA-1 (for hash lists), PDQ hashes of the
    picture or of up to SANAD_VIDEO_KEYFRAMES video keyframes, sealed previews (clear and
    blurred), the text of screenshots (OCR, sealed), matches against the hash lists and the
    other files.

Safe to run twice and from several workers: `analysis` says whether it was done, and the
results are saved under a row lock by the first worker to finish. A web request never waits for any of it; the app that knows reports calls
`process` again before it indexes a report's files, which is a no-op when already done.
"""

import hashlib
import logging
import uuid
from functools import partial

from django.conf import settings
from django.db import transaction
from PIL import Image

from sanad.evidence import crypto, frames, matching, ocr, pdq, previews, storage
from sanad.evidence.integrity import read_file, verify_integrity
from sanad.evidence.models import Evidence, PerceptualHash

log = logging.getLogger(__name__)


def process(evidence_id: str) -> None:
    verify_integrity(evidence_id)
    analyse(evidence_id)


def analyse(evidence_id: str) -> None:
    evidence = Evidence.objects.get(pk=evidence_id)
    if evidence.state != Evidence.State.PROCESSED or evidence.analysis != Evidence.Analysis.PENDING:
        return
    try:
        data = read_file(evidence)
    except (OSError, crypto.TamperedError):
        log.exception("evidence %s could not be read for analysis", evidence.pk)
        Evidence.objects.filter(pk=evidence.pk).update(analysis=Evidence.Analysis.FAILED)
        return
    # The slow part (decoding, OCR, ffmpeg) runs outside any transaction, so no lock is held
    # for seconds (SQLite's demo would block every writer meanwhile); the results are saved
    # below, once, by whichever worker gets there first.
    sha1 = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    pictures = _pictures(evidence, data)
    del data  # only the reduced pictures are kept from here on
    names: dict[str, str] = {}
    hashes: list[pdq.Hash] = []
    text = ""
    if pictures:
        made = previews.renditions(pictures[0])
        names = {
            "preview": _store(evidence, "preview", made.preview),
            "blurred": _store(evidence, "blurred", made.blurred),
        }
        hashes = [pdq.of_picture(picture) for picture in pictures]
        text = ocr.read_text(pictures[0]) if evidence.is_image else ""
    _save(evidence.pk, sha1=sha1, names=names, hashes=hashes, text=text)


@transaction.atomic
def _save(evidence_id: uuid.UUID, *, sha1: str, names: dict[str, str], hashes: list[pdq.Hash], text: str) -> None:
    # Locked: a second worker that analysed the same file meanwhile finds it done and leaves.
    evidence = Evidence.objects.select_for_update().get(pk=evidence_id)
    if evidence.analysis != Evidence.Analysis.PENDING:
        for name in names.values():
            transaction.on_commit(partial(storage.delete, name))
        return
    evidence.sha1 = sha1
    evidence.preview_name = names.get("preview", "")
    evidence.blurred_name = names.get("blurred", "")
    evidence.ocr_text = text
    evidence.analysis = Evidence.Analysis.DONE
    evidence.save(update_fields=["sha1", "preview_name", "blurred_name", "ocr_text_sealed", "analysis"])
    PerceptualHash.objects.bulk_create(
        PerceptualHash(
            evidence=evidence, pdq=found.hex, quality=found.quality, frame=number if evidence.is_video else None
        )
        for number, found in enumerate(hashes)
    )
    matching.match_lists(evidence)
    matching.relate_similar(evidence)


def _pictures(evidence: Evidence, data: bytes) -> list[Image.Image]:
    if evidence.is_image:
        try:
            return [previews.decode(data)]
        except previews.NoPreview:
            return []
    if evidence.is_video:
        return frames.keyframes(data, limit=settings.SANAD_VIDEO_KEYFRAMES)
    return []


def _store(evidence: Evidence, kind: str, jpeg: bytes) -> str:
    name = f"{evidence.pk.hex[:2]}/{evidence.pk.hex}.{kind}.{uuid.uuid4().hex[:8]}.sealed"
    return storage.store_sealed(name, jpeg, context=evidence.rendition_context(kind))
