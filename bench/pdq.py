"""PDQ look-ups against a large hash list: look-ups per second, recall against brute force, memory.

    .venv/bin/python bench/pdq.py                 # 10,000,000 hashes (about 3 GB of memory at peak)
    .venv/bin/python bench/pdq.py --size 1000000

Two populations, because real PDQ hashes are not uniform (their buckets are uneven, which is
what slows multi-index hashing down):
- uniform random hashes;
- hashes of generated pictures: 2,000 synthetic scenes are hashed for real (pdqhash), and the
  rest of the list is made of them with about 60 random bits flipped each, so the list holds
  clusters of similar hashes, as a list of real pictures and their variants does.

Queries are copies of listed hashes with 0-31 bits flipped (each must be found) and fresh
random hashes (most find nothing). Look-ups run in batches on two threads (this machine's two
cores). Recall is checked against brute force on a sample of queries. The machine is shared:
besides the wall-clock rate, the CPU time the look-ups used gives the rate on two free cores.
"""

import argparse
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sanad.evidence import pdq

RADIUS = 31


def flip(codes: np.ndarray, rng: np.random.Generator, low: int, high: int) -> np.ndarray:
    bits = np.unpackbits(codes, axis=1, bitorder="little")
    for row in bits:
        row[rng.choice(256, rng.integers(low, high + 1), replace=False)] ^= 1
    return np.packbits(bits, axis=1, bitorder="little")


def generated_seeds(count: int) -> np.ndarray:
    from sanad.evidence.tests.samples import scene

    return pdq.to_bytes(pdq.of_picture(scene(seed, (256, 192))).hex for seed in range(count))


def population(kind: str, size: int, rng: np.random.Generator) -> np.ndarray:
    if kind == "uniform":
        return rng.integers(0, 256, size=(size, 32), dtype=np.uint8)
    seeds = generated_seeds(2000)
    codes = np.empty((size, 32), dtype=np.uint8)
    codes[: len(seeds)] = seeds
    chunk = 200_000
    for start in range(len(seeds), size, chunk):
        end = min(size, start + chunk)
        parents = seeds[rng.integers(0, len(seeds), end - start)]
        codes[start:end] = flip_many(parents, rng, 60 / 256)  # about 60 bits: a variant, not a copy
    return codes


def flip_many(codes: np.ndarray, rng: np.random.Generator, share: float) -> np.ndarray:
    """Each bit of each row flipped with probability `share` (vectorised, for millions of rows)."""
    mask = np.packbits(rng.random((len(codes), 256), dtype=np.float32) < share, axis=1, bitorder="little")
    return codes ^ mask


def run(kind: str, size: int, queries: int, sample: int) -> None:
    rng = np.random.default_rng(2026)
    codes = population(kind, size, rng)
    ids = np.arange(size, dtype=np.int64)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    index = pdq.PdqIndex(codes, ids)
    built = time.perf_counter() - started
    near = flip(codes[rng.integers(0, size, queries // 2)], rng, 0, RADIUS)
    far = rng.integers(0, 256, size=(queries - len(near), 32), dtype=np.uint8)
    batch = np.concatenate([near, far])
    rng.shuffle(batch)
    parts = np.array_split(batch, 64)
    started, cpu_started = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(2) as pool:
        found = [row for part in pool.map(lambda part: index.search(part, RADIUS), parts) for row in part]
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    checked = rng.choice(len(batch), sample, replace=False)
    expected = [pdq.brute_force(codes, ids, batch[i], RADIUS) for i in checked]
    hits = sum(len(expected[n]) for n in range(sample))
    recalled = sum(len(set(expected[n]) & set(found[i])) for n, i in enumerate(checked))
    print(  # one line per population
        f"{kind:>9}: {size:,} hashes, index {index.nbytes / 2**20:,.0f} MiB "
        f"(process peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB, "
        f"{before / 1024:,.0f} before the index), built in {built:.1f} s; "
        f"{queries:,} look-ups in {elapsed:.2f} s = {queries / elapsed:,.0f} look-ups/s (2 threads), "
        f"{queries / cpu:,.0f} per CPU-second ({2 * queries / cpu:,.0f}/s on two free cores); "
        f"recall {recalled}/{hits} = {recalled / max(hits, 1):.3f} on {sample} queries checked by brute force; "
        f"{sum(1 for row in found if row)} queries found something"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--population", choices=["uniform", "generated", "both"], default="both")
    options = parser.parse_args()
    for kind in ["uniform", "generated"] if options.population == "both" else [options.population]:
        run(kind, options.size, options.queries, options.sample)


if __name__ == "__main__":
    main()
