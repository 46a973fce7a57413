"""The certificate of a passed course: a PDF in Arabic and French, and what the public verify page
may reveal (initials, course, date, validity; nothing else about the holder)."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sanad.training.models import Certificate, in_language


@dataclass
class Side:
    """One language's half of the certificate."""

    language: str
    direction: str
    heading: str
    holder_line: str
    course: str
    role: str
    passed_line: str
    code_line: str
    verify_line: str


def _side(certificate: Certificate, language: str) -> Side:
    enrolment = certificate.enrolment
    course = enrolment.cohort.course
    user = enrolment.trainee
    with translation.override(language):
        return Side(
            language=language,
            direction="rtl" if translation.get_language_bidi() else "ltr",
            heading=_("Certificate of training"),
            holder_line=_("Sanad certifies that %(name)s passed the course")
            % {"name": user.get_full_name() or user.username},
            course=in_language(course.title),
            role=str(course.get_role_display()),
            passed_line=_("on %(date)s, with a score of %(score)s %%.")
            % {"date": timezone.localdate(enrolment.passed_at).isoformat(), "score": enrolment.score},
            code_line=_("Verification code"),
            verify_line=_("Check it at"),
        )


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads Pango, costly for every process

    sides = [_side(certificate, "ar"), _side(certificate, "fr")]
    html = render_to_string(
        "training/certificate_pdf.html", {"sides": sides, "certificate": certificate, "verify_url": verify_url}
    )
    return HTML(string=html).write_pdf()


def verify_path() -> str:
    return reverse("training_public:verify")


@dataclass
class Verdict:
    found: bool
    valid: bool = False
    initials: str = ""
    course: str = ""
    passed_on: date | None = None


def verify(code: str) -> Verdict:
    """What the public page says of a code: typed loosely (spaces, lower case, no dashes)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(cleaned) != 12:
        return Verdict(found=False)
    formatted = "-".join(cleaned[i : i + 4] for i in range(0, 12, 4))
    certificate = (
        Certificate.objects.select_related("enrolment__cohort__course", "enrolment__trainee")
        .filter(code=formatted)
        .first()
    )
    if certificate is None:
        return Verdict(found=False)
    enrolment = certificate.enrolment
    return Verdict(
        found=True,
        valid=certificate.valid,
        initials=certificate.initials,
        course=in_language(enrolment.cohort.course.title),
        passed_on=timezone.localdate(enrolment.passed_at) if enrolment.passed_at else None,
    )
