"""Reports that may be about the same situation, suggested to the analyst.

Two reports are related when they name the same identifier (username, link, phone,
e-mail: same keyed-hash digest), carry the same file (same SHA-256), or carry near-duplicate
pictures (PDQ hashes within SANAD_PDQ_THRESHOLD bits: a re-encoded, resized or slightly
cropped copy), read from what the evidence worker recorded (`SimilarEvidence`), with the
distance shown. The issue also
asked for "same receipt reporter", but one receipt belongs to exactly one report, so
there is no other report to find through it; that criterion is left out on purpose.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User
from sanad.cases.access import reports_visible_to
from sanad.cases.models import Case
from sanad.evidence.models import SimilarEvidence
from sanad.intake.models import Identifier, Report

LIMIT = 20
SAME_FILE = _("same file")


@dataclass
class Suggestion:
    report: Report
    case: Case | None
    reasons: list[str] = field(default_factory=list)


def related_reports(user: User, reports: list[Report], *, limit: int = LIMIT) -> list[Suggestion]:
    """Other reports sharing an identifier or a file with these (whose identifiers and evidence are prefetched)."""
    own = [report.pk for report in reports]
    named = [identifier for report in reports for identifier in report.identifiers.all()]
    digests = {identifier.digest for identifier in named}
    loose = {identifier.loose_digest for identifier in named} - digests
    hashes = {item.sha256 for report in reports for item in report.evidence.all()}
    visible = reports_visible_to(user)
    found: dict[int, Suggestion] = {}

    if digests:
        same_identifier = (
            Identifier.objects.filter(Q(digest__in=digests) | Q(loose_digest__in=digests | loose), report__in=visible)
            .exclude(report__in=own)
            .select_related("report__case_link__case")
        )
        for identifier in same_identifier:
            if identifier.digest in digests:
                reason = _("same %(kind)s") % {"kind": identifier.get_kind_display()}
            else:
                # "@sara.k" with no platform (or two ticked) and "@sara.k" on Instagram: maybe one account.
                reason = _("same %(kind)s, perhaps on another platform") % {"kind": identifier.get_kind_display()}
            _add(found, identifier.report, str(reason))
    if hashes:
        shared_files = (
            Report.evidence.through.objects.filter(evidence__sha256__in=hashes, report__in=visible)
            .exclude(report__in=own)
            .select_related("report__case_link__case")
        )
        for shared in shared_files:
            _add(found, shared.report, str(SAME_FILE))
    files = [item.pk for report in reports for item in report.evidence.all()]
    if files:
        similar = SimilarEvidence.objects.filter(evidence__in=files, distance__lte=settings.SANAD_PDQ_THRESHOLD)
        closest: dict[object, int] = {}
        for other, distance in similar.values_list("other", "distance"):
            closest[other] = min(distance, closest.get(other, distance))
        holding = (
            Report.evidence.through.objects.filter(evidence__in=closest, report__in=visible)
            .exclude(report__in=own)
            .select_related("report__case_link__case")
        )
        for held in holding:
            reason = _("similar picture (PDQ distance %(distance)d)") % {"distance": closest[held.evidence_id]}
            _add(found, held.report, str(reason))

    suggestions = sorted(found.values(), key=lambda item: (item.report.urgency, item.report.submitted_at))
    return suggestions[:limit]


def _add(found: dict[int, Suggestion], report: Report, reason: str) -> None:
    suggestion = found.get(report.pk)
    if suggestion is None:
        link = getattr(report, "case_link", None)
        suggestion = found[report.pk] = Suggestion(report=report, case=link.case if link else None)
    if reason not in suggestion.reasons:
        suggestion.reasons.append(reason)
