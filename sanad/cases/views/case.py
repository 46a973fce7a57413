"""A case: its reports, files, timeline and the changes an analyst makes to it."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sanad.accounts.models import User
from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.cases import actions, deadlines, notices
from sanad.cases.access import (
    CaseNotFound,
    access_case,
    access_evidence,
    case_evidence,
    reports_of,
    reports_visible_to,
)
from sanad.cases.forms import (
    AssignForm,
    CloseForm,
    MessageForm,
    NoteForm,
    ReopenForm,
    StatusForm,
    UrgencyForm,
    WaitingOn,
    display_name,
)
from sanad.cases.models import Case, Referral
from sanad.cases.queue import case_deadline
from sanad.cases.reading import duration, read_report
from sanad.cases.related import related_reports
from sanad.cases.school_reading import SchoolReading, load_run, read_school_case
from sanad.cases.timeline import case_timeline
from sanad.evidence import viewer
from sanad.evidence.actions import release_known, reveal_file
from sanad.evidence.models import Evidence
from sanad.evidence.viewer import remember_reveal, revealed_in
from sanad.lib.gates import require, staff_view
from sanad.schools import actions as school_actions
from sanad.schools.access import RunNotFound, access_run


@staff_view
@require_GET
def case_detail(request: StaffRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    record(request.user, "case.viewed", object_type="case", object_id=case.pk)
    if case.school_case_id is not None:
        # The page shows the school case's whole record too: reading it is recorded as such.
        record(
            request.user, "school_case.viewed", object_type="school_case", object_id=case.school_case_id, case=case.pk
        )
    return _render_case(request, case)


def _render_case(
    request: StaffRequest, case: Case, *, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    """The case page; `bound` holds a form that came back with errors, shown as it was sent."""
    reports = reports_of(case)
    notes = list(case.notes.select_related("author"))
    referrals = list(case.referrals.select_related("organisation"))
    # Each platform referral's notices, with the time to removal of those taken down.
    rows = notices.rows_of(referrals)
    for referral in referrals:
        referral.notice_rows = [(row, None) for row in rows.get(referral.pk, [])]  # type: ignore[attr-defined]
    revealed = revealed_in(request.session)
    readings = [(report.case_link, read_report(report, revealed=revealed)) for report in reports]
    page_forms: dict[str, forms.Form] = {
        "assign": AssignForm(case=case),
        "urgency": UrgencyForm(initial={"urgency": case.urgency}),
        "status": StatusForm(case=case),
        "close": CloseForm(),
        "reopen": ReopenForm(),
        "note": NoteForm(),
        "message": MessageForm(reports=reports),
        **(bound or {}),
    }
    context = {
        # A form sent back with errors is further down the page: the top says where.
        "failed": f"{next(iter(bound))}-title" if bound else "",
        "case": case,
        "deadline": case_deadline(case, timezone.now()),
        "reporter_waiting": case.reporter_waiting_since is not None
        or any(report.reporter_waiting_since for report in reports),
        "deadline_span": duration(deadlines.window(deadlines.FIRST_ACTION, case.urgency, "")),
        "waiting_on": WaitingOn.LABELS.get(case.waiting_on, ""),
        "readings": readings,
        "timeline": case_timeline(case, reports=reports, notes=notes, referrals=referrals),
        "referrals": referrals,
        "related": related_reports(request.user, reports),
        "forms": page_forms,
        "school": _school_reading(request, case, referrals, revealed),
        "case_files": [file for _link, reading in readings for file in reading.files],
    }
    return render(request, "cases/case.html", context, status=status)


def _school_reading(
    request: StaffRequest, case: Case, referrals: list[Referral], revealed: set[str]
) -> SchoolReading | None:
    if case.school_case_id is None:
        return None
    try:
        run = access_run(request.user, case.school_case_id)
    except RunNotFound:
        return None
    return read_school_case(load_run(run), case=case, referrals=referrals, revealed=revealed, now=timezone.now())


def _changing(request: StaffRequest, case_id: int) -> Case:
    """The case a change is about, locked until the change is saved."""
    return access_case(request.user, case_id, for_update=True)


@staff_view
@require_POST
@transaction.atomic
def assign(request: StaffRequest, case_id: int) -> HttpResponse:
    case = _changing(request, case_id)
    form = AssignForm(request.POST, case=case)
    if not form.is_valid():
        return _render_case(request, case, bound={"assign": form}, status=400)
    assignee = form.cleaned_data["assignee"]
    actions.assign_case(case, to=assignee, by=request.user)
    if assignee is None:
        messages.success(request, _("The case is now unassigned."))
    else:
        messages.success(request, _("The case is now assigned to %(name)s.") % {"name": display_name(assignee)})
    return redirect("cases:case", case.pk)


@staff_view
@require_POST
@transaction.atomic
def change_urgency(request: StaffRequest, case_id: int) -> HttpResponse:
    case = _changing(request, case_id)
    form = UrgencyForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, bound={"urgency": form}, status=400)
    actions.change_urgency(case, to=form.cleaned_data["urgency"], reason=form.cleaned_data["reason"], by=request.user)
    messages.success(request, _("Urgency saved; the deadline follows it."))
    return redirect("cases:case", case.pk)


@staff_view
@require_POST
@transaction.atomic
def change_status(request: StaffRequest, case_id: int) -> HttpResponse:
    case = _changing(request, case_id)
    form = StatusForm(request.POST, case=case)
    if not form.is_valid():
        return _render_case(request, case, bound={"status": form}, status=400)
    actions.set_case_status(
        case, to=form.cleaned_data["status"], waiting_on=form.cleaned_data["waiting_on"], by=request.user
    )
    messages.success(request, _("Status saved."))
    return redirect("cases:case", case.pk)


@staff_view
@require_POST
@transaction.atomic
def close(request: StaffRequest, case_id: int) -> HttpResponse:
    case = _changing(request, case_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, bound={"close": form}, status=400)
    actions.close_case(case, outcome=form.cleaned_data["outcome"], by=request.user)
    messages.success(request, _("Case closed. The reporter sees it closed and their contact details were deleted."))
    return redirect("cases:case", case.pk)


@staff_view
@require_POST
@transaction.atomic
def reopen(request: StaffRequest, case_id: int) -> HttpResponse:
    case = _changing(request, case_id)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, bound={"reopen": form}, status=400)
    actions.reopen_case(case, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(request, _("Case reopened."))
    return redirect("cases:case", case.pk)


@staff_view
@require_POST
@transaction.atomic
def add_note(request: StaffRequest, case_id: int) -> HttpResponse:
    case = _changing(request, case_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, bound={"note": form}, status=400)
    actions.add_note(case, body=form.cleaned_data["body"], by=request.user)
    messages.success(request, _("Note added."))
    return redirect(reverse("cases:case", args=[case.pk]) + "#timeline")


@staff_view
@require_POST
@transaction.atomic
def message_reporter(request: StaffRequest, case_id: int) -> HttpResponse:
    case = _changing(request, case_id)
    reports = reports_of(case)
    form = MessageForm(request.POST, reports=reports)
    if not form.is_valid():
        return _render_case(request, case, bound={"message": form}, status=400)
    report = next(report for report in reports if report.pk == form.cleaned_data["report"])
    actions.message_reporter(case, report, body=form.cleaned_data["body"], by=request.user)
    messages.success(request, _("Message sent. The reporter reads it with their receipt."))
    return redirect(reverse("cases:case", args=[case.pk]) + "#timeline")


@staff_view
@require_POST
@transaction.atomic
def share_with_school(request: StaffRequest, case_id: int) -> HttpResponse:
    """Show one file of the case to the school's resource team (it sees no file otherwise)."""
    case = _changing(request, case_id)
    if case.school_case_id is None:
        raise CaseNotFound()  # no school to show it to: the same answer as any other wrong address
    run = access_run(request.user, case.school_case_id, for_update=True)
    evidence = case_evidence(case, request.POST.get("evidence", ""))
    school_actions.share_evidence(run, [str(evidence.pk)], by=request.user)
    messages.success(request, _("The school's resource team can now see this file."))
    return redirect(reverse("cases:case", args=[case.pk]) + f"#share-{evidence.pk}")


