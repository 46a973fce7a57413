"""Practice on copies of the real screens: a trainee's answer is an `Attempt`, never a Report,
Case, Referral or ProtocolRun; nothing here sends mail, notifies anyone or writes the audit log
(practice is not a reading of personal data: there is none).

What a page shows is built from the case study's content in the shapes the real partials read:
the referral preview is `cases.redaction.render()` of a snapshot made from the trainee's
redaction choices, rendered by the real `cases/_package.html`.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User
from sanad.cases import redaction
from sanad.cases.models import ReferralTarget
from sanad.intake.models import AgeBand, ReporterRole
from sanad.lib.categories import Category
from sanad.lib.errors import SanadError
from sanad.reference import platforms
from sanad.schools.protocol import reference_definition
from sanad.training import courses, library, scoring
from sanad.training.models import Attempt, CaseStudyVersion, Enrolment, in_language
from sanad.triage.danger import DANGERS

# The order of the practice screens, as on the real back-office.
STAGES = ("triage", "referral", "protocol")

REDACTION_LABELS = {
    "reporter_text": _("What the reporter wrote"),
    "child_details": _("The young person's details (age, gender, who reported)"),
    "identifiers": _("Identifiers and links"),
    "files": _("Evidence files"),
    "contact": _("The reporter's contact (consented)"),
}
PART_LABELS = {
    "danger_signals": _("Danger signals"),
    "urgency": _("Urgency"),
    "categories": _("Categories"),
    "referral": _("Referral"),
    "redaction": _("What the recipient receives"),
    "protocol_level": _("Protocol level"),
    "protocol_steps": _("Protocol steps"),
}
# Which reason of the reference answer explains which part.
REASON_OF_PART = {
    "danger_signals": "harm",
    "urgency": "harm",
    "categories": "harm",
    "referral": "referral",
    "redaction": "referral",
    "protocol_level": "protocol",
    "protocol_steps": "protocol",
}


class PracticeError(SanadError):
    code = "practice"


class AttemptFinished(PracticeError):
    code = "attempt_finished"
    message = _("This exercise is already finished: start it again to try another answer.")


def stages_of(version: CaseStudyVersion) -> list[str]:
    return list(STAGES) if version.answer.get("protocol_level") is not None else list(STAGES[:2])


def start_attempt(
    trainee: User, version: CaseStudyVersion, *, enrolment: Enrolment | None = None, item: Any = None
) -> Attempt:
    return Attempt.objects.create(trainee=trainee, version=version, enrolment=enrolment, item=item)


def _open(attempt: Attempt) -> None:
    if attempt.finished:
        raise AttemptFinished()


@transaction.atomic
def save_stage(attempt: Attempt, stage: str, values: dict[str, Any]) -> str | None:
    """Keep one screen's answer; returns the next stage, or None when the exercise is scored."""
    _open(attempt)
    attempt.answer = {**attempt.answer, **values, f"{stage}_done": True}
    stages = stages_of(attempt.studied)
    following = stages[stages.index(stage) + 1 :]
    if following:
        attempt.save(update_fields=["answer"])
        return following[0]
    finish_study(attempt)
    return None


def finish_study(attempt: Attempt) -> None:
    parts = scoring.score_study(attempt.studied.answer, attempt.answer, redaction_items=library.REDACTION_ITEMS)
    attempt.parts = [part.as_data() for part in parts]
    attempt.score = scoring.total(parts)
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["answer", "parts", "score", "finished_at"])
    if attempt.enrolment_id:
        courses.item_finished(attempt)


# --- What the practice screens show ---------------------------------------------------------


@dataclass
class PracticeReport:
    """The shape of cases.reading's report as the practice pages read it."""

    reference: str
    submitted_at: Any
    language: str


def reading(version: CaseStudyVersion, started_at: Any) -> dict[str, Any]:
    content = version.content
    roles = dict(ReporterRole.choices)
    ages = dict(AgeBand.choices)
    return {
        "report": PracticeReport(version.reference, started_at, content.get("language", "")),
        "title": version.title,
        "text": content.get("report", ""),
        "context": in_language(content.get("context")),
        "platforms": [platforms.label(code) for code in content.get("platforms", [])],
        "facts": [
            (_("Reported by"), roles.get(content.get("reporter_role", ""), "—")),
            (_("Age band"), ages.get(content.get("age_band", ""), "—")),
        ],
        "identifiers": [
            (item["kind"], platforms.label(item["platform"]) if item.get("platform") else "", item["value"])
            for item in content.get("identifiers", [])
        ],
        "files": [
            {"name": item["name"], "kind": item["kind"], "description": in_language(item.get("description"))}
            for item in content.get("files", [])
        ],
    }


