"""A case study made from a closed case: redacted, edited by a trainer, approved by a supervisor.

What is kept: the reporter's words with every name, identifier, phone, handle, link, place and
school replaced; the platforms, age band and who reported (codes); the case's categories,
urgency, danger flags and referral target as the draft's reference answer. What is not: files
(each becomes a placeholder naming only its kind), identifiers (synthetic stand-ins), contact,
notes, messages, references. The study keeps no link to the case: the case's id is only in the
audit event `training.study_drafted`, which the audit log's readers (administrators) see.
"""

import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, Region, User
from sanad.audit.log import record
from sanad.cases.models import Case
from sanad.intake.models import Report
from sanad.lib.errors import SanadError
from sanad.training import library
from sanad.training.models import CaseStudy, CaseStudyVersion

PLACEHOLDERS = {
    "name": "[PRÉNOM]",
    "identifier": "[IDENTIFIANT]",
    "phone": "[TÉLÉPHONE]",
    "email": "[E-MAIL]",
    "url": "[LIEN]",
    "place": "[LIEU]",
    "school": "[ÉTABLISSEMENT]",
    "number": "[NUMÉRO]",
}

URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|ma|net|org|fr|io|me|ly|gg|tv|example)\b\S*", re.I
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HANDLE = re.compile(r"(?<![\w@])@[\w.]{2,}")
PHONE = re.compile(r"(?<!\w)(?:\+|00)?\d[\d .\-/]{6,}\d(?!\w)")
LONG_NUMBER = re.compile(r"\b\d{5,}\b")
# "je m'appelle X", "smiti X", "اسمي X": the word after names someone.
NAMED = re.compile(r"(?:je m'appelle|il s'appelle|elle s'appelle|smiti|smitha|smito|اسمي|اسمه|اسمها)\s+(\S+)", re.I)
# A capitalised Latin word inside a sentence is most often a name or a place.
CAPITALISED = re.compile(r"(?<=[^\s.!?:\n]\s)[A-ZÀ-Ý][a-zà-ÿ'-]+(?:\s+[A-Z]\.)?")
KEEP_CAPITALISED = {
    "Instagram", "TikTok", "Snapchat", "Facebook", "WhatsApp", "Telegram", "Discord", "YouTube", "Roblox",
    "Free", "Fire", "PUBG", "Messenger", "Google", "Je", "Il", "Elle", "Mon", "Ma", "Mes", "Un", "Une", "Le", "La",
    "Les", "Des", "Et", "Mais", "Bonjour", "Salam",
}  # fmt: skip
# Towns a child may name (the regions' names come from the database).
TOWNS = (
    "Rabat", "Salé", "Sale", "Kénitra", "Kenitra", "Témara", "Temara", "Casablanca", "Marrakech", "Fès", "Fes",
    "Tanger", "Agadir", "Meknès", "Meknes", "Oujda", "Tétouan", "Safi", "Essaouira", "El Jadida", "Khouribga",
    "Béni Mellal", "Nador", "Laâyoune", "Taroudant", "Ouarzazate", "Errachidia",
    "الرباط", "سلا", "القنيطرة", "الدار البيضاء", "مراكش", "فاس", "طنجة", "أكادير", "مكناس", "وجدة", "آسفي",
)  # fmt: skip


class FromCaseError(SanadError):
    code = "study_from_case"


class CaseNotClosed(FromCaseError):
    code = "case_not_closed"
    message = _("Only a closed case can become a case study.")


class OwnApproval(FromCaseError):
    code = "own_approval"
    status = 403
    message = _("Another supervisor must approve a case study you edited.")


class NotSubmitted(FromCaseError):
    code = "study_not_submitted"
    message = _("This draft was not sent for approval yet.")


@dataclass(frozen=True)
class Known:
    """What the case itself says is identifying, replaced wherever it appears."""

    values: dict[str, str]  # text as found -> placeholder


def _variants(value: str) -> set[str]:
    value = value.strip()
    found = {value, value.lstrip("@")}
    if value.startswith("+212"):
        found.add("0" + value[4:])
    return {v for v in found if len(v) >= 3}


def known_of(reports: list[Report]) -> Known:
    values: dict[str, str] = {}
    for report in reports:
        for identifier in report.identifiers.all():
            kind = "phone" if identifier.kind == "phone" else "email" if identifier.kind == "email" else "identifier"
            for raw in (identifier.value, identifier.typed or ""):
                for variant in _variants(raw or ""):
                    values[variant] = PLACEHOLDERS[kind]
        if report.school:
            values[report.school.strip()] = PLACEHOLDERS["school"]
        if report.contact:
            values[report.contact.strip()] = PLACEHOLDERS["identifier"]
        values[report.reference] = PLACEHOLDERS["number"]
    for name in Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).values_list("name", flat=True):
        values[name] = PLACEHOLDERS["school"]
    for region in Region.objects.all():
        for name in (region.name_ar, region.name_fr):
            values[name] = PLACEHOLDERS["place"]
    for town in TOWNS:
        values[town] = PLACEHOLDERS["place"]
    return Known(values)