# --- The evidence viewer -----------------------------------------------------------------


@staff_view
@require_GET
def evidence_preview(request: StaffRequest, evidence_id: object) -> HttpResponse:
    """The sealed preview the worker made: blurred until revealed; other files only once revealed, as a download."""
    evidence = access_evidence(request.user, str(evidence_id))
    revealed = str(evidence.pk) in revealed_in(request.session)
    response = viewer.response_for(evidence, revealed=revealed, download_name=f"evidence-{evidence.pk.hex[:12]}")
    record(request.user, "evidence.viewed", object_type="evidence", object_id=evidence.pk, blurred=not revealed)
    # Pictures load while the analyst may be revealing another one; the session is saved whole,
    # so a picture's request must not write back the copy it read (and undo that reveal).
    request.session.modified = False
    return response


@staff_view
@require_POST
@transaction.atomic
def reveal_evidence(request: StaffRequest, evidence_id: object) -> HttpResponse:
    user = request.user
    evidence = access_evidence(user, str(evidence_id))
    reveal_file(evidence, by=user)
    remember_reveal(request.session, evidence)
    if not user.handles_cases:
        return redirect("cases:referrals")
    return _back_to_file(user, evidence)


@staff_view
@require_POST
@transaction.atomic
def release_known_evidence(request: StaffRequest, evidence_id: object) -> HttpResponse:
    """A supervisor records why a file on a known-content list must be shown (then blurred, as any other)."""
    require(request.user.supervises)
    evidence = access_evidence(request.user, str(evidence_id))
    release_known(evidence, reason=request.POST.get("reason", "")[:2000], by=request.user)
    messages.success(request, _("The file can now be shown, blurred first. Your reason is recorded."))
    return _back_to_file(request.user, evidence)


def _back_to_file(user: User, evidence: Evidence) -> HttpResponse:
    """Back to where the file was shown: its case, else its report, else the queue."""
    report = reports_visible_to(user).filter(evidence=evidence).select_related("case_link").order_by("pk").first()
    link = getattr(report, "case_link", None)
    if link is not None:
        back = reverse("cases:case", args=[link.case_id])
    elif report is not None:
        back = reverse("cases:report", args=[report.pk])
    else:
        back = reverse("cases:queue")
    return redirect(f"{back}#evidence-{evidence.pk}")