def placeholder_sha256(version: CaseStudyVersion, name: str) -> str:
    """A stable stand-in for a file's hash: the placeholder has no bytes of its own."""
    return hashlib.sha256(f"sanad-training:{version.study_id}:{name}".encode()).hexdigest()


def package(version: CaseStudyVersion, *, target: str, shared: list[str], brief: str = "") -> redaction.Package:
    """What this recipient would receive with these choices, through the real renderer."""
    content = version.content
    facts: list[list[Any]] = []
    if "child_details" in shared:
        facts += [["age_band", content.get("age_band", "")], ["reporter_role", content.get("reporter_role", "")]]
    if "contact" in shared:
        facts.append(["contact", "06 00 00 00 00 (exemple)"])
    text = content.get("report", "") if "reporter_text" in shared else ""
    snapshot = {
        "target": target,
        "profile": redaction.PROFILE_FOR_TARGET.get(target, redaction.Profile.FULL),
        "case_reference": version.reference,
        "categories": [],
        "brief": brief,
        "legal_ground": "",
        "reports": [{"reference": version.reference, "facts": facts, "text": text}] if facts or text else [],
        "identifiers": [
            {"kind": item["kind"], "platform": item.get("platform", ""), "value": item["value"]}
            for item in content.get("identifiers", [])
        ]
        if "identifiers" in shared
        else [],
        "files": [
            {
                "evidence": "",
                "name": item["name"],
                "sha256": placeholder_sha256(version, item["name"]),
                "size": 0,
                "content_type": "image/png" if item["kind"] == "image" else "application/octet-stream",
            }
            for item in content.get("files", [])
        ]
        if "files" in shared
        else [],
        "school": None,
    }
    return redaction.render(snapshot)


def protocol_steps() -> list[tuple[str, str]]:
    """The reference protocol's steps (code, title in the reader's language)."""
    return [(step["code"], in_language(step["title"])) for step in reference_definition()["steps"]]


@dataclass
class FeedbackLine:
    name: str
    label: str
    percent: int
    right: bool
    missed: list[str]
    extra: list[str]
    expected: str
    given: str


def _labels(name: str) -> dict[str, str]:
    if name == "danger_signals":
        return {code: str(danger.label) for code, danger in DANGERS.items()}
    if name == "categories":
        return {code: str(label) for code, label in Category.choices}
    if name == "referral":
        return {"": str(_("no referral"))} | {code: str(label) for code, label in ReferralTarget.choices}
    if name == "redaction":
        return {code: str(label) for code, label in REDACTION_LABELS.items()}
    if name == "protocol_steps":
        return dict(protocol_steps())
    return {}


def _shown(value: Any, labels: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def feedback(attempt: Attempt) -> dict[str, Any]:
    """The scored parts with labels, missed danger signals first, and the reasons to read."""
    lines = []
    for part in attempt.parts:
        labels = _labels(part["name"])
        lines.append(
            FeedbackLine(
                name=part["name"],
                label=str(PART_LABELS.get(part["name"], part["name"])),
                percent=round(part["score"] * 100),
                right=part["score"] >= 0.999,
                missed=[labels.get(code, code) for code in part["missed"]],
                extra=[labels.get(code, code) for code in part["extra"]],
                expected=_shown(part["expected"], labels),
                given=_shown(part["given"], labels),
            )
        )
    answer = attempt.studied.answer
    reasons = answer.get("reasons", {})
    missed_dangers = next((line.missed for line in lines if line.name == "danger_signals"), [])
    return {
        "missed_dangers": missed_dangers,
        "lines": lines,
        "reasons": [
            (str(PART_LABELS[name]) if name in PART_LABELS else "", in_language(reasons[key]))
            for name, key in (("urgency", "harm"), ("referral", "referral"), ("protocol_level", "protocol"))
            if key in reasons
        ],
        "reason_of": {line.name: REASON_OF_PART.get(line.name) for line in lines},
        "tell_child": in_language(answer.get("tell_child")),
        "tell_parents": in_language(answer.get("tell_parents")),
        "percent": attempt.percent,
    }


def shown_answer(value: Any, options: dict[str, dict[str, str]]) -> str:
    """A question's answer in words: one option, several, an order, or pairs."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, dict):
        return "; ".join(
            f"{in_language(options.get(key, {'fr': key}))} → {in_language(options.get(str(target), {'fr': str(target)}))}"
            for key, target in value.items()
        )
    if isinstance(value, list):
        return " · ".join(in_language(options.get(str(key), {"fr": str(key)})) for key in value)
    return in_language(options.get(str(value), {"fr": str(value)}))
