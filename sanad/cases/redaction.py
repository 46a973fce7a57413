"""What each kind of recipient receives of a case. The analyst previews exactly this, and
the recipient gets exactly what was previewed, for ever.

- police, gendarmerie, prosecutor: the full file (texts, the young person's details,
  consented contact, identifiers, every evidence file);
- a platform: identifiers and links, the categories and the legal ground; never who the
  child is, never the reporter's text;
- a school: minimal facts (categories, age band, the school) and the analyst's brief; no
  images, no identifiers;
- a support service or helpline: the contact the reporter consented to and the needs the
  analyst describes.

`freeze()` takes what the recipient may receive of the case *now* as plain data (codes, texts,
file hashes): the snapshot. Sending a referral seals that snapshot on it (Referral.snapshot),
so what the recipient reads, the files they may open and the PDF summaries of the pack all
come from the snapshot, never from the case as it is later. New material reaches a recipient
only through a new referral or an addendum, itself frozen when it is sent. `render()` turns a
snapshot into a Package, its labels in the reader's language; the preview page, the
recipient's page and the PDFs render one Package through cases/_package.html.
"""

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sanad.cases.models import Case, ReferralTarget
from sanad.cases.school_reading import load_run
from sanad.evidence.models import Evidence
from sanad.intake.identifiers import parse_lines
from sanad.intake.models import AgeBand, Gender, Identifier, Ongoing, Report, ReporterRole
from sanad.lib.bidi import Line, direction, lines
from sanad.lib.categories import Category
from sanad.lib.lists import joined
from sanad.reference import platforms
from sanad.schools.models import ProtocolRun, Pupil, SeriousBecause, Severity

SNAPSHOT_VERSION = 1
Snapshot = dict[str, Any]


class Profile:
    FULL = "full"
    PLATFORM = "platform"
    SCHOOL = "school"
    SUPPORT = "support"


PROFILE_FOR_TARGET: dict[str, str] = {
    ReferralTarget.POLICE: Profile.FULL,
    ReferralTarget.GENDARMERIE: Profile.FULL,
    ReferralTarget.PROSECUTOR: Profile.FULL,
    ReferralTarget.PLATFORM: Profile.PLATFORM,
    ReferralTarget.SCHOOL: Profile.SCHOOL,
    ReferralTarget.SUPPORT: Profile.SUPPORT,
    ReferralTarget.HELPLINE: Profile.SUPPORT,
}

# Profiles whose recipient acts on a legal basis (justice, a takedown request).
LEGAL_GROUND_PROFILES = {Profile.FULL, Profile.PLATFORM}

PROFILE_SUMMARY = {
    Profile.FULL: _(
        "The full file: the reports' texts, the young person's details, the contact they agreed to share, "
        "the identifiers and every evidence file."
    ),
    Profile.PLATFORM: _(
        "The identifiers and links, the categories and the legal ground. Never who the child is, "
        "never what the reporter wrote, no files."
    ),
    Profile.SCHOOL: _(
        "Minimal facts: the categories, the age band, the gender and the school, with your brief. "
        "No identifiers, no images or other files."
    ),
    Profile.SUPPORT: _(
        "Your description of the needs, the age band and the contact the reporter agreed to share "
        "(only when they agreed)."
    ),
}


def takes_legal_ground(target: str) -> bool:
    return PROFILE_FOR_TARGET[ReferralTarget(target)] in LEGAL_GROUND_PROFILES


@dataclass(frozen=True)
class Fact:
    label: Promise | str
    value: str
    dir: str


@dataclass
class ReportPart:
    reference: str
    facts: list[Fact] = field(default_factory=list)
    text: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class IdentifierLine:
    kind: str
    platform: str
    value: str
    typed: str = ""

    @property
    def as_reported(self) -> str:
        """The reporter's own text when it differs from the normalised value (the exact link)."""
        return self.typed if self.typed and self.typed != self.value else ""


