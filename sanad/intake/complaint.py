"""Filing a complaint: when it makes sense, where, what to bring, and a summary to take along.

The summary is a PDF of what the reporter sent (their answers, the files with their SHA-256
and the time each was received), in their language, made on request from the sealed report
and streamed: it is never written anywhere, in clear or sealed.
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sanad.intake import forms as portal_words
from sanad.intake.models import Category, Report
from sanad.lib import bidi
from sanad.reference import platforms as reference_platforms

# Harms where a complaint is usually the next step (DOMAIN.md: threats, sexual content, extortion,
# a stolen identity, money taken): the section opens by itself for them.
COMPLAINT_CATEGORIES = {
    Category.SEXUAL_EXPLOITATION,
    Category.THREATS,
    Category.ACCOUNT_TAKEOVER,
    Category.SCAM,
    Category.PERSONAL_DATA,
}


# What the receipt and follow-up pages say about a complaint, part by part.
PARTS = (
    (
        _("When"),
        _(
            "When someone threatens you, blackmails you, shares intimate images of you, uses your account or your "
            "name, takes your money, or keeps harassing you after being blocked. You can file one while we handle "
            "your report."
        ),
    ),
    (
        _("Where"),
        _(
            "At any police station, at the gendarmerie outside the towns, or by writing to the public prosecutor at "
            "the court of first instance. It is free."
        ),
    ),
    (
        _("What to bring"),
        _(
            "Your phone with the messages (do not delete them), the summary below, your screenshots, the usernames "
            "and links, and an identity document if you have one."
        ),
    ),
    (
        _("Under 18?"),
        _("A parent or another adult you trust can come with you. You can also write to us here for help."),
    ),
)


@dataclass(frozen=True)
class Advice:
    suggested: bool  # the section opens by itself
    parts: tuple[tuple[Promise, Promise], ...]


def advice(*, categories: set[str], danger: set[str]) -> Advice:
    return Advice(suggested=bool(categories & COMPLAINT_CATEGORIES or danger), parts=PARTS)


def _label(words: dict, value: str, fallback: str) -> str:
    return str(words.get(value, fallback))


def summary_html(report: Report) -> str:
    """The summary as HTML for the PDF, in the current language."""
    categories = [
        str(portal_words.CATEGORY_WORDS.get(code, code))
        for code in report.categories.values_list("category", flat=True)
    ]
    platforms = [reference_platforms.label(code) for code in report.platforms.values_list("platform", flat=True)]
    told = [str(label) for code, label in portal_words.TOLD_WORDS if getattr(report, f"told_{code}")]
    answers = [
        (_("Who wrote"), _label(portal_words.ROLE_WORDS, report.reporter_role, report.get_reporter_role_display())),
        (_("What happened"), ", ".join(categories)),
        (_("When it started"), _label(portal_words.STARTED_WORDS, report.started, report.get_started_display())),
        (_("Still happening"), _label(portal_words.ONGOING_WORDS, report.ongoing, report.get_ongoing_display())),
        (_("Where"), ", ".join(platforms) or "—"),
        (_("Age"), _label(portal_words.AGE_WORDS, report.victim_age_band, report.get_victim_age_band_display())),
        (_("Girl or boy"), _label(portal_words.GENDER_WORDS, report.victim_gender, report.get_victim_gender_display())),
        (_("Region"), str(report.region) if report.region else "—"),
        (_("School"), report.school or "—"),
        (_("Already told"), ", ".join(told) or "—"),
    ]
    files = [
        {
            "name": evidence.original_name,
            "kind": evidence.kind_label,
            "size": evidence.size,
            "sha256": evidence.sha256,
            "received_at": evidence.received_at,
        }
        for evidence in report.evidence.order_by("received_at")
    ]
    return render_to_string(
        "intake/summary_pdf.html",
        {
            "report": report,
            "answers": answers,
            "description": bidi.lines(report.description),
            "identifiers": [bidi.Line(i.value, "ltr") for i in report.identifiers.all()],
            "files": files,
            "danger": [
                str(label)
                for name, label in (
                    ("danger_now", _("Someone was in danger")),
                    ("self_harm", _("Thoughts of self-harm")),
                    ("sextortion_deadline", _("A demand with a deadline")),
                )
                if name in report.danger_flags
            ],
            "generated_at": timezone.now(),
            "language": translation.get_language(),
        },
    )


def summary_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads Pango, costly for every process

    return HTML(string=summary_html(report)).write_pdf()


def summary_response(report: Report) -> HttpResponse:
    response = HttpResponse(summary_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sanad-{report.reference}.pdf"'
    return response
