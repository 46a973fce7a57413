"""PDQ hashes of generated pictures: copies stay within the threshold, different pictures do not,
and the worker relates files that are near-duplicates of each other."""

import io

import numpy as np
import pytest
from PIL import Image

from sanad.evidence import pdq
from sanad.evidence.actions import capture_file
from sanad.evidence.models import SimilarEvidence
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.tests import samples

THRESHOLD = 31


def hash_of(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as picture:
        return pdq.of_picture(picture.convert("RGB")).hex


ORIGINAL = samples.scene(1)
WIDTH, HEIGHT = ORIGINAL.size
COPIES = {
    "re-encoded as JPEG": samples.encoded(ORIGINAL, "JPEG", quality=60),
    "half size": samples.encoded(ORIGINAL.resize((WIDTH // 2, HEIGHT // 2))),
    "double size, WebP": samples.encoded(ORIGINAL.resize((WIDTH * 2, HEIGHT * 2)), "WEBP", quality=70),
    "cropped by 1 % on each side": samples.encoded(
        ORIGINAL.crop((WIDTH // 100, HEIGHT // 100, WIDTH - WIDTH // 100, HEIGHT - HEIGHT // 100))
    ),
}


@pytest.mark.parametrize("copy", COPIES.values(), ids=COPIES.keys())
def test_a_copy_stays_within_the_threshold(copy):
    assert pdq.distance(hash_of(samples.encoded(ORIGINAL)), hash_of(copy)) <= THRESHOLD


@pytest.mark.parametrize("seed", range(2, 12))
def test_a_different_picture_is_far_away(seed):
    assert pdq.distance(hash_of(samples.encoded(ORIGINAL)), hash_of(samples.encoded(samples.scene(seed)))) > THRESHOLD


def test_the_index_finds_exactly_what_brute_force_finds():
    rng = np.random.default_rng(7)
    codes = rng.integers(0, 256, size=(20_000, 32), dtype=np.uint8)
    ids = np.arange(100, 20_100)
    index = pdq.PdqIndex(codes, ids, tables=True)
    queries = codes[rng.integers(0, len(codes), 50)].copy()
    bits = np.unpackbits(queries, axis=1)
    for row in bits:
        row[rng.choice(256, rng.integers(0, 33), replace=False)] ^= 1
    queries = np.packbits(bits, axis=1)
    found = index.search(queries, 32)
    assert found == [pdq.brute_force(codes, ids, query, 32) for query in queries]
    assert all(found)  # each query is a near copy of a stored hash


@pytest.mark.django_db
def test_the_worker_relates_near_duplicate_files_with_their_distance(settings):
    first = capture_file(samples.encoded(ORIGINAL), name="a.png", actor="reporter")
    copy = capture_file(COPIES["half size"], name="b.png", actor="reporter")
    other = capture_file(samples.encoded(samples.scene(5)), name="c.png", actor="reporter")
    for evidence in (first, copy, other):
        verify_evidence.call(str(evidence.pk))
    pairs = {(pair.evidence_id, pair.other_id): pair.distance for pair in SimilarEvidence.objects.all()}
    assert set(pairs) == {(first.pk, copy.pk), (copy.pk, first.pk)}
    assert pairs[first.pk, copy.pk] == pdq.distance(hash_of(samples.encoded(ORIGINAL)), hash_of(COPIES["half size"]))
