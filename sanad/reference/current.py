"""The reference data as this process sees it: read from the database at most every
SANAD_REFERENCE_SECONDS, so a page never waits on it and a change reaches every app
process within that time. A change made in this process is seen at once (`forget`)."""

import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from sanad.reference.models import AdviceWording, Deadline, EmergencyNumber, Platform
from sanad.reference.profile import PLATFORMS


@dataclass(frozen=True)
class Snapshot:
    platforms: tuple[Platform, ...]
    deadlines: dict[tuple[str, str], timedelta]
    emergency_numbers: tuple[EmergencyNumber, ...]
    wording: dict[str, AdviceWording]


_lock = threading.Lock()
_cached: tuple[float, Snapshot] | None = None


def snapshot() -> Snapshot:
    global _cached
    cached = _cached
    if cached is not None and time.monotonic() - cached[0] < settings.SANAD_REFERENCE_SECONDS:
        return cached[1]
    with _lock:  # threaded servers: one thread reads, the others wait for its copy
        if _cached is None or time.monotonic() - _cached[0] >= settings.SANAD_REFERENCE_SECONDS:
            _cached = (time.monotonic(), _load())
        return _cached[1]


def forget() -> None:
    """Read again on next use: after a change, and between tests (their rows roll back)."""
    global _cached
    _cached = None


def _load() -> Snapshot:
    return Snapshot(
        # An empty table is never what an administrator meant: the installation profile's then.
        platforms=tuple(Platform.objects.all()) or profile_platforms(),
        deadlines={(row.kind, row.key): row.duration for row in Deadline.objects.all()},
        emergency_numbers=tuple(EmergencyNumber.objects.filter(shown=True)),
        wording={row.source: row for row in AdviceWording.objects.all()},
    )


def profile_platforms() -> tuple[Platform, ...]:
    return tuple(
        Platform(code=code, name_ar=ar, name_fr=fr, name_en=en, position=position)
        for position, (code, ar, fr, en) in enumerate(PLATFORMS, start=1)
    )
