"""Oversight: the supervisor's page."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sanad.accounts.requests import StaffRequest
from sanad.cases import supervision as reading
from sanad.lib.gates import staff_view


@require_GET
@staff_view
def supervision(request: StaffRequest) -> HttpResponse:
    return render(request, "cases/supervision.html", reading.read(request.user, timezone.now()))
