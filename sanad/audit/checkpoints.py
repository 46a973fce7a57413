"""Signed checkpoints of the chain's head, written outside the database.

A checkpoint says "event #N had hash H" and is signed with the audit key's Ed25519 half. It
is appended to every sink the operator configured (SANAD_AUDIT_CHECKPOINTS): an append-only
file, a syslog line, an e-mail to the oversight address. `verify_audit` reads the file
sinks (or a copy given with --checkpoints) and checks that the database still holds every
checkpointed event with the same hash: a chain cut short, wiped, or recomputed from an
earlier event is then caught even by someone holding the key.

After a restore from backup the events since the backup are gone for good; the operator
says so once (`audit_checkpoint --after-restore REASON`), which writes a signed "restore"
record: checkpoints written before it beyond the restored head no longer count.
"""

import base64
import json
import logging
import logging.handlers
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from sanad.audit import keys

CHECKPOINT = "checkpoint"
RESTORE = "restore"
logger = logging.getLogger("sanad.audit.checkpoints")


@dataclass(frozen=True)
class Checkpoint:
    kind: str  # CHECKPOINT or RESTORE
    seq: int
    hash: str
    at: datetime
    reason: str = ""
    signature_valid: bool = True
    source: str = ""

    def payload(self) -> bytes:
        return _canonical(self.kind, self.seq, self.hash, self.at.isoformat(), self.reason)


def _canonical(kind: str, seq: int, link: str, at: str, reason: str) -> bytes:
    fields = {"kind": kind, "seq": seq, "hash": link, "at": at, "reason": reason}
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def line_for(kind: str, seq: int, link: str, *, at: datetime, reason: str = "") -> str:
    """The signed record as one line of JSON."""
    signature = keys.signing_key().sign(_canonical(kind, seq, link, at.isoformat(), reason))
    record = {
        "kind": kind,
        "seq": seq,
        "hash": link,
        "at": at.isoformat(),
        "reason": reason,
        "key": keys.public_key_text(),
        "sig": base64.urlsafe_b64encode(signature).decode().rstrip("="),
    }
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def file_sinks() -> list[Path]:
    return [Path(sink.removeprefix("file:")) for sink in settings.SANAD_AUDIT_CHECKPOINTS if sink.startswith("file:")]


def write(kind: str, seq: int, link: str, *, reason: str = "") -> str:
    """Append a signed record to every configured sink; the line written."""
    line = line_for(kind, seq, link, at=timezone.now(), reason=reason)
    for sink in settings.SANAD_AUDIT_CHECKPOINTS:
        if sink.startswith("file:"):
            _append(Path(sink.removeprefix("file:")), line)
        elif sink == "syslog" or sink.startswith("syslog:"):
            _syslog(sink.partition(":")[2] or "/dev/log", line)
        elif sink.startswith("email:"):
            send_mail(
                subject=f"[Sanad] audit checkpoint #{seq}",
                message=f"{line}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[sink.removeprefix("email:")],
            )
    return line


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: every writer adds at the end, never over what is there (the file may be chattr +a).
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, (line + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _syslog(address: str, line: str) -> None:
    handler = logging.handlers.SysLogHandler(address=address)
    try:
        handler.emit(logging.makeLogRecord({"msg": f"sanad-audit {line}", "levelno": logging.INFO}))
    finally:
        handler.close()


def parse(line: str, *, source: str = "") -> Checkpoint | None:
    """A record read back, its signature checked against the key it names and ours; None for other lines."""
    try:
        record = json.loads(line)
        kind, seq, link, at = record["kind"], record["seq"], record["hash"], record["at"]
        reason, signature = record.get("reason", ""), record["sig"]
        if kind not in {CHECKPOINT, RESTORE} or not isinstance(seq, int) or not isinstance(link, str):
            return None
        when = datetime.fromisoformat(at)
    except (ValueError, KeyError, TypeError):
        return None
    valid = record.get("key") == keys.public_key_text()
    if valid:
        try:
            raw = base64.urlsafe_b64decode(signature.encode() + b"=" * (-len(signature) % 4))
            keys.public_key().verify(raw, _canonical(kind, seq, link, at, reason))
        except (InvalidSignature, ValueError):
            valid = False
    return Checkpoint(kind, seq, link, when, reason, signature_valid=valid, source=source)


def read(paths: list[Path] | None = None) -> list[Checkpoint]:
    """Every record of the given files (by default the file sinks), in the order written."""
    found: list[Checkpoint] = []
    for path in paths if paths is not None else file_sinks():
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            # A syslog copy prefixes each line: the record starts at its first "{".
            start = line.find("{")
            checkpoint = parse(line[start:], source=str(path)) if start >= 0 else None
            if checkpoint is not None:
                found.append(checkpoint)
    return found


def in_force(records: list[Checkpoint]) -> list[Checkpoint]:
    """The checkpoints that still count: a restore record retires earlier ones beyond its head."""
    kept: list[Checkpoint] = []
    for record in records:
        if record.kind == RESTORE and record.signature_valid:
            kept = [item for item in kept if item.seq <= record.seq]
        kept.append(record)
    return kept
