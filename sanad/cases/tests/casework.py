"""Test helpers for triage and case handling: files, cases, and reading references off a page."""

import io
import re

from PIL import Image

from sanad.accounts.models import User
from sanad.cases import actions, deadlines
from sanad.cases.models import Case
from sanad.evidence.actions import capture_file
from sanad.evidence.models import Evidence
from sanad.evidence.tasks import verify_evidence
from sanad.intake.models import Report

REFERENCE = re.compile(r"\b(?:SN|C)-[0-9A-Z]{8}\b")


def noisy_png(width: int = 240, height: int = 180, seed: int = 0) -> bytes:
    """A synthetic picture full of detail (so that blurring it shows), never of anyone."""
    picture = Image.effect_noise((width, height), 90 + seed).convert("RGB")
    picture.putpixel((seed % width, 0), (seed % 256, 0, 0))  # different files have different hashes
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def attach(report: Report, data: bytes, name: str = "capture.png") -> Evidence:
    """A file the reporter added, once the worker has verified and analysed it (as after commit)."""
    evidence = capture_file(data, name=name, actor="reporter")
    report.evidence.add(evidence)
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    return evidence


def case_for(report: Report, analyst: User, **options: object) -> Case:
    return actions.open_case(report, by=analyst, **options)  # type: ignore[arg-type]


def not_acted_on(case: Case) -> Case:
    """As a case a school escalated, or reopened by a reporter: nobody of the centre has acted on it
    yet, so its first-action clock runs (cases/deadlines.py)."""
    case.first_action_at = None
    case.save(update_fields=["first_action_at", *deadlines.refresh(case)])
    return case


def references_in_table(page: str) -> list[str]:
    """The references of the queue's rows, in the order shown."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return list(dict.fromkeys(REFERENCE.findall(body)))
