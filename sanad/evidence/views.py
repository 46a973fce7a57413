"""Exposure: each person sees their own reveals by day; a supervisor sees the team's today."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.evidence import exposure
from sanad.evidence.access import access_exposure, supervised_by
from sanad.lib.gates import require, staff_view


@staff_view
@require_GET
def exposure_page(request: StaffRequest) -> HttpResponse:
    require(request.user.sees_files)
    raw = request.GET.get("person", "")
    person = access_exposure(request.user, int(raw) if raw.isdigit() else None)
    if person != request.user:
        record(request.user, "exposure.viewed", object_type="user", object_id=person.pk)
    team = exposure.today_for(supervised_by(request.user)) if person == request.user else []
    context = {
        "person": person,
        "own": person == request.user,
        "days": exposure.days_of(person),
        "team": team,
        "families": exposure.FAMILIES,
        "threshold": settings.SANAD_EXPOSURE_DAILY_THRESHOLD,
    }
    return render(request, "evidence/exposure.html", context)
