"""Changes to reports and drafts: atomic, with their side effects after commit."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.evidence.actions import capture_file, discard_evidence
from sanad.evidence.models import Evidence
from sanad.evidence.uploads import RefusedUpload, UploadRefused
from sanad.intake import receipts, search_terms, urgency, wizard
from sanad.intake.identifiers import NormalisedIdentifier
from sanad.intake.models import (
    Identifier,
    Message,
    PublicStatus,
    Report,
    ReportCategory,
    ReportDraft,
    ReportPlatform,
    ReportTerm,
    StatusChange,
)
from sanad.intake.tasks import notify_oncall
from sanad.lib.errors import SanadError

# How long the receipt stays on screen after sending (a reload or a double tap shows it again).
RECEIPT_DISPLAY = timedelta(minutes=30)


class DraftIncomplete(SanadError):
    code = "draft_incomplete"
    message = _("Some answers are missing. Please check this step.")

    def __init__(self, step: wizard.Step) -> None:
        super().__init__()
        self.step = step


class TooManyFiles(UploadRefused):
    code = "too_many_files"
    message = _("You have reached the maximum number of files.")


def save_step(draft: ReportDraft, slug: str, values: dict[str, str | list[str]], *, going_to: str) -> None:
    """Keep a step's answers as typed, and the step the reporter goes on to (where
    "Continue my report" leads)."""
    answers = wizard.load_answers(draft)
    answers[slug] = values
    answers[wizard.STOPPED] = {"at": going_to}
    wizard.seal_answers(draft, answers)
    draft.save()


def attach_upload(draft: ReportDraft, upload: UploadedFile, *, max_files: int) -> Evidence:
    """Seal one file into the draft, or raise UploadRefused naming why."""
    if isinstance(upload, RefusedUpload):
        raise upload.refusal
    if draft.evidence.count() >= max_files:
        raise TooManyFiles()
    with transaction.atomic():
        evidence = capture_file(upload.read(), name=upload.name or "", actor="reporter")
        draft.evidence.add(evidence)
    return evidence


@transaction.atomic
def remove_upload(draft: ReportDraft, evidence_id: str) -> None:
    try:
        evidence = draft.evidence.filter(pk=evidence_id).first()
    except ValidationError:  # not an evidence id at all, so nothing of this draft's
        return
    if evidence is not None:
        discard_evidence(evidence)


@transaction.atomic
def submit_report(draft_id: str, *, language: str, over_limit: bool = False) -> tuple[Report, str]:
    """Turn a complete draft into a report in the triage queue; return it with its receipt.

    `over_limit`: its network's report limit was met; the report is saved all the same, and
    marked unless it has a danger answer. Sending twice (a double tap, a reload) returns the
    same report and receipt. Raises
    ReportDraft.DoesNotExist for an unknown draft, DraftIncomplete naming the first step
    left to answer.
    """
    # Lock the draft: two "send" requests racing must not make two reports. Whether it holds
    # files comes with it, so a report without any reads no evidence.
    draft = (
        ReportDraft.objects.select_for_update()
        .annotate(has_files=Exists(ReportDraft.evidence.through.objects.filter(reportdraft=OuterRef("pk"))))
        .get(pk=draft_id)
    )
    if draft.report_id is not None:
        return draft.report, draft.receipt
    unfinished, forms = wizard.check(wizard.load_answers(draft))
    if unfinished is not None:
        raise DraftIncomplete(unfinished)
    danger, what, where = forms["danger"].cleaned_data, forms["what"].cleaned_data, forms["where"].cleaned_data
    child, contact = forms["child"].cleaned_data, forms["contact"].cleaned_data

    flags = {name: danger[name] == "yes" for name in ("danger_now", "self_harm", "sextortion_deadline")}
    told = set(child["told"])
    report = Report(
        language=language,
        reporter_role=what["reporter_role"],
        started=where["started"],
        ongoing=where["ongoing"],
        victim_age_band=child["victim_age_band"],
        victim_gender=child["victim_gender"],
        region=child["region"],
        told_parent="parent" in told,
        told_teacher="teacher" in told,
        told_friend="friend" in told,
        told_other_adult="other_adult" in told,
        told_nobody="nobody" in told,
        consent_contact=contact["wants_contact"] == "yes",
        consent_share=contact["consent_share"] == "yes",
        arrived_over_limit=over_limit and not any(flags.values()),
        **flags,
    )
    evidence = list(draft.evidence.all()) if draft.has_files else []
    receipt = receive_report(
        report,
        description=what["description"],
        school=contact["school"].strip(),
        contact=f"{contact['contact_method']}: {contact['contact_value'].strip()}" if report.consent_contact else "",
        categories=what["categories"],
        platforms=where["platforms"],
        identifiers=forms["where"].parsed_identifiers(),  # type: ignore[attr-defined]
        evidence=evidence,
    )
    draft.report = report
    draft.answers_sealed = None  # the answers now live in the report; keep only the receipt
    draft.receipt = receipt
    draft.save(update_fields=["report", "answers_sealed", "receipt_sealed", "updated_at"])
    if evidence:
        draft.evidence.clear()
    return report, receipt


@transaction.atomic(savepoint=False)  # no savepoint: every caller lets an error roll its whole transaction back
def receive_report(
    report: Report,
    *,
    description: str,
    school: str,
    contact: str,
    categories: list[str],
    platforms: list[str],
    identifiers: list[NormalisedIdentifier],
    evidence: list[Evidence],
) -> str:
    """Save a new report (from any channel) in the triage queue, ranked; return its receipt.

    Its status history starts at `submitted_at` (Report.status_history), with no row of its own.
    """
    received_at = report.submitted_at
    report.urgency = urgency.urgency_for(
        danger_now=report.danger_now,
        self_harm=report.self_harm,
        sextortion_deadline=report.sextortion_deadline,
        categories=set(categories),
    )
    report.first_action_due = urgency.first_action_due(report.urgency, received_at=received_at)
    receipt = receipts.new_receipt()
    report.receipt_digest = receipts.digest(receipt)
    report.description = description
    report.school = school
    report.contact = contact
    report.save(force_insert=True)
    # One INSERT per table, none for what the reporter left empty.
    ReportCategory.objects.bulk_create(ReportCategory(report=report, category=code) for code in categories)
    if platforms:
        ReportPlatform.objects.bulk_create(ReportPlatform(report=report, platform=code) for code in platforms)
    if identifiers:
        Identifier.objects.bulk_create(found.row_of(report) for found in identifiers)
    ReportTerm.objects.bulk_create(ReportTerm(report=report, term=term) for term in search_terms.terms(description))
    if evidence:
        report.evidence.add(*evidence)
    if report.urgency == "P0":
        transaction.on_commit(lambda: notify_oncall.enqueue(report.pk))
    return receipt


@transaction.atomic
def add_reporter_message(report: Report, body: str) -> Message:
    message = Message(report=report, author=Message.Author.REPORTER)
    message.body = body
    message.save()
    return message


def add_reporter_evidence(report: Report, upload: UploadedFile, *, max_files: int) -> Evidence:
    if isinstance(upload, RefusedUpload):
        raise upload.refusal
    if report.evidence.count() >= max_files:
        raise TooManyFiles()
    with transaction.atomic():
        evidence = capture_file(upload.read(), name=upload.name or "", actor="reporter")
        report.evidence.add(evidence)
    return evidence


@transaction.atomic
def send_centre_message(report: Report, body: str) -> Message:
    """A message from the centre to the reporter (the back-office calls this)."""
    message = Message(report=report, author=Message.Author.CENTRE)
    message.body = body
    message.save()
    return message


@transaction.atomic
def set_public_status(report: Report, status: str) -> None:
    """Move the status the reporter sees; closing deletes the contact details (ARCHITECTURE.md)."""
    if report.status == status:
        return
    report.status = status
    fields = ["status", "updated_at"]
    if status == PublicStatus.CLOSED:
        report.contact_sealed = None
        fields.append("contact_sealed")
    report.save(update_fields=fields)
    StatusChange.objects.create(report=report, status=status)


@transaction.atomic
def purge_drafts() -> int:
    """Delete drafts nobody finished, and receipts past their display time, with their files."""
    now = timezone.now()
    stale = ReportDraft.objects.filter(report__isnull=True, updated_at__lt=now - settings.SANAD_DRAFT_LIFETIME)
    shown = ReportDraft.objects.filter(report__isnull=False, updated_at__lt=now - RECEIPT_DISPLAY)
    count = 0
    for draft in list(stale) + list(shown):
        for evidence in draft.evidence.all():
            discard_evidence(evidence)
        draft.delete()
        count += 1
    return count
