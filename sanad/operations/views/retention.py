"""Retention for those who supervise: the periods in force, what will be erased in the next
30 days, and the legal holds (set and lifted with a reason)."""

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.cases.models import Case
from sanad.cases.reading import duration
from sanad.lib.gates import require, staff_view
from sanad.operations import actions, retention
from sanad.operations.access import HoldNotFound, access_hold, find_holdable, holds_visible_to, may_hold
from sanad.operations.forms import HoldForm, ReasonForm

SHOWN = 200  # rows of the 30-day list; the totals count everything


def _render(request: StaffRequest, *, hold_form: HoldForm | None = None, status: int = 200) -> HttpResponse:
    now = timezone.now()
    coming = sorted(retention.due(now + retention.LOOK_AHEAD), key=lambda item: item.erase_at)
    held = [item for item in coming if item.held]
    to_erase = [item for item in coming if not item.held]
    holds = list(holds_visible_to(request.user).in_force().order_by("-set_at"))
    context = {
        "now": now,
        "policy": [("draft", duration(settings.SANAD_DRAFT_LIFETIME))]
        + [(key, duration(period)) for key, period in sorted(settings.SANAD_RETENTION.items())],
        "to_erase": to_erase[:SHOWN],
        "totals": Counter(item.what for item in to_erase),
        "held_due": held,
        "holds": holds,
        "look_ahead_days": retention.LOOK_AHEAD.days,
        "hold_form": hold_form or HoldForm(),
        "lift_form": ReasonForm(),
        "shown": SHOWN,
    }
    # What the page shows are references and dates; reading the holds' sealed reasons is audited.
    if holds:
        record(request.user, "retention.holds_viewed", holds=len(holds))
    return render(request, "operations/retention.html", context, status=status)


@require_GET
@staff_view
def retention_page(request: StaffRequest) -> HttpResponse:
    require(may_hold(request.user))
    return _render(request)


@staff_view
@require_POST
@transaction.atomic
def set_hold(request: StaffRequest) -> HttpResponse:
    require(may_hold(request.user))
    form = HoldForm(request.POST)
    if form.is_valid():
        try:
            held = find_holdable(request.user, form.cleaned_data["reference"])
        except HoldNotFound as error:
            form.add_error("reference", error.message)
        else:
            if isinstance(held, Case):
                actions.set_hold(case=held, reason=form.cleaned_data["reason"], by=request.user)
            else:
                actions.set_hold(school_case=held, reason=form.cleaned_data["reason"], by=request.user)
            messages.success(
                request,
                _("The hold is set: nothing of %(reference)s will be erased until it is lifted.")
                % {"reference": held.reference},
            )
            return redirect("operations:retention")
    return _render(request, hold_form=form, status=400)


@staff_view
@require_POST
@transaction.atomic
def lift_hold(request: StaffRequest, hold_id: str) -> HttpResponse:
    hold = access_hold(request.user, hold_id, for_update=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the hold is lifted, in a few words."))
        return redirect("operations:retention")
    try:
        actions.lift_hold(hold, reason=form.cleaned_data["reason"], by=request.user)
    except actions.AdministrationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The hold is lifted: retention applies again."))
    return redirect("operations:retention")
