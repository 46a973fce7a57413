"""What the worker does with a file once it is sealed: check it, then learn what it holds.

    received -> verified (integrity.py) -> analysed: SHA-1 (for hash lists), PDQ hashes of the
    picture or of up to SANAD_VIDEO_KEYFRAMES video keyframes, sealed previews (clear and
    blurred), the text of screenshots (OCR, sealed), matches against the hash lists and the
    other files.

Safe to run twice and from several workers: the row is locked and `analysis` says whether it
was done. A web request never waits for any of it; the app that knows reports calls
`process` again before it indexes a report's files, which is a no-op when already done.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.db import transaction

from sanad.evidence import crypto, frames, matching, ocr, pdq, previews, storage
from sanad.evidence.integrity import read_file, verify_integrity
from sanad.evidence.models import Evidence, PerceptualHash

log = logging.getLogger(__name__)


def process(evidence_id: str) -> None:
    verify_integrity(evidence_id)
    analyse(evidence_id)


@transaction.atomic
def analyse(evidence_id: str) -> None:
    # Locked for the whole analysis: a second worker waits, then finds it done.
    evidence = Evidence.objects.select_for_update().get(pk=evidence_id)
    if evidence.state != Evidence.State.PROCESSED or evidence.analysis != Evidence.Analysis.PENDING:
        return
    try:
        data = read_file(evidence)
    except (OSError, crypto.TamperedError):
        log.exception("evidence %s could not be read for analysis", evidence.pk)
        evidence.analysis = Evidence.Analysis.FAILED
        evidence.save(update_fields=["analysis"])
        return
    evidence.sha1 = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    pictures = _pictures(evidence, data)
    del data  # only the reduced pictures are kept from here on
    if pictures:
        made = previews.renditions(pictures[0])
        evidence.preview_name = _store(evidence, "preview", made.preview)
        evidence.blurred_name = _store(evidence, "blurred", made.blurred)
        hashes = [pdq.of_picture(picture) for picture in pictures]
        PerceptualHash.objects.bulk_create(
            PerceptualHash(
                evidence=evidence, pdq=found.hex, quality=found.quality, frame=number if evidence.is_video else None
            )
            for number, found in enumerate(hashes)
        )
        if evidence.is_image:
            evidence.ocr_text = ocr.read_text(pictures[0])
    evidence.analysis = Evidence.Analysis.DONE
    evidence.save(update_fields=["sha1", "preview_name", "blurred_name", "ocr_text_sealed", "analysis"])
    matching.match_lists(evidence)
    matching.relate_similar(evidence)


def _pictures(evidence: Evidence, data: bytes) -> list:  # type: ignore[type-arg]
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
