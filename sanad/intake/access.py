"""The portal's gates: the only way a public page reaches a draft or a report.

A reporter has no account. What they hold is proof: the draft cookie of this browser
(drafts.py), the four-digit code of a kept draft on the same browser, or the receipt code,
which opens a follow-up session for SANAD_FOLLOWUP_SECONDS. Each function answers None when
the proof does not hold, whatever the reason, so a page never says whether something exists.
"""

import time

from django.conf import settings
from django.http import HttpRequest

from sanad.intake import drafts, receipts
from sanad.intake.models import Report, ReportDraft

FOLLOWUP_KEY = "sanad_followup"


def live_draft(request: HttpRequest, *, create: bool = False) -> ReportDraft | None:
    """This browser's unsent draft; a new one (live and kept for a return) if asked."""
    draft_id = drafts.live_id(request)
    draft = ReportDraft.objects.filter(pk=draft_id, report__isnull=True).first() if draft_id else None
    if draft is None and create:
        draft = ReportDraft.objects.create()
        drafts.remember(request, str(draft.pk))
    return draft


def sent_draft(request: HttpRequest) -> ReportDraft | None:
    """The draft this browser just sent, with its report: the receipt page's."""
    draft_id = drafts.live_id(request)
    if not draft_id:
        return None
    return ReportDraft.objects.filter(pk=draft_id, report__isnull=False).select_related("report").first()


def kept_draft(request: HttpRequest) -> ReportDraft | None:
    """The draft this browser kept for a return (its code is checked by the caller)."""
    kept_id = drafts.kept_id(request)
    return ReportDraft.objects.filter(pk=kept_id).first() if kept_id else None


def report_for_receipt(code: str) -> Report | None:
    """The report a receipt code opens (a keyed-hash look-up, compared in constant time)."""
    if receipts.normalise(code) is None:
        return None
    candidate = receipts.digest(code)
    report = Report.objects.filter(receipt_digest=candidate).first()
    if report is None or not receipts.matches(candidate, report.receipt_digest):
        return None
    return report


def start_followup(request: HttpRequest, report: Report) -> None:
    """The receipt was right: this session follows the report for a while (a new session id)."""
    request.session.cycle_key()
    request.session[FOLLOWUP_KEY] = {"report": report.pk, "until": time.time() + settings.SANAD_FOLLOWUP_SECONDS}


def followed_report(request: HttpRequest) -> Report | None:
    """The report this session follows, until its follow-up time runs out."""
    held = request.session.get(FOLLOWUP_KEY)
    if not held or held.get("until", 0) < time.time():
        return None
    return Report.objects.filter(pk=held["report"]).first()
