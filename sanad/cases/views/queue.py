"""Triage: the queue, a new report, search."""

from django.contrib import messages
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.cases import actions
from sanad.cases.access import access_case, access_report, case_id_by_reference, case_link_of
from sanad.cases.assistant import review_initial, review_of
from sanad.cases.forms import (
    CategoriesForm,
    LinkReportForm,
    OpenCaseForm,
    QueueFilterForm,
    TriageReviewForm,
    assignees,
)
from sanad.cases.queue import Filters, Position, build_queue, case_deadline, report_deadline
from sanad.cases.reading import read_report
from sanad.cases.related import related_reports
from sanad.cases.search import search
from sanad.evidence.viewer import revealed_in
from sanad.intake.models import Report
from sanad.lib.errors import NotFound
from sanad.lib.gates import case_handler_view, staff_view


@staff_view
def home(request: StaffRequest) -> HttpResponse:
    user = request.user
    if user.handles_cases:
        return redirect("cases:queue")
    if user.is_liaison:
        return redirect("cases:referrals")
    if user.is_school_team:
        return redirect("schools:dashboard")
    if user.figures_scope is not None:
        return redirect("stats:dashboard")
    if user.trains:
        return redirect("training:trainer")
    raise NotFound()


@case_handler_view
@require_GET
def queue(request: StaffRequest) -> HttpResponse:
    user = request.user
    handlers = list(assignees(user.organisation_id))
    form = QueueFilterForm(request.GET or None, handlers=handlers)
    chosen = form.valid_values()
    filters = Filters(**{name: value for name, value in chosen.items() if name in form.FILTERS and value})
    found = search(str(chosen.get("q") or ""))
    if found is not None:
        # A search is a reading of personal data: who searched, for what kind of thing, and a keyed
        # hash of what was typed (the same search twice gives the same hash), never the text.
        record(
            user,
            "queue.searched",
            kind=found.kind,
            sought=found.sought,
            results=len(found.waiting_report_ids) + len(found.case_ids),
        )
    before = Position.parse(request.GET.get("before", ""))
    after = None if before else Position.parse(request.GET.get("after", ""))
    queue = build_queue(user, filters=filters, found=found, now=timezone.now(), after=after, before=before)
    context = {
        "form": form,
        "queue": queue,
        "searching": found is not None,
        "paged": bool(after or before or queue.previous or queue.next),
    }
    return render(request, "cases/queue.html", context)


@staff_view
@require_GET
def report_detail(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id)
    record(request.user, "report.viewed", object_type="report", object_id=report.pk)
    return _render_report(request, report)


def _render_report(
    request: StaffRequest,
    report: Report,
    *,
    open_form: OpenCaseForm | None = None,
    link_form: LinkReportForm | None = None,
    categories_form: CategoriesForm | None = None,
    triage_form: TriageReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    prefetch_related_objects([report], "categories", "platforms", "identifiers", "evidence", "messages")
    link = case_link_of(request.user, report)
    current = [item.category for item in report.categories.all()]
    now = timezone.now()
    failed = {"open": open_form, "link": link_form, "categories": categories_form, "assistant": triage_form}
    review = review_of(report)
    context = {
        "failed": next((f"{name}-title" for name, form in failed.items() if form is not None), ""),
        "reading": read_report(report, revealed=revealed_in(request.session)),
        "link": link,
        # Once in a case, the case's deadline is the one that counts.
        "due": link.case.first_action_due if link else report.first_action_due,
        "deadline": case_deadline(link.case, now) if link else report_deadline(report, now),
        "related": related_reports(request.user, [report]),
        "open_form": open_form or OpenCaseForm(urgency=report.urgency),
        "link_form": link_form or LinkReportForm(),
        "categories_form": categories_form or CategoriesForm(initial={"categories": current}),
        "triage_review": review,
        "triage_form": triage_form or TriageReviewForm(initial=review_initial(report, review)),
    }
    return render(request, "cases/report.html", context, status=status)


@staff_view
@require_POST
@transaction.atomic
def open_case(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_update=True)
    form = OpenCaseForm(request.POST, urgency=report.urgency)
    if not form.is_valid():
        return _render_report(request, report, open_form=form, status=400)
    case = actions.open_case(
        report, by=request.user, urgency=form.cleaned_data["urgency"], reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Case %(reference)s is open and assigned to you.") % {"reference": case.reference})
    return redirect("cases:case", case.pk)


@staff_view
@require_POST
@transaction.atomic
def link_report(request: StaffRequest, report_id: int) -> HttpResponse:
    user = request.user
    report = access_report(user, report_id, for_update=True)
    form = LinkReportForm(request.POST)
    case_id = None
    if form.is_valid():
        # Found among the cases this user may see, then fetched (and locked) through the one gate.
        case_id = case_id_by_reference(user, form.cleaned_data["case"])
        if case_id is None:
            form.add_error("case", _("No case has this reference. Check it on the case page."))
    if case_id is None:
        return _render_report(request, report, link_form=form, status=400)
    case = access_case(user, case_id, for_update=True)
    duplicate = form.cleaned_data["duplicate"]
    try:
        actions.link_report(report, case=case, by=user, duplicate=duplicate)
    except actions.CaseClosed as error:
        form.add_error("case", str(error.message))
        return _render_report(request, report, link_form=form, status=400)
    if duplicate:
        messages.success(
            request, _("Report marked as a duplicate in case %(reference)s.") % {"reference": case.reference}
        )
    else:
        messages.success(request, _("Report linked to case %(reference)s.") % {"reference": case.reference})
    return redirect("cases:case", case.pk)


@staff_view
@require_POST
@transaction.atomic
def change_categories(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_update=True)
    form = CategoriesForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, categories_form=form, status=400)
    actions.change_categories(
        report, to=form.cleaned_data["categories"], reason=form.cleaned_data["reason"], by=request.user
    )
    messages.success(request, _("Categories saved."))
    return redirect("cases:report", report.pk)


@staff_view
@require_POST
@transaction.atomic
def review_triage(request: StaffRequest, report_id: int) -> HttpResponse:
    report = access_report(request.user, report_id, for_update=True)
    form = TriageReviewForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, triage_form=form, status=400)
    actions.review_triage(
        report,
        urgency=form.cleaned_data["urgency"],
        signals=form.cleaned_data["signals"],
        categories=form.cleaned_data["categories"],
        by=request.user,
    )
    messages.success(request, _("Your answer is kept: it measures the assistant and helps improve it."))
    return redirect("cases:report", report.pk)