@dataclass(frozen=True)
class PackFile:
    """An evidence file as the recipient gets it: its name inside the archive and its hashes."""

    evidence_id: str
    name: str
    sha256: str
    size: int
    content_type: str

    @property
    def kind_label(self) -> str:
        return str(Evidence(content_type=self.content_type).kind_label)


def archive_name(evidence: Evidence) -> str:
    # Named by content, never by the uploaded name, which may carry the child's name.
    extension = mimetypes.guess_extension(evidence.content_type) or ".bin"
    return f"files/{evidence.sha256}{extension}"


@dataclass
class Package:
    target: str
    profile: str
    case_reference: str
    categories: list[str]
    brief: str
    legal_ground: str
    reports: list[ReportPart]
    identifiers: list[IdentifierLine]
    files: list[PackFile]
    school: "SchoolPart | None" = None

    @property
    def brief_lines(self) -> list[Line]:
        return lines(self.brief)

    @property
    def legal_ground_dir(self) -> str:
        return direction(self.legal_ground)

    @property
    def target_label(self) -> str:
        return str(ReferralTarget(self.target).label)

    @property
    def summary(self) -> str:
        return str(PROFILE_SUMMARY[self.profile])

    @property
    def shows_identity(self) -> bool:
        return self.profile in {Profile.FULL, Profile.SCHOOL, Profile.SUPPORT}

    @property
    def takes_legal_ground(self) -> bool:
        return self.profile in LEGAL_GROUND_PROFILES

    @property
    def receives_files(self) -> bool:
        return self.profile == Profile.FULL


# --- Freezing: what the recipient may receive of the case now, as plain data ---------------


def freeze(
    case: Case, *, target: str, brief: str = "", legal_ground: str = "", already: Sequence[Snapshot] = ()
) -> Snapshot:
    """The snapshot of what this target's recipient receives of the case now.

    `already`: the snapshots this recipient already holds for the case (an addendum): their
    reports, identifiers and files are left out, so only new material is sent.
    """
    profile = PROFILE_FOR_TARGET[ReferralTarget(target)]
    reports = list(
        Report.objects.filter(case_link__case=case)
        .select_related("region")
        .prefetch_related("categories", "identifiers", "evidence")
        .order_by("submitted_at", "pk")
    )
    sent_reports = {part["reference"] for held in already for part in held["reports"]}
    sent_identifiers = {_identifier_key(item) for held in already for item in held["identifiers"]}
    sent_files = {item["sha256"] for held in already for item in held["files"]}
    identifiers: list[dict[str, str]] = []
    if profile in {Profile.FULL, Profile.PLATFORM}:
        for report in reports:
            for identifier in report.identifiers.all():
                item = {
                    "kind": identifier.kind,
                    "platform": identifier.platform,
                    "service": identifier.service,
                    "value": identifier.value,
                    # The exact link or text the reporter gave: what a platform or the police act on.
                    "typed": identifier.as_typed,
                }
                if _identifier_key(item) not in sent_identifiers:
                    sent_identifiers.add(_identifier_key(item))
                    identifiers.append(item)
    run = load_run(case.school_case) if case.school_case is not None else None
    school = _school_part(run, profile) if run is not None and not any(held.get("school") for held in already) else None
    if run is not None and profile in {Profile.FULL, Profile.PLATFORM}:
        # What the school asked to take down reaches the platform, as the links it gave.
        for found in parse_lines(run.takedown_links, platforms=[]):
            item = {
                "kind": found.kind,
                "platform": found.platform,
                "service": found.service,
                "value": found.value,
                "typed": found.typed,
            }
            if _identifier_key(item) not in sent_identifiers:
                sent_identifiers.add(_identifier_key(item))
                identifiers.append(item)
    files = []
    if profile == Profile.FULL:
        team_files = list(Evidence.objects.filter(pk__in=run.steps.values("attachments")).distinct()) if run else []
        files = [item for item in _files(reports, extra=team_files) if item["sha256"] not in sent_files]
    categories = {item.category for report in reports for item in report.categories.all()}
    return {
        "version": SNAPSHOT_VERSION,
        "target": target,
        "profile": profile,
        "case_reference": case.reference,
        "categories": sorted(categories | set(run.categories if run is not None else [])),
        "brief": brief.strip(),
        "legal_ground": legal_ground.strip() if profile in LEGAL_GROUND_PROFILES else "",
        "reports": [_report_part(report, profile) for report in reports if report.reference not in sent_reports],
        "identifiers": identifiers,
        "files": files,
        "school": school,
    }