def redact(text: str, known: Known) -> str:
    """Every identifying thing in the text replaced by a bracketed placeholder."""
    # Longest first, so "Collège Ibn Sina" goes before "Ibn Sina"; case-insensitive, whole words.
    for value in sorted(known.values, key=len, reverse=True):
        pattern = re.compile(rf"(?<![\w@]){re.escape(value)}(?!\w)", re.I)
        text = pattern.sub(known.values[value], text)
    text = EMAIL.sub(PLACEHOLDERS["email"], text)
    text = URL.sub(PLACEHOLDERS["url"], text)
    text = HANDLE.sub(PLACEHOLDERS["identifier"], text)
    text = PHONE.sub(lambda m: PLACEHOLDERS["phone"] if len(re.sub(r"\D", "", m.group())) >= 8 else m.group(), text)
    text = LONG_NUMBER.sub(PLACEHOLDERS["number"], text)
    text = NAMED.sub(lambda m: m.group().replace(m.group(1), PLACEHOLDERS["name"]), text)
    return CAPITALISED.sub(
        lambda m: m.group() if m.group().split()[0] in KEEP_CAPITALISED else PLACEHOLDERS["name"], text
    )


@transaction.atomic
def draft_from_case(case: Case, *, by: User) -> CaseStudyVersion:
    """A draft case study from a closed case, redacted; audited with the case's id (and only there)."""
    if not case.is_closed:
        raise CaseNotClosed()
    reports = [
        link.report
        for link in case.case_reports.select_related("report").prefetch_related(
            "report__identifiers", "report__categories", "report__platforms", "report__evidence"
        )
    ]
    known = known_of(reports)
    text = "\n\n".join(redact(report.description, known) for report in reports)
    first = reports[0] if reports else None
    categories = sorted({c.category for report in reports for c in report.categories.all()})
    platforms = sorted({p.platform for report in reports for p in report.platforms.all()})
    files = [
        {
            "name": f"fichier-{n}",
            "kind": "image" if (evidence.content_type or "").startswith("image/") else "file",
            "description": {
                "ar": "ملف بديل (الملف الأصلي لا يُنقل)",
                "fr": "Fichier de remplacement (l'original n'est pas repris)",
            },
        }
        for n, evidence in enumerate((e for report in reports for e in report.evidence.all()), start=1)
    ]
    identifiers = [
        {"kind": identifier.kind, "platform": identifier.platform, "value": f"compte-{n}.demo"}
        for n, identifier in enumerate((i for report in reports for i in report.identifiers.all()), start=1)
    ]
    dangers = []
    if any(report.self_harm for report in reports):
        dangers.append("self_harm")
    if any(report.danger_now for report in reports):
        dangers.append("danger_now")
    if any(report.sextortion_deadline for report in reports):
        dangers.append("sextortion_deadline")
    referral = case.referrals.order_by("sent_at").values_list("target", flat=True).first() or ""
    study = CaseStudy.objects.create(
        slug=f"from-case-{secrets.token_hex(4)}",
        origin=CaseStudy.Origin.CLOSED_CASE,
        difficulty="medium",
        roles=["analyst"],
        categories=categories,
        created_by=by,
    )
    empty = {"ar": "", "fr": ""}
    version = CaseStudyVersion.objects.create(
        study=study,
        number=1,
        content={
            "title": {"ar": "حالة مغلقة (مسودة)", "fr": "Cas clos (brouillon)"},
            "report": text,
            "language": first.language if first else "",
            "context": empty,
            "platforms": platforms,
            "identifiers": identifiers,
            "files": files,
            "reporter_role": first.reporter_role if first else "",
            "age_band": first.victim_age_band if first else "",
        },
        answer={
            "categories": categories,
            "urgency": case.urgency,
            "danger_signals": dangers,
            "referral": referral,
            "redaction": library.SHARED_WITH.get(referral, []),
            "protocol_level": None,
            "protocol_steps": [],
            "tell_child": empty,
            "tell_parents": empty,
            "reasons": {"harm": empty, "referral": empty},
        },
        edited_by=by,
    )
    record(by, "training.study_drafted", object_type="case_study", object_id=study.pk, case=case.pk)
    return version


@transaction.atomic
def edit_draft(version: CaseStudyVersion, *, content: dict, answer: dict, by: User) -> None:
    version.content = {**version.content, **content}
    version.answer = {**version.answer, **answer}
    version.edited_by = by
    version.status = CaseStudyVersion.Status.DRAFT
    version.save(update_fields=["content", "answer", "edited_by", "status"])
    version.study.categories = version.answer.get("categories", [])
    version.study.save(update_fields=["categories"])
    record(by, "training.study_edited", object_type="case_study", object_id=version.study_id, version=version.number)


@transaction.atomic
def submit_draft(version: CaseStudyVersion, *, by: User) -> None:
    version.status = CaseStudyVersion.Status.SUBMITTED
    version.save(update_fields=["status"])
    record(by, "training.study_submitted", object_type="case_study", object_id=version.study_id)


@transaction.atomic
def approve_draft(version: CaseStudyVersion, *, by: User) -> None:
    """A supervisor other than its last editor publishes it: four eyes on every redaction."""
    if version.status != CaseStudyVersion.Status.SUBMITTED:
        raise NotSubmitted()
    if version.edited_by_id == by.pk:
        raise OwnApproval()
    version.study.versions.filter(status=CaseStudyVersion.Status.PUBLISHED).update(
        status=CaseStudyVersion.Status.RETIRED
    )
    version.status = CaseStudyVersion.Status.PUBLISHED
    version.approved_by = by
    version.published_at = timezone.now()
    version.save(update_fields=["status", "approved_by", "published_at"])
    record(by, "training.study_published", object_type="case_study", object_id=version.study_id)
