"""The school protocol as data: a versioned list of steps, each with its deadline, what it
records and whether it may be marked "not applicable".

The reference version (DOMAIN.md) ships as `reference_protocol.json` and is installed as
version 1 the first time it is needed. An administrator edits the protocol by publishing
a new version; a case keeps the version it started with.

What a step records is named from a fixed vocabulary, because the platform acts on some
records: the step recording `level` is the severity assessment (level 3 escalates), the
step recording `outcome` closes the case, the one recording `takedown` asks the national
centre to have content removed. `validate()` refuses a definition the platform could not
run.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sanad.lib.errors import SanadError

REFERENCE_FILE = Path(__file__).with_name("reference_protocol.json")
LANGUAGES = ("ar", "fr", "en")

# What a step can record; the platform knows how to ask for and show each.
RECORDS = {
    "note": _("a note"),
    "attachments": _("attached files"),
    "safety": _("the safety check of the interview"),
    "level": _("the severity level"),
    "parents": _("which parents were informed, when, how and their response"),
    "approach": _("the educational or disciplinary approach"),
    "takedown": _("the request to remove content"),
    "outcome": _("the outcome and a short review"),
}
# Records held by exactly one step, because the platform acts on them.
SINGLE = ("level", "outcome", "takedown", "parents", "approach", "safety")
REQUIRED = ("level", "outcome")
FROM_OPENING = "opening"
FROM_ASSESSMENT = "assessment"


class InvalidProtocol(SanadError):
    code = "invalid_protocol"
    status = 400
    message = _("This protocol cannot be used.")

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems


@dataclass(frozen=True)
class Step:
    code: str
    title: dict[str, str]
    guidance: dict[str, str]
    deadline_hours: int | None
    deadline_from: str
    records: tuple[str, ...]
    not_applicable: bool

    @property
    def name(self) -> str:
        return _in_language(self.title)

    @property
    def advice(self) -> str:
        return _in_language(self.guidance)

    def due_at(self, *, opened_at: datetime, assessed_at: datetime | None) -> datetime | None:
        """None: no deadline, or one that starts from an assessment not made yet."""
        if self.deadline_hours is None:
            return None
        start = opened_at if self.deadline_from == FROM_OPENING else assessed_at
        return None if start is None else start + timedelta(hours=self.deadline_hours)

    def as_data(self) -> dict[str, object]:
        return {
            "code": self.code,
            "title": dict(self.title),
            "guidance": dict(self.guidance),
            "deadline_hours": self.deadline_hours,
            "deadline_from": self.deadline_from,
            "records": list(self.records),
            "not_applicable": self.not_applicable,
        }


def _in_language(texts: dict[str, str]) -> str:
    language = (get_language() or "en")[:2]
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def reference_definition() -> dict[str, Any]:
    return json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


def steps_of(definition: dict[str, Any]) -> list[Step]:
    """The steps of a definition already validated (as every stored version is)."""
    return [
        Step(
            code=item["code"],
            title=item["title"],
            guidance=item.get("guidance") or {},
            deadline_hours=item.get("deadline_hours"),
            deadline_from=item.get("deadline_from") or FROM_OPENING,
            records=tuple(item.get("records") or ()),
            not_applicable=bool(item.get("not_applicable")),
        )
        for item in definition["steps"]
    ]


def validate(definition: object) -> list[Step]:
    """The steps of a definition, or InvalidProtocol listing every problem found."""
    problems: list[str] = []
    items = definition.get("steps") if isinstance(definition, dict) else None
    if not isinstance(items, list) or not items:
        raise InvalidProtocol([str(_("The protocol has no steps."))])
    codes: list[str] = []
    holders: dict[str, list[str]] = {record: [] for record in RECORDS}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(str(_("Step %(number)s is not a step.") % {"number": number}))
            continue
        code = item.get("code")
        if not isinstance(code, str) or not code.replace("_", "").isalnum() or len(code) > 32:
            problems.append(str(_("Step %(number)s needs a short code of letters and digits.") % {"number": number}))
            code = f"#{number}"
        codes.append(code)
        title = item.get("title")
        if not isinstance(title, dict) or any(not str(title.get(language) or "").strip() for language in LANGUAGES):
            problems.append(str(_("Step %(code)s needs a title in Arabic, French and English.") % {"code": code}))
        hours = item.get("deadline_hours")
        if hours is not None and (not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= 24 * 366):
            problems.append(str(_("The deadline of step %(code)s must be between 1 hour and a year.") % {"code": code}))
        # A tuple, not a set: a value that is not hashable (a list in the JSON) is refused, not a TypeError.
        if item.get("deadline_from", FROM_OPENING) not in (FROM_OPENING, FROM_ASSESSMENT):
            problems.append(str(_("The deadline of step %(code)s starts from an unknown moment.") % {"code": code}))
        records = item.get("records") or []
        if not isinstance(records, list) or any(
            not isinstance(record, str) or record not in RECORDS for record in records
        ):
            problems.append(str(_("Step %(code)s records something the platform does not know.") % {"code": code}))
            records = []
        for record in records:
            holders[record].append(code)
    if len(set(codes)) != len(codes):
        problems.append(str(_("Two steps have the same code.")))
    for record in SINGLE:
        if len(holders[record]) > 1:
            problems.append(str(_("Only one step may record %(what)s.") % {"what": RECORDS[record]}))
    for record in REQUIRED:
        if not holders[record]:
            problems.append(str(_("One step must record %(what)s.") % {"what": RECORDS[record]}))
    if holders["outcome"] and codes and holders["outcome"][0] != codes[-1]:
        problems.append(str(_("The step recording the outcome must be the last one.")))
    # Recording a case completes the first step (actions.record_case): it must be the recording itself.
    first = items[0] if isinstance(items[0], dict) else {}
    listed = first.get("records")
    first_records = listed if isinstance(listed, list) else []
    if first.get("not_applicable") or set(first_records) - {"note", "attachments"}:
        problems.append(str(_("The first step records the case: it holds only a note and files, and is always done.")))
    for item in items:
        if (
            isinstance(item, dict)
            and item.get("not_applicable")
            and any(record in (item.get("records") or []) for record in REQUIRED)
        ):
            problems.append(
                str(
                    _("Step %(code)s cannot be marked not applicable: every case needs it.")
                    % {"code": item.get("code")}
                )
            )
    if problems:
        raise InvalidProtocol(problems)
    return steps_of(cast(dict[str, Any], definition))  # a dict: its steps were read above