def _school_part(run: ProtocolRun, profile: str) -> dict[str, Any] | None:
    """What this recipient receives of the school's own record (read through school_reading)."""
    if profile not in {Profile.FULL, Profile.SUPPORT}:
        return None
    part: dict[str, Any] = {"reference": run.reference, "school": run.school.name, "level": run.level}
    if profile == Profile.FULL:
        part |= {
            "facts": run.facts,
            "serious_because": list(run.serious_because),
            "pupils": [[pupil.role, pupil.name, pupil.class_name] for pupil in run.pupils.all()],
        }
    return part


def _identifier_key(item: dict[str, str]) -> tuple[str, str, str]:
    return item["kind"], item["platform"], item["value"]


def _files(reports: list[Report], *, extra: Sequence[Evidence] = ()) -> list[dict[str, Any]]:
    """The reports' files and `extra` ones (a school team's): the same file sent twice (two
    reports, one screenshot) is one entry of the archive."""
    files: dict[str, dict[str, Any]] = {}
    every = [*(e for r in reports for e in r.evidence.all()), *extra]
    for evidence in sorted(every, key=lambda e: (e.received_at, str(e.pk))):
        files.setdefault(
            evidence.sha256,
            {
                "evidence": str(evidence.pk),
                "name": archive_name(evidence),
                "sha256": evidence.sha256,
                "size": evidence.size,
                "content_type": evidence.content_type,
            },
        )
    return list(files.values())


def _report_part(report: Report, profile: str) -> dict[str, Any]:
    """A report's facts as (key, value) codes and data; labels are chosen when it is read."""
    facts: list[list[Any]] = []
    text = ""
    if profile != Profile.PLATFORM:
        facts.append(["age_band", report.victim_age_band])
    if profile in {Profile.FULL, Profile.SCHOOL}:
        facts.append(["gender", report.victim_gender])
        if report.school:
            facts.append(["school", report.school])
    if profile == Profile.FULL:
        region = report.region
        facts += [
            ["reporter_role", report.reporter_role],
            ["submitted", report.submitted_at.isoformat()],
            ["region", {"ar": region.name_ar, "fr": region.name_fr, "en": region.name_en} if region else None],
            ["ongoing", report.ongoing],
        ]
        text = report.description
    if profile in {Profile.FULL, Profile.SUPPORT} and report.consent_contact and report.contact:
        facts.append(["contact", report.contact])
    if profile == Profile.SUPPORT:
        facts.append(["consent_share", report.consent_share])
    return {"reference": report.reference, "facts": facts, "text": text}


def is_empty(snapshot: Snapshot) -> bool:
    """Nothing in it but the analyst's words (an addendum with no new material)."""
    return not (snapshot["reports"] or snapshot["identifiers"] or snapshot["files"] or snapshot.get("school"))


# --- Rendering: a snapshot in the reader's language ------------------------------------------

