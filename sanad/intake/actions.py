"""Changes to reports and drafts: atomic, with their side effects after commit."""

from collections.abc import Set as AbstractSet
from datetime import timedelta
from typing import cast

from django import forms
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
from sanad.intake import receipts, search_terms, wizard
from sanad.intake.forms import WhereForm
from sanad.intake.identifiers import NormalisedIdentifier
from sanad.intake.models import (
    Channel,
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
from sanad.intake.tasks import analyse_report_files, notify_oncall, tell_reporter_a_message_waits
from sanad.lib.errors import SanadError
from sanad.reference import urgency
from sanad.triage.suggestion import suggest

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
    if draft.report is not None:  # no query when there is none
        return draft.report, draft.receipt
    unfinished, forms = wizard.check(wizard.load_answers(draft))
    if unfinished is not None:
        raise DraftIncomplete(unfinished)
    evidence = list(draft.evidence.all()) if draft.has_files else []
    report, receipt = receive_answers(
        forms, language=language, channel=Channel.WEB, evidence=evidence, over_limit=over_limit
    )
    draft.report = report
    draft.answers_sealed = None  # the answers now live in the report; keep only the receipt
    draft.receipt = receipt
    draft.save(update_fields=["report", "answers_sealed", "receipt_sealed", "updated_at"])
    if evidence:
        draft.evidence.clear()
    return report, receipt


@transaction.atomic(savepoint=False)
def receive_answers(
    answered: dict[str, forms.Form],
    *,
    language: str,
    channel: str,
    evidence: list[Evidence],
    over_limit: bool = False,
) -> tuple[Report, str]:
    """A report from the wizard's answers, validated (`answered`, one form per step): the portal's,
    or what staff typed for a report received by phone, e-mail or in person. Same rules, same sealing.
    `over_limit`: sent while its network's report limit was met (marked unless it has a danger answer)."""
    danger, what, where = answered["danger"].cleaned_data, answered["what"].cleaned_data, answered["where"].cleaned_data
    child, contact = answered["child"].cleaned_data, answered["contact"].cleaned_data
    flags = {name: danger[name] == "yes" for name in ("danger_now", "self_harm", "sextortion_deadline")}
    told = set(child["told"])
    report = Report(
        channel=channel,
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
    receipt = receive_report(
        report,
        description=what["description"],
        school=contact["school"].strip(),
        contact=f"{contact['contact_method']}: {contact['contact_value'].strip()}" if report.consent_contact else "",
        categories=what["categories"],
        platforms=where["platforms"],
        identifiers=cast(WhereForm, answered["where"]).parsed_identifiers(),  # the where step's form
        evidence=evidence,
    )
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

    The triage assistant reads the description here, in the send's transaction (about a
    millisecond for a usual text: docs/triage-assistant.md): danger it finds raises the urgency
    at once, so the report is ranked, and a P0 alerts the on-call staff, as a ticked box does.
    Its status history starts at `submitted_at` (Report.status_history), with no row of its own.
    """
    received_at = report.submitted_at
    answered = urgency.urgency_for(
        danger_now=report.danger_now,
        self_harm=report.self_harm,
        sextortion_deadline=report.sextortion_deadline,
        categories=set(categories),
    )
    suggestion = suggest(description)
    report.urgency = urgency.raised(answered, suggestion.urgency)
    report.triage = {**suggestion.record(), "answered": answered}
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
        # The worker may have analysed the files already (they were sealed during the wizard):
        # this indexes their words and applies a known-content match to the new report.
        transaction.on_commit(lambda: analyse_report_files.enqueue(report.pk))
    if report.urgency == "P0":
        transaction.on_commit(lambda: notify_oncall.enqueue(report.pk))
    return receipt


def _reporter_wrote(report: Report) -> None:
    """The reporter is waiting for an answer from now (if not already): the back-office reads this
    flag, shows it in its queue and reopens a closed case (cases.tasks.pick_up_reporter_activity)."""
    if report.reporter_waiting_since is None:
        report.reporter_waiting_since = timezone.now()
        report.save(update_fields=["reporter_waiting_since", "updated_at"])


DANGER_FLAGS = ("danger_now", "self_harm", "sextortion_deadline")


@transaction.atomic
def add_reporter_message(report: Report, body: str, *, danger: AbstractSet[str] = frozenset()) -> Message:
    """A reporter's message on their report. A danger answer makes the report P0 at once (never
    lower) and calls the on-call staff, exactly as a ticked box on the first step does."""
    message = Message(report=report, author=Message.Author.REPORTER)
    message.body = body
    message.save()
    _reporter_wrote(report)
    flags = set(danger) & set(DANGER_FLAGS)
    if flags:
        raise_to_p0(report, flags=flags)
        transaction.on_commit(lambda: notify_oncall.enqueue(report.pk, f"message:{message.pk}"))
    return message


def raise_to_p0(report: Report, *, flags: set[str]) -> None:
    """Danger found after the report arrived: P0 with its one-hour deadline, the flags kept."""
    for name in flags:
        setattr(report, name, True)
    report.urgency = "P0"
    report.first_action_due = min(report.first_action_due, urgency.first_action_due("P0", received_at=timezone.now()))
    report.save(update_fields=[*sorted(flags), "urgency", "first_action_due", "updated_at"])


def add_reporter_evidence(report: Report, upload: UploadedFile, *, max_files: int) -> Evidence:
    if isinstance(upload, RefusedUpload):
        raise upload.refusal
    if report.evidence.count() >= max_files:
        raise TooManyFiles()
    with transaction.atomic():
        evidence = capture_file(upload.read(), name=upload.name or "", actor="reporter")
        report.evidence.add(evidence)
        _reporter_wrote(report)
        transaction.on_commit(lambda: analyse_report_files.enqueue(report.pk))
    return evidence


@transaction.atomic
def send_centre_message(report: Report, body: str) -> Message:
    """A message from the centre to the reporter (the back-office calls this): the reporter is answered."""
    message = Message(report=report, author=Message.Author.CENTRE)
    message.body = body
    message.save()
    transaction.on_commit(lambda: tell_reporter_a_message_waits.enqueue(str(message.pk)))
    if report.reporter_waiting_since is not None:
        report.reporter_waiting_since = None
        report.save(update_fields=["reporter_waiting_since", "updated_at"])
    return message


@transaction.atomic
def note_heard_from(report: Report, answer: str) -> None:
    """The reporter's optional answer to "how did you hear of Sanad?", kept once."""
    if report.heard_from is None:
        report.heard_from = answer
        report.save(update_fields=["heard_from", "updated_at"])


def mark_triaged(report: Report) -> None:
    """The centre took the report in (a case opened for it, or it joined one): it leaves the queue."""
    if report.triaged_at is None:
        report.triaged_at = timezone.now()
        report.save(update_fields=["triaged_at", "updated_at"])


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
