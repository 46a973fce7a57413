"""What each kind of recipient receives of a case. The analyst previews exactly this.

- police, gendarmerie, prosecutor: the full file (texts, the young person's details,
  consented contact, identifiers, every evidence file);
- a platform: identifiers and links, the categories and the legal ground; never who the
  child is, never the reporter's text;
- a school: minimal facts (categories, age band, the school) and the analyst's brief; no
  images, no identifiers;
- a support service or helpline: the contact the reporter consented to and the needs the
  analyst describes.

The preview page, the recipient's page and the PDF summaries all render one Package
through the template cases/_package.html, so what the analyst checks is what is sent.
"""

import mimetypes
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sanad.cases.models import Case, ReferralTarget
from sanad.evidence.models import Evidence
from sanad.intake.models import Report
from sanad.lib.bidi import Line, direction, lines


class Profile:
    FULL = "full"
    PLATFORM = "platform"
    SCHOOL = "school"
    SUPPORT = "support"


PROFILE_FOR_TARGET = {
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


@dataclass(frozen=True)
class PackFile:
    """An evidence file as the recipient gets it: its name inside the archive and its hashes."""

    evidence: Evidence
    name: str

    @property
    def sha256(self) -> str:
        return self.evidence.sha256

    @property
    def size(self) -> int:
        return self.evidence.size

    @property
    def content_type(self) -> str:
        return self.evidence.content_type

    @property
    def kind_label(self) -> str:
        return self.evidence.kind_label


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


def package(case: Case, *, target: str, brief: str = "", legal_ground: str = "") -> Package:
    """What the recipient of this target receives, in the active language."""
    profile = PROFILE_FOR_TARGET[ReferralTarget(target)]
    reports = list(
        Report.objects.filter(case_link__case=case)
        .select_related("region")
        .prefetch_related("categories", "identifiers", "evidence__custody")
        .order_by("submitted_at", "pk")
    )
    categories = sorted({c.get_category_display() for r in reports for c in r.categories.all()})
    identifiers: list[IdentifierLine] = []
    if profile in {Profile.FULL, Profile.PLATFORM}:
        seen = set()
        for report in reports:
            for identifier in report.identifiers.all():
                if identifier.digest not in seen:
                    seen.add(identifier.digest)
                    identifiers.append(
                        IdentifierLine(
                            kind=identifier.get_kind_display(),
                            platform=identifier.get_platform_display(),
                            value=identifier.value,
                        )
                    )
    return Package(
        target=target,
        profile=profile,
        case_reference=case.reference,
        categories=categories,
        brief=brief,
        legal_ground=legal_ground if profile in LEGAL_GROUND_PROFILES else "",
        reports=[_report_part(report, profile) for report in reports],
        identifiers=identifiers,
        files=_files(reports) if profile == Profile.FULL else [],
    )


def _files(reports: list[Report]) -> list[PackFile]:
    # The same file sent twice (two reports, one screenshot) is one entry of the archive.
    files: dict[str, PackFile] = {}
    for evidence in sorted((e for r in reports for e in r.evidence.all()), key=lambda e: (e.received_at, str(e.pk))):
        files.setdefault(evidence.sha256, PackFile(evidence=evidence, name=archive_name(evidence)))
    return list(files.values())


def _fact(label: Promise, value: str) -> Fact:
    return Fact(label=label, value=value, dir=direction(value))


def _report_part(report: Report, profile: str) -> ReportPart:
    part = ReportPart(reference=report.reference)
    if profile == Profile.PLATFORM:
        return part
    part.facts.append(_fact(_("Age band"), report.get_victim_age_band_display()))
    if profile in {Profile.FULL, Profile.SCHOOL}:
        part.facts.append(_fact(_("Gender"), report.get_victim_gender_display()))
        if report.school:
            part.facts.append(_fact(_("School"), report.school))
    if profile == Profile.FULL:
        part.facts += [
            _fact(_("Reported by"), report.get_reporter_role_display()),
            _fact(_("Submitted"), timezone.localtime(report.submitted_at).strftime("%Y-%m-%d %H:%M")),
            _fact(_("Region"), report.region.name if report.region else "—"),
            _fact(_("Still going on"), report.get_ongoing_display()),
        ]
        part.text = lines(report.description)
    if profile in {Profile.FULL, Profile.SUPPORT} and report.consent_contact and report.contact:
        part.facts.append(_fact(_("Contact (consented)"), report.contact))
    if profile == Profile.SUPPORT:
        part.facts.append(
            _fact(_("May involve a trusted adult or the school"), str(_("yes") if report.consent_share else _("no")))
        )
    return part
