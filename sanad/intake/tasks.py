from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sanad.evidence import pipeline
from sanad.intake.file_analysis import apply_file_analysis
from sanad.intake.models import Report


@task()
def notify_oncall(report_id: int) -> None:
    """E-mail the on-call staff about a P0 report: its reference only, never its content."""
    with transaction.atomic():
        # Locked and marked in one transaction, so a retried task never sends twice.
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.oncall_notified_at is not None:
            return
        send_mail(
            subject=f"[Sanad P0] {report.reference}",
            message=(
                f"A report with immediate danger signals arrived at {report.submitted_at:%Y-%m-%d %H:%M %Z}.\n"
                f"Reference: {report.reference}\n"
                f"First action due: {report.first_action_due:%Y-%m-%d %H:%M %Z}\n\n"
                "Open the back-office to read it. This e-mail never carries the report's content.\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=settings.SANAD_ONCALL_EMAIL,
        )
        report.oncall_notified_at = timezone.now()
        report.save(update_fields=["oncall_notified_at"])


@task()
def analyse_report_files(report_id: int) -> None:
    """Run the evidence pipeline for a report's files (a no-op for those already done), then index
    the words read in its screenshots and raise its urgency if a file is known content."""
    for evidence_id in Report.objects.get(pk=report_id).evidence.values_list("pk", flat=True):
        pipeline.process(str(evidence_id))
    apply_file_analysis(report_id)
