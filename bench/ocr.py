"""Screenshots read per second by the worker's OCR (tesseract, Arabic + French + English at once).

    .venv/bin/python -m bench.ocr [--count 40]

Typical phone screenshots of chats (1080 x 1920, eight to ten bubbles, Arabic and French or
English mixed), generated here. Each is decoded and read exactly as the worker does
(previews.decode, then ocr.read_text): one tesseract process a page, one thread each, so a
worker machine reads as many pages at once as it has cores. Printed for one page at a time
and for two at a time (this machine's two cores); goal: at least 2 screenshots a second. The
machine is shared: the CPU time used (tesseract's included) gives the rate on two free cores.
"""

import argparse
import os
import resource
import time
from concurrent.futures import ThreadPoolExecutor

MESSAGES = [
    ["Salut tu es où ?", "واش نتا فين دابا", "Envoie la photo sinon", "غادي نفضحك قدام الناس", "je vais tout publier"],
    ["Where are you", "ماتقولش لحتى واحد", "Send it now or else", "عطيني الكود ديالك", "ok", "vite"],
    ["T'as vu le groupe ?", "كلشي كيضحك عليك", "Ils ont partagé ta photo", "شكون اللي صيفطها", "je sais pas"],
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40)
    count = parser.parse_args().count
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanad.settings")
    import django

    django.setup()
    from sanad.evidence import ocr, previews
    from sanad.evidence.tests.samples import chat_screenshot

    shots = [chat_screenshot(MESSAGES[n % len(MESSAGES)] * 2) for n in range(count)]

    def read(data: bytes) -> int:
        return len(ocr.read_text(previews.decode(data)).split())

    for workers in (1, 2):
        started, cpu_started = time.perf_counter(), _cpu()
        with ThreadPoolExecutor(workers) as pool:
            words = sum(pool.map(read, shots))
        elapsed, cpu = time.perf_counter() - started, _cpu() - cpu_started
        print(
            f"{workers} at a time: {count} screenshots in {elapsed:.1f} s = {count / elapsed:.2f} screenshots/s "
            f"({words / count:.0f} words read per screenshot); {cpu / count * 1000:.0f} ms of CPU each "
            f"(tesseract included) = {2 * count / cpu:.2f} screenshots/s on two free cores"
        )


def _cpu() -> float:
    """CPU seconds of this process and of the tesseract processes it waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