FACT_LABELS: dict[str, Promise] = {
    "age_band": _("Age band"),
    "gender": _("Gender"),
    "school": _("School"),
    "reporter_role": _("Reported by"),
    "submitted": _("Submitted"),
    "region": _("Region"),
    "ongoing": _("Still going on"),
    "contact": _("Contact (consented)"),
    "consent_share": _("May involve a trusted adult or the school"),
}
FACT_CHOICES: dict[str, dict[str, Promise | str]] = {
    "age_band": dict(AgeBand.choices),
    "gender": dict(Gender.choices),
    "reporter_role": dict(ReporterRole.choices),
    "ongoing": dict(Ongoing.choices),
}


def render(snapshot: Snapshot) -> Package:
    """The snapshot as the recipient reads it, in the active language."""
    categories = dict(Category.choices)
    kinds = dict(Identifier.Kind.choices)
    return Package(
        target=snapshot["target"],
        profile=snapshot["profile"],
        case_reference=snapshot["case_reference"],
        categories=sorted(str(categories.get(code, code)) for code in snapshot["categories"]),
        brief=snapshot["brief"],
        legal_ground=snapshot["legal_ground"],
        reports=[_render_part(part) for part in snapshot["reports"]],
        identifiers=[
            IdentifierLine(
                kind=str(kinds.get(item["kind"], item["kind"])),
                platform=_where(item),
                value=item["value"],
                typed=item.get("typed", ""),
            )
            for item in snapshot["identifiers"]
        ],
        files=[
            PackFile(
                evidence_id=item["evidence"],
                name=item["name"],
                sha256=item["sha256"],
                size=item["size"],
                content_type=item["content_type"],
            )
            for item in snapshot["files"]
        ],
        school=_render_school(snapshot.get("school")),
    )


def _where(item: dict[str, str]) -> str:
    """The platform, and the game or kind of payment reference when there is one."""
    place = platforms.label(item["platform"]) if item["platform"] else ""
    service = item.get("service", "")
    return f"{place} · {service}" if place and service else place or service


@dataclass
class SchoolPart:
    """The school's record as a recipient reads it."""

    reference: str
    facts: list[Fact]
    text: list[Line]
    pupils: list[Fact]


def _render_school(part: dict[str, Any] | None) -> SchoolPart | None:
    if not part:
        return None
    levels = {value: label for value, label in Severity.choices}
    reasons = dict(SeriousBecause.choices)
    roles = dict(Pupil.Role.choices)
    facts = [_fact(_("School"), part["school"])]
    if part.get("level"):
        facts.append(_fact(_("Level"), str(levels.get(part["level"], part["level"]))))
    if part.get("serious_because"):
        facts.append(
            _fact(_("Serious because"), joined(str(reasons.get(code, code)) for code in part["serious_because"]))
        )
    pupils = [
        _fact(roles.get(role, role), f"{name} ({class_name})" if class_name else name)
        for role, name, class_name in part.get("pupils", [])
    ]
    return SchoolPart(reference=part["reference"], facts=facts, text=lines(part.get("facts", "")), pupils=pupils)


def _render_part(part: dict[str, Any]) -> ReportPart:
    rendered = ReportPart(reference=part["reference"])
    for key, value in part["facts"]:
        rendered.facts.append(_fact(FACT_LABELS.get(key, key), _fact_value(key, value)))
    rendered.text = lines(part["text"])
    return rendered


def _fact_value(key: str, value: Any) -> str:
    if key in FACT_CHOICES:
        return str(FACT_CHOICES[key].get(value, value))
    if key == "submitted":
        return timezone.localtime(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
    if key == "region":
        language = (translation.get_language() or "en")[:2]
        return value.get(language) or value.get("en") or "—" if value else "—"
    if key == "consent_share":
        return str(_("yes") if value else _("no"))
    return str(value)


def package(case: Case, *, target: str, brief: str = "", legal_ground: str = "") -> Package:
    """What this target's recipient would receive of the case now, in the active language (the preview)."""
    return render(freeze(case, target=target, brief=brief, legal_ground=legal_ground))


def _fact(label: Promise, value: str) -> Fact:
    return Fact(label=label, value=value, dir=direction(value))
