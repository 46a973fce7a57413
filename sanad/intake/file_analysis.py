"""What a report gains from its files once the worker has analysed them (evidence/pipeline.py).

- The words read in its screenshots join its keyed word index, so staff find the report by a
  word that only a screenshot holds (the text itself stays sealed on the evidence row).
- A file on a known-content hash list raises the report to SANAD_KNOWN_CONTENT_URGENCY (never
  lowers it), with its first-action deadline, and says so in the audit log.

Both are safe to apply again: terms are unique per report, and urgency only rises.
"""

from django.conf import settings
from django.db import transaction

from sanad.audit.log import record
from sanad.evidence.models import Evidence
from sanad.intake import search_terms
from sanad.intake.models import Report, ReportTerm
from sanad.reference import urgency


@transaction.atomic
def apply_file_analysis(report_id: int) -> None:
    # Locked: the triage screens change a report's urgency under the same lock.
    report = Report.objects.select_for_update().get(pk=report_id)
    files = list(report.evidence.filter(analysis=Evidence.Analysis.DONE))
    text = "\n".join(item.ocr_text for item in files if item.ocr_text_sealed)
    if text:
        ReportTerm.objects.bulk_create(
            [ReportTerm(report=report, term=term) for term in search_terms.terms(text)], ignore_conflicts=True
        )
    level = settings.SANAD_KNOWN_CONTENT_URGENCY
    if level and any(item.known for item in files) and level < report.urgency:
        previous = report.urgency
        report.urgency = level
        report.first_action_due = urgency.first_action_due(level, received_at=report.submitted_at)
        report.save(update_fields=["urgency", "first_action_due", "updated_at"])
        record(
            None,
            "report.urgency_raised",
            object_type="report",
            object_id=report.pk,
            old=previous,
            new=level,
            why="known_content",
        )
