"""A school case that asked the centre, before anyone of the centre has triaged it."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.cases import actions
from sanad.cases.access import case_of_school_request
from sanad.cases.forms import OpenCaseForm
from sanad.cases.school_reading import load_run, read_school_case
from sanad.evidence.viewer import revealed_in
from sanad.lib.gates import case_handler_view
from sanad.schools.access import access_run
from sanad.schools.models import ProtocolRun


def _render(request: HttpRequest, run: ProtocolRun, form: OpenCaseForm, status: int = 200) -> HttpResponse:
    school = read_school_case(
        load_run(run), case=None, referrals=[], revealed=revealed_in(request.session), now=timezone.now()
    )
    return render(request, "cases/school_request.html", {"run": run, "school": school, "form": form}, status=status)


@case_handler_view
@require_GET
def school_request(request: StaffRequest, run_id: int) -> HttpResponse:
    run = access_run(request.user, run_id)
    case = case_of_school_request(request.user, run)
    if case is not None:  # already triaged: its case is where it is handled
        return redirect("cases:case", case.pk)
    record(request.user, "school_case.viewed", object_type="school_case", object_id=run.pk)
    return _render(request, run, OpenCaseForm(urgency=run.centre_urgency))


@case_handler_view
@require_POST
@transaction.atomic
def open_school_case(request: StaffRequest, run_id: int) -> HttpResponse:
    # Locked: two analysts triaging the same request at once make one case, not two.
    run = access_run(request.user, run_id, for_update=True)
    case = case_of_school_request(request.user, run)
    if case is not None:
        return redirect("cases:case", case.pk)
    form = OpenCaseForm(request.POST, urgency=run.centre_urgency)
    if not form.is_valid():
        return _render(request, run, form, status=400)
    case = actions.open_case_from_school(
        run, by=request.user, urgency=form.cleaned_data["urgency"], reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Case %(reference)s is open and assigned to you.") % {"reference": case.reference})
    return redirect("cases:case", case.pk)
