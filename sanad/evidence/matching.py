"""A file against the hash lists (known content) and against the other files (near-duplicates).

Exact hashes (MD5, SHA-1, SHA-256) are looked up in the database. PDQ hashes go through a
PdqIndex kept in each worker process and rebuilt when its rows change (a signature of count
and last id), so a look-up costs a fraction of a millisecond even against millions of list
entries (bench/pdq.py).
"""

from collections.abc import Callable
from uuid import UUID

import numpy as np
from django.conf import settings
from django.db import models

from sanad.evidence import pdq
from sanad.evidence.models import Evidence, HashListEntry, KnownMatch, PerceptualHash, SignalType, SimilarEvidence

_indexes: dict[str, tuple[tuple[object, ...], pdq.PdqIndex]] = {}


def _cached(name: str, signature: tuple[object, ...], load: Callable[[], list[tuple[int, str]]]) -> pdq.PdqIndex:
    cached = _indexes.get(name)
    if cached is not None and cached[0] == signature:
        return cached[1]
    rows = load()
    index = pdq.PdqIndex(pdq.to_bytes(value for _id, value in rows), np.array([pk for pk, _v in rows], dtype=np.int64))
    _indexes[name] = (signature, index)
    return index


def live_entries() -> models.QuerySet[HashListEntry]:
    return HashListEntry.objects.filter(removed_in__isnull=True, hash_list__withdrawn_at__isnull=True)


def _list_index() -> pdq.PdqIndex:
    entries = live_entries().filter(signal_type=SignalType.PDQ)
    stats = entries.aggregate(count=models.Count("pk"), last=models.Max("pk"))
    versions = tuple(entries.values_list("hash_list", "hash_list__version").distinct().order_by("hash_list"))
    return _cached("lists", (stats["count"], stats["last"], versions), lambda: list(entries.values_list("pk", "value")))


def _file_index() -> pdq.PdqIndex:
    hashes = PerceptualHash.objects.filter(quality__gte=settings.SANAD_PDQ_MIN_QUALITY)
    stats = hashes.aggregate(count=models.Count("pk"), last=models.Max("pk"))
    return _cached("files", (stats["count"], stats["last"]), lambda: list(hashes.values_list("pk", "pdq")))


def usable_hashes(evidence: Evidence) -> list[str]:
    """The file's PDQ hashes good enough to match on (PDQ's quality: flat pictures hash to noise)."""
    return [
        value
        for value, quality in evidence.perceptual_hashes.values_list("pdq", "quality")
        if quality >= settings.SANAD_PDQ_MIN_QUALITY
    ]


def match_lists(evidence: Evidence) -> None:
    """Record every live list entry the file matches, and whether it is known now."""
    exact = {SignalType.MD5: evidence.md5, SignalType.SHA1: evidence.sha1, SignalType.SHA256: evidence.sha256}
    found: dict[int, int] = {}
    for signal_type, value in exact.items():
        if value:
            for pk in live_entries().filter(signal_type=signal_type, value=value).values_list("pk", flat=True):
                found[pk] = 0
    hashes = usable_hashes(evidence)
    if hashes:
        index = _list_index()
        for matches in index.search(pdq.to_bytes(hashes), settings.SANAD_PDQ_THRESHOLD):
            for pk, distance in matches:
                found[pk] = min(distance, found.get(pk, distance))
    entries = HashListEntry.objects.filter(pk__in=found).select_related("hash_list")
    KnownMatch.objects.bulk_create(
        [
            KnownMatch(
                evidence=evidence,
                entry=entry,
                hash_list=entry.hash_list,
                list_version=entry.hash_list.version,
                signal_type=entry.signal_type,
                distance=found[entry.pk],
            )
            for entry in entries
        ],
        ignore_conflicts=True,  # matched before: the first match (its list version) is kept
    )
    refresh_known([evidence.pk])


def refresh_known(evidence_ids: list[object]) -> None:
    """`Evidence.known` from its matches: only a live entry of a list still in force counts."""
    live = KnownMatch.objects.filter(
        evidence=models.OuterRef("pk"), entry__removed_in__isnull=True, hash_list__withdrawn_at__isnull=True
    )
    Evidence.objects.filter(pk__in=evidence_ids).update(known=models.Exists(live))


def relate_similar(evidence: Evidence) -> None:
    """Record the other files whose PDQ hashes are within the threshold of this one's."""
    hashes = usable_hashes(evidence)
    if not hashes:
        return
    index = _file_index()
    closest: dict[int, int] = {}
    for matches in index.search(pdq.to_bytes(hashes), settings.SANAD_PDQ_THRESHOLD):
        for pk, distance in matches:
            closest[pk] = min(distance, closest.get(pk, distance))
    others: dict[UUID, int] = {}
    for pk, other in PerceptualHash.objects.filter(pk__in=closest).values_list("pk", "evidence"):
        if other != evidence.pk:
            others[other] = min(closest[pk], others.get(other, closest[pk]))
    pairs = [SimilarEvidence(evidence_id=evidence.pk, other_id=other, distance=d) for other, d in others.items()]
    pairs += [SimilarEvidence(evidence_id=other, other_id=evidence.pk, distance=d) for other, d in others.items()]
    SimilarEvidence.objects.bulk_create(pairs, ignore_conflicts=True)
