"""Notifications of the portal's side, sent by the task worker (audit/notify.py: once, no content)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from sanad.audit.notify import notify_once, notify_reporter_once
from sanad.evidence import pipeline
from sanad.intake.file_analysis import apply_file_analysis
from sanad.intake.identifiers import normalise_phone
from sanad.intake.models import Message, Report


@task()
def notify_oncall(report_id: int, because: str = "arrival") -> bool:
    """E-mail the on-call staff about a P0 report (a ticked danger box, danger found in its words,
    or a danger answer in a later message: `because`): its reference and deadline, never its content."""
    with transaction.atomic():
        # Locked and marked in one transaction, so a retried task never sends twice.
        report = Report.objects.select_for_update().get(pk=report_id)
        if because == "arrival" and report.oncall_notified_at is not None:
            return False

        def write() -> str:
            return _(
                "A report with signs of immediate danger arrived at %(arrived)s.\n"
                "Reference: %(reference)s\n"
                "First action due: %(due)s\n\n"
                "Open the back-office to read it: %(link)s\n"
                "This e-mail never carries the report's content."
            ) % {
                "arrived": f"{timezone.localtime(report.submitted_at):%Y-%m-%d %H:%M}",
                "reference": report.reference,
                "due": f"{timezone.localtime(report.first_action_due):%Y-%m-%d %H:%M}",
                "link": settings.SANAD_SITE_URL + reverse("cases:report", args=[report.pk]),
            }

        sent = notify_once(
            key=f"p0_report:{report.pk}:{because}",
            kind="p0_report",
            about=("report", report.pk),
            addresses=settings.SANAD_ONCALL_EMAIL,
            subject=f"[Sanad P0] {report.reference}",
            write=write,
        )
        report.oncall_notified_at = timezone.now()
        report.save(update_fields=["oncall_notified_at"])
        return sent


@task()
def tell_reporter_a_message_waits(message_id: str) -> bool:
    """A reporter who left a contact and agreed to be contacted is told that a message waits (never
    what it says), by the channel they chose, in the language they wrote in."""
    message = Message.objects.select_related("report").filter(pk=message_id).first()
    if message is None or message.author != Message.Author.CENTRE:
        return False
    report = message.report
    if not report.consent_contact or not report.contact:
        return False
    method, _sep, address = report.contact.partition(": ")
    if method in {"phone", "whatsapp"}:
        address = normalise_phone(address)  # the gateway wants E.164

    def write() -> str:
        return _("Sanad: you have a new message about your report. Read it on %(link)s with your receipt code.") % {
            "link": settings.SANAD_SITE_URL + reverse("intake:followup")
        }

    language = report.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Sanad: a message waits for you")
    return notify_reporter_once(
        key=f"reporter_message_waiting:{message.pk}",
        about=("report", report.pk),
        method=method,
        address=address.strip(),
        language=language,
        subject=subject,
        write=write,
    )


@task()
def analyse_report_files(report_id: int) -> None:
    """Run the evidence pipeline for a report's files (a no-op for those already done), then index
    the words read in its screenshots and raise its urgency if a file is known content."""
    for evidence_id in Report.objects.get(pk=report_id).evidence.values_list("pk", flat=True):
        pipeline.process(str(evidence_id))
    apply_file_analysis(report_id)


# A P0 still not told this long after it arrived had its e-mail task lost (below).
FORGOTTEN_AFTER = timedelta(minutes=2)
# Older P0 reports are not told late: the queue has shown them for long.
TOO_LATE = timedelta(days=1)


@task()
def notify_forgotten() -> int:
    """Tell on-call of the P0 reports whose e-mail was never queued: a server killed between the
    commit that saved the report and the queueing that follows it. The scheduler runs it."""
    now = timezone.now()
    waiting = Report.objects.filter(
        urgency="P0",
        oncall_notified_at__isnull=True,
        submitted_at__lt=now - FORGOTTEN_AFTER,
        submitted_at__gte=now - TOO_LATE,
    ).values_list("pk", flat=True)
    forgotten = list(waiting[:100])
    for report_id in forgotten:
        notify_oncall.call(report_id)
    return len(forgotten)
