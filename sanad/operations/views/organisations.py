"""Organisations of every kind of DOMAIN.md, for administrators of the centre. Schools are added
with their resource teams by the schools import; their name and contact can change here."""

from typing import TypedDict

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sanad.accounts.models import Organisation
from sanad.accounts.requests import StaffRequest
from sanad.lib.gates import require, staff_view
from sanad.operations import actions
from sanad.operations.access import access_organisation, may_administer, organisations_visible_to
from sanad.operations.forms import OrganisationForm


@require_GET
@staff_view
def organisation_list(request: StaffRequest) -> HttpResponse:
    require(may_administer(request.user))
    kind = request.GET.get("kind", "")
    organisations = organisations_visible_to(request.user).annotate(accounts=Count("staff")).order_by("kind", "name")
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    context = {"organisations": organisations, "kind": kind, "kinds": Organisation.Kind.choices}
    return render(request, "operations/organisations.html", context)


class OrganisationFields(TypedDict):
    name: str
    kind: str
    region_id: int | None
    contact_email: str


def _fields(form: OrganisationForm) -> OrganisationFields:
    data = form.cleaned_data
    region = data["region"]
    return {
        "name": data["name"],
        "kind": data["kind"],
        "region_id": region.pk if region else None,
        "contact_email": data["contact_email"],
    }


@require_http_methods(["GET", "POST"])
@staff_view
def organisation_new(request: StaffRequest) -> HttpResponse:
    require(may_administer(request.user))
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.create_organisation(**_fields(form), by=request.user)
        messages.success(request, _("The organisation is saved. Invite its accounts from the accounts page."))
        return redirect("operations:organisations")
    context = {"form": form, "organisation": None}
    return render(request, "operations/organisation_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@staff_view
@transaction.atomic
def organisation_edit(request: StaffRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, for_update=request.method == "POST")
    initial = {
        "name": organisation.name,
        "kind": organisation.kind,
        "region": organisation.region,
        "contact_email": organisation.contact_email,
    }
    form = OrganisationForm(request.POST or None, initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_organisation(organisation, **_fields(form), by=request.user)
        except actions.AdministrationError as error:
            form.add_error("kind", error.message)
        else:
            messages.success(request, _("The organisation is saved."))
            return redirect("operations:organisations")
    context = {"form": form, "organisation": organisation}
    return render(request, "operations/organisation_form.html", context, status=400 if form.errors else 200)
