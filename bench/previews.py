"""The worst case of finding 8 (issue 10): a report with ten 6,320 x 6,320 PNGs of zeros.

    .venv/bin/python -m bench.previews

Before: every page view decoded the ten originals to draw their previews (one request per
picture); `old_page_preview` below is that code, kept here only to measure it side by side.
(The outside probe saw 20 s and 4.8 GB, with the browser's parallel requests spread over
several workers, at every opening of the report.)

Now: the worker makes the two previews of each file once, one file at a time, and a page view
only opens ten small sealed JPEGs. This prints both halves: the worker's one-time cost (time,
peak memory of the process) and what a page view costs. Each measurement runs in a fresh
process, so the peak memory is its own.
"""

import io
import os
import resource
import subprocess
import sys
import time

FILES = 10
SIDE = 6320


def zeros_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def old_page_preview(data: bytes) -> bytes:
    """What the viewer did for each picture of a page before the worker made previews (for comparison)."""
    from PIL import Image, ImageFilter, ImageOps

    from sanad.evidence.previews import _flatten

    with Image.open(io.BytesIO(data)) as original:
        original.draft("RGB", (1200, 1200))
        picture = ImageOps.exif_transpose(original)
        picture.thumbnail((1200, 1200))
        picture = _flatten(picture)
    picture = picture.convert("L").filter(ImageFilter.GaussianBlur(max(4.0, max(picture.size) / 30)))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def measure(step: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanad.settings")
    from sanad.evidence import crypto, previews

    data = zeros_png()
    if step == "before":
        started = time.perf_counter()
        for _ in range(FILES):
            old_page_preview(data)
        elapsed = time.perf_counter() - started
        print(
            f"before, every page view: {FILES} previews decoded from the originals in {elapsed:.2f} s, process peak {peak_mb():.0f} MB"
        )
    elif step == "worker":
        started = time.perf_counter()
        made = []
        for _ in range(FILES):
            picture = previews.decode(data)
            made.append(previews.renditions(picture))
            del picture
        elapsed = time.perf_counter() - started
        print(
            f"worker, once per file: {FILES} files ({len(data):,} bytes each) in {elapsed:.2f} s "
            f"= {elapsed / FILES * 1000:.0f} ms a file, process peak {peak_mb():.0f} MB; "
            f"previews {len(made[0].preview):,} + {len(made[0].blurred):,} bytes"
        )
    else:
        picture = previews.decode(data)
        sealed = crypto.seal(previews.renditions(picture).blurred, context="bench")
        del picture
        baseline = peak_mb()
        started = time.perf_counter()
        for _ in range(FILES):
            crypto.unseal(sealed, context="bench")  # what the viewer does for each picture
        elapsed = time.perf_counter() - started
        print(
            f"page view: {FILES} stored previews opened in {elapsed * 1000:.1f} ms "
            f"(process peak {peak_mb():.0f} MB, unchanged from {baseline:.0f} MB after making them)"
        )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        measure(sys.argv[2])
        return
    print(f"Worst case: a report with {FILES} PNGs of {SIDE} x {SIDE} zeros.")
    for step in ("before", "worker", "page"):
        subprocess.run([sys.executable, "-m", "bench.previews", "--measure", step], check=True)


if __name__ == "__main__":
    main()
