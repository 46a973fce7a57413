"""Known-content hash lists: read from CSV or from a hash-sharing programme's file, versioned, withdrawn.

The structure follows open-source hasher-matcher-actioners (Meta's HMA): a list is a *bank*
of content from one source; each entry is a *signal* of a *signal type* (md5, sha1, sha256,
pdq, named as those programmes name them). Two file formats:

- CSV with a header: `signal_type,value` and optionally `category` (per entry);
- ThreatExchange's signal file (what HMA's file exchange reads): one `signal_type value`
  per line, `#` comments allowed.

Importing a list again makes a new version: new entries are added in it, and, unless the
import only adds, entries missing from the file are removed in it. Matches keep the version
they were made with.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.evidence import matching
from sanad.evidence.models import Evidence, HashList, HashListEntry, KnownMatch, SignalType

# What programmes call each signal type -> ours. HMA's video MD5 is an MD5 of the whole file too.
SIGNAL_NAMES = {
    "md5": SignalType.MD5,
    "photo_md5": SignalType.MD5,
    "video_md5": SignalType.MD5,
    "sha1": SignalType.SHA1,
    "sha-1": SignalType.SHA1,
    "sha256": SignalType.SHA256,
    "sha-256": SignalType.SHA256,
    "pdq": SignalType.PDQ,
}
HEX_LENGTH = {SignalType.MD5: 32, SignalType.SHA1: 40, SignalType.SHA256: 64, SignalType.PDQ: 64}
FORMATS = ("csv", "threatexchange")


class BadHashListFile(ValueError):
    """A line of the file is not a hash we can use; says which line and why."""


@dataclass(frozen=True)
class Signal:
    signal_type: str
    value: str
    category: str = ""


def parse(text: str, file_format: str) -> list[Signal]:
    if file_format == "csv":
        return _parse_csv(text)
    if file_format == "threatexchange":
        return _parse_signal_file(text)
    raise BadHashListFile(f"unknown format {file_format!r}: use one of {', '.join(FORMATS)}")


def _parse_csv(text: str) -> list[Signal]:
    reader = csv.DictReader(io.StringIO(text))
    columns = {name.strip().lower() for name in reader.fieldnames or []}
    if not {"signal_type", "value"} <= columns:
        raise BadHashListFile("line 1: the header must name the columns signal_type and value")
    signals = []
    for number, row in enumerate(reader, start=2):
        row = {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}
        if any(row.values()):
            signals.append(_signal(number, row["signal_type"], row["value"], row.get("category", "")))
    return signals


def _parse_signal_file(text: str) -> list[Signal]:
    signals = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            signal_type, _sep, value = line.partition(" ")
            signals.append(_signal(number, signal_type, value.strip(), ""))
    return signals


def _signal(number: int, name: str, value: str, category: str) -> Signal:
    signal_type = SIGNAL_NAMES.get(name.strip().lower())
    if signal_type is None:
        raise BadHashListFile(f"line {number}: unknown signal type {name[:20]!r}")
    value = value.lower()
    if len(value) != HEX_LENGTH[signal_type] or value.strip("0123456789abcdef"):
        raise BadHashListFile(f"line {number}: not a {signal_type} hash ({HEX_LENGTH[signal_type]} hex digits)")
    return Signal(signal_type, value, category[:100])


@transaction.atomic
def import_list(
    name: str,
    signals: list[Signal],
    *,
    source: str,
    category: str,
    listed_on: date,
    only_add: bool = False,
    by: User | None = None,
) -> HashList:
    """A new version of the list (created if new); files are matched against it at once."""
    # Lock the list: two imports of one list make two versions one after the other.
    hash_list = HashList.objects.select_for_update().filter(name=name).first()
    if hash_list is None:
        hash_list = HashList.objects.create(name=name, source=source, category=category, listed_on=listed_on)
    hash_list.version += 1
    version = hash_list.version
    hash_list.source, hash_list.category, hash_list.listed_on, hash_list.withdrawn_at = (
        source,
        category,
        listed_on,
        None,
    )
    hash_list.save()

    wanted = {(signal.signal_type, signal.value): signal for signal in signals}
    existing = {(entry.signal_type, entry.value): entry for entry in hash_list.entries.all()}
    # In force in this version and not in the last: new entries, and entries removed once and back.
    added = sum(1 for key in wanted if key not in existing or existing[key].removed_in is not None)
    back = [entry for key, entry in existing.items() if key in wanted and entry.removed_in is not None]
    for entry in back:
        entry.removed_in, entry.added_in = None, version
    HashListEntry.objects.bulk_update(back, ["removed_in", "added_in"])
    HashListEntry.objects.bulk_create(
        [
            HashListEntry(
                hash_list=hash_list,
                signal_type=signal.signal_type,
                value=signal.value,
                category=signal.category,
                added_in=version,
            )
            for key, signal in wanted.items()
            if key not in existing
        ],
        batch_size=5000,
    )
    removed = 0
    if not only_add:
        gone = [entry.pk for key, entry in existing.items() if key not in wanted and entry.removed_in is None]
        removed = HashListEntry.objects.filter(pk__in=gone).update(removed_in=version)
    record(
        by,
        "hash_list.imported",
        object_type="hash_list",
        object_id=hash_list.pk,
        version=version,
        added=added,
        removed=removed,
    )
    rematch_all()
    return hash_list


@transaction.atomic
def withdraw_list(name: str, *, by: User | None = None) -> HashList:
    """The list stops matching; files it alone made known are no longer hidden."""
    hash_list = HashList.objects.select_for_update().get(name=name)
    hash_list.withdrawn_at = timezone.now()
    hash_list.save(update_fields=["withdrawn_at", "updated_at"])
    record(by, "hash_list.withdrawn", object_type="hash_list", object_id=hash_list.pk, version=hash_list.version)
    matching.refresh_known(list(KnownMatch.objects.filter(hash_list=hash_list).values_list("evidence", flat=True)))
    return hash_list


def rematch_all() -> None:
    """Every analysed file against the lists as they are now (after an import)."""
    for evidence in Evidence.objects.filter(analysis=Evidence.Analysis.DONE).iterator(chunk_size=500):
        matching.match_lists(evidence)
    matching.refresh_known(list(KnownMatch.objects.values_list("evidence", flat=True).distinct()))
