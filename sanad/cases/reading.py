"""What staff read of a report: its facts in words, its identifiers, its files as the viewer shows them.

Everything sealed is opened here, in memory, for one page; nothing opened is stored.
Which files this person has revealed (seen unblurred) lives in their session only: a new
sign-in starts with every picture blurred again.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sanad.cases.assistant import Assistant, highlighted, read_assistant
from sanad.evidence.models import Evidence
from sanad.intake.models import Identifier, Message, Report
from sanad.lib.lists import joined
from sanad.reference import platforms


@dataclass
class File:
    evidence: Evidence
    revealed: bool
    name: str
    family: str  # image, video, audio, document
    preview_url: str
    reveal_url: str
    text: str = ""  # read in a screenshot by the worker (OCR), opened for this page only
    known_on: list[str] = field(default_factory=list)  # "list name vN" of each hash list it matched

    @property
    def hidden(self) -> bool:
        """Known content no supervisor released: the page shows that it exists, nothing of it."""
        return self.evidence.hidden

    @property
    def has_picture(self) -> bool:
        """A sealed preview exists (pictures, and videos' thumbnails), made by the worker."""
        return self.evidence.has_preview and not self.hidden

    @property
    def anchor(self) -> str:
        return f"evidence-{self.evidence.pk}"


@dataclass
class Reading:
    report: Report
    text: str
    facts: list[tuple[str, str]]
    danger: list[str]
    identifiers: list[tuple[str, str, str, str]]  # kind, where (platform, game or payment kind), value, as typed
    categories: list[str]
    platforms: list[str]
    files: list[File]
    text_html: SafeString  # the text as paragraphs, the assistant's phrases highlighted
    assistant: Assistant
    messages: list[Message] = field(default_factory=list)


DANGER = {
    "danger_now": _("Immediate danger"),
    "self_harm": _("Risk of self-harm"),
    "sextortion_deadline": _("Sextortion with a deadline"),
}
TOLD = {
    "told_parent": _("a parent"),
    "told_teacher": _("a teacher"),
    "told_friend": _("a friend"),
    "told_other_adult": _("another adult"),
    "told_nobody": _("nobody"),
}


def read_report(report: Report, *, revealed: set[str]) -> Reading:
    """`report` comes with region, categories, platforms, identifiers, evidence and messages loaded."""
    text = report.description
    return Reading(
        report=report,
        text=text,
        facts=_facts(report),
        danger=[str(label) for name, label in DANGER.items() if getattr(report, name)],
        identifiers=[_identifier(identifier) for identifier in report.identifiers.all()],
        categories=[item.get_category_display() for item in report.categories.all()],
        platforms=[platforms.label(item.platform) for item in report.platforms.all()],
        files=[file_for(item, revealed) for item in sorted(report.evidence.all(), key=lambda item: item.received_at)],
        messages=list(report.messages.all()),
        text_html=highlighted(report, text),
        assistant=read_assistant(report, text),
    )


def _facts(report: Report) -> list[tuple[str, str]]:
    told = [str(label) for name, label in TOLD.items() if getattr(report, name)]
    facts = [
        (_("Reported by"), report.get_reporter_role_display()),
        (_("Age band"), report.get_victim_age_band_display()),
        (_("Gender"), report.get_victim_gender_display()),
        (_("Region"), report.region.name if report.region else "—"),
        (_("School"), report.school or "—"),
        (_("Started"), report.get_started_display()),
        (_("Still going on"), report.get_ongoing_display()),
        (_("Has told"), joined(told) or "—"),
        (_("Channel"), report.get_channel_display()),
        (_("Language of the portal"), dict(settings.LANGUAGES).get(report.language, report.language)),
        (_("May involve a trusted adult or the school"), _("yes") if report.consent_share else _("no")),
    ]
    if report.consent_contact:
        facts.append((_("Contact (consented)"), report.contact or _("deleted when the report was closed")))
    return [(str(label), str(value)) for label, value in facts]


def _identifier(identifier: Identifier) -> tuple[str, str, str, str]:
    where = [platforms.label(identifier.platform) if identifier.platform else "", identifier.service]
    typed = identifier.typed
    return (
        identifier.get_kind_display(),
        " · ".join(part for part in where if part),
        identifier.value,
        typed if typed != identifier.value else "",
    )


def file_for(evidence: Evidence, revealed: set[str]) -> File:
    shown = str(evidence.pk) in revealed and not evidence.hidden
    preview_url = reverse("cases:evidence_preview", args=[evidence.pk])
    return File(
        evidence=evidence,
        revealed=shown,
        name=evidence.original_name,
        family=evidence.family,
        # Only to change the address once revealed: browsers reuse a picture they just showed
        # for the same address. The session alone decides what the preview shows.
        preview_url=f"{preview_url}?revealed=1" if shown else preview_url,
        reveal_url=reverse("cases:reveal_evidence", args=[evidence.pk]),
        text="" if evidence.hidden or not evidence.ocr_text_sealed else evidence.ocr_text,
        known_on=[
            f"{name} v{version}"
            for name, version in evidence.known_matches.filter(hash_list__withdrawn_at__isnull=True)
            .values_list("hash_list__name", "list_version")
            .distinct()
        ]
        if evidence.known
        else [],
    )


def duration(span: timedelta) -> str:
    """A configured deadline in words: "1 hour", "72 hours", "7 days"."""
    hours = int(span.total_seconds() // 3600)
    if hours >= 96 and hours % 24 == 0:
        days = hours // 24
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if hours >= 1:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, int(span.total_seconds() // 60))
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
