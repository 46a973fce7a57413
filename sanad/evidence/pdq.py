"""PDQ perceptual hashes, and an index that finds every stored hash within a distance.

PDQ (Meta's open-source picture hash, computed here by `pdqhash`, bindings to the reference
C++) gives 256 bits that change little when a picture is re-encoded, resized or slightly
cropped; two hashes within about 31 differing bits are very likely the same picture. The
hexadecimal form is the reference's (bit i of the hash is bit i of a 256-bit integer), which
is how hash-sharing programmes exchange PDQ hashes.

The index is multi-index hashing (Norouzi et al.), as PDQ's own C++ tooling does: the bits
are cut into words (see WORDS below), each word has a table of the rows sorted by it, and a
query probes, in every table, its own word and the neighbours within a few bits; by the
pigeonhole principle every hash within the radius is among those candidates (no false
negative), and the exact distance is then computed on them only. Look-ups are batched and
vectorised with numpy. FAISS's IndexBinaryMultiHash was measured first: 528-752 look-ups/s at one
million hashes on this machine, against several thousand here (bench/pdq.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pdqhash
from PIL import Image

BITS = 256
# 11 words of 23 bits (253 of the 256 bits; the last 3 still count in the exact distance). If two
# hashes differ in at most 31 bits, one of the 11 words differs in at most 2 (11 words with 3 or
# more would make 33): probing each word's table with its 1 + 23 + 253 neighbours within 2 bits
# finds them all. 2^23 buckets a table keep about one hash a bucket at ten million hashes.
WORDS = 11
WIDTH = 23
FLIPS = 2
MAX_RADIUS = WORDS * (FLIPS + 1) - 1
# Below this many hashes, comparing with every one is faster than building the tables
# (11 x 8 M bucket offsets take seconds to build whatever the number of hashes).
MIN_FOR_TABLES = 100_000
# PDQ hashes pictures of at most this size; larger ones are reduced first (as its reference tools do).
HASH_SIDE = 512


@dataclass(frozen=True)
class Hash:
    hex: str
    quality: int


def of_picture(picture: Image.Image) -> Hash:
    """The PDQ hash of a picture already decoded (and reduced: see previews.py)."""
    small = picture.convert("RGB")
    if max(small.size) > HASH_SIDE:
        small = small.copy()
        small.thumbnail((HASH_SIDE, HASH_SIDE))
    bits, quality = pdqhash.compute(np.asarray(small))
    return Hash(hex=to_hex(bits), quality=int(quality))


def to_hex(bits: np.ndarray) -> str:
    value = 0
    for position in np.flatnonzero(bits):
        value |= 1 << int(position)
    return f"{value:064x}"


def to_bytes(hexes: Iterable[str]) -> np.ndarray:
    """(n, 32) uint8 rows, byte k holding bits 8k..8k+7 (little-endian order of the 256-bit integer)."""
    rows = [int(text, 16).to_bytes(32, "little") for text in hexes]
    return np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(rows), 32)


def is_pdq(text: str) -> bool:
    return len(text) == 64 and all(char in "0123456789abcdef" for char in text)


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


class PdqIndex:
    """Every hash within `radius` of a query, exactly (see the module's docstring)."""

    def __init__(self, codes: np.ndarray, ids: np.ndarray, *, tables: bool | None = None) -> None:
        self.codes = np.ascontiguousarray(codes, dtype=np.uint8).reshape(-1, 32)
        self.ids = np.asarray(ids, dtype=np.int64)
        size = len(self.ids)
        self.wide = self.codes.view(np.uint64)  # four 64-bit words a hash, for the exact distance
        self.tables = size >= MIN_FOR_TABLES if tables is None else tables
        if not self.tables:
            return
        buckets = 1 << WIDTH
        # One array for every table: table t's rows, sorted by their word t, at [t*n, (t+1)*n).
        self.rows = np.empty(WORDS * size, dtype=np.uint32)
        # Where each (table, word value) bucket starts in `rows`; one more entry closes the last.
        self.starts: np.ndarray = np.empty(WORDS * buckets + 1, dtype=np.int64 if WORDS * size >= 2**32 else np.uint32)
        for table in range(WORDS):
            column = _word(self.wide, table)
            self.rows[table * size : (table + 1) * size] = np.argsort(column, kind="stable")
            counts = np.bincount(column, minlength=buckets)
            self.starts[table * buckets] = table * size
            np.cumsum(counts[:-1], out=self.starts[table * buckets + 1 : (table + 1) * buckets])
            self.starts[table * buckets + 1 : (table + 1) * buckets] += table * size
        self.starts[-1] = WORDS * size
        self.flips = _neighbour_masks()
        self.table_base = (np.arange(WORDS, dtype=np.int64) * buckets)[:, None]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        tables = self.rows.nbytes + self.starts.nbytes if self.tables else 0
        return self.codes.nbytes + self.ids.nbytes + tables

    def search(self, queries: np.ndarray, radius: int, *, batch: int = 64) -> list[list[tuple[int, int]]]:
        """For each query row: (id, distance) of every stored hash within `radius`, nearest first."""
        if radius > MAX_RADIUS:
            raise ValueError(f"this index finds hashes within {MAX_RADIUS} bits at most")
        queries = np.ascontiguousarray(queries, dtype=np.uint8).reshape(-1, 32)
        if not self.tables:
            return [brute_force(self.codes, self.ids, query, radius) for query in queries]
        found: list[list[tuple[int, int]]] = []
        for first in range(0, len(queries), batch):
            found.extend(self._batch(queries[first : first + batch], radius))
        return found

    def _batch(self, queries: np.ndarray, radius: int) -> list[list[tuple[int, int]]]:
        count = len(queries)
        if not len(self.ids):
            return [[] for _ in range(count)]
        # Buckets to read: (query, table, neighbour) -> [start, end) in self.rows.
        wide = queries.view(np.uint64)
        words = np.stack([_word(wide, table) for table in range(WORDS)], axis=1)  # (q, words)
        keys = words[:, :, None] ^ self.flips  # (q, words, neighbours)
        buckets = (keys + self.table_base).reshape(count, -1)
        starts, ends = self.starts[buckets].astype(np.int64), self.starts[buckets + 1].astype(np.int64)
        lengths = (ends - starts).ravel()
        total = int(lengths.sum())
        if not total:
            return [[] for _ in range(count)]
        # Every candidate position in one vector, without a Python loop over buckets.
        before = np.cumsum(lengths) - lengths
        positions = np.repeat(starts.ravel() - before, lengths) + np.arange(total)
        rows = self.rows[positions].astype(np.int64)
        owner = np.repeat(np.repeat(np.arange(count), keys.shape[1] * keys.shape[2]), lengths)
        differing = np.bitwise_count(self.wide[rows] ^ queries.view(np.uint64)[owner]).sum(axis=1)
        close = differing <= radius
        owner, rows, differing = owner[close], rows[close], differing[close]
        results: list[list[tuple[int, int]]] = [[] for _ in range(count)]
        # A hash found through several tables is a candidate several times: kept once.
        for query, bits, row in sorted(set(zip(owner.tolist(), differing.tolist(), rows.tolist(), strict=True))):
            results[query].append((int(self.ids[row]), int(bits)))
        return results


def _word(wide: np.ndarray, table: int) -> np.ndarray:
    """Bits [WIDTH*table, WIDTH*(table+1)) of each 256-bit row, given as four little-endian uint64."""
    low = table * WIDTH
    part, shift = divmod(low, 64)
    value = wide[:, part] >> np.uint64(shift)
    if shift + WIDTH > 64:
        value |= wide[:, part + 1] << np.uint64(64 - shift)
    return (value & np.uint64((1 << WIDTH) - 1)).astype(np.int64)


def _neighbour_masks() -> np.ndarray:
    """XOR masks of every word within FLIPS bits of another: 0, then one bit, then two..."""
    masks = [0]
    for first in range(WIDTH):
        masks.append(1 << first)
    if FLIPS >= 2:
        masks += [(1 << first) | (1 << second) for first in range(WIDTH) for second in range(first + 1, WIDTH)]
    return np.array(masks, dtype=np.int64)


def brute_force(codes: np.ndarray, ids: np.ndarray, query: np.ndarray, radius: int) -> list[tuple[int, int]]:
    """Every stored hash compared with the query: the reference answer, and the search of small indexes."""
    differing = np.bitwise_count(codes.view(np.uint64) ^ query.reshape(32).view(np.uint64)).sum(axis=1)
    rows = np.flatnonzero(differing <= radius)
    return sorted(((int(ids[row]), int(differing[row])) for row in rows), key=lambda item: (item[1], item[0]))
