"""Staff and liaison accounts, for administrators of the centre: invite, change role,
deactivate, send a new welcome link, and reset a lost authenticator with a second administrator."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.accounts.models import Organisation, User
from sanad.accounts.requests import StaffRequest
from sanad.accounts.second_factor import second_factor
from sanad.audit.log import record
from sanad.lib.gates import require, staff_view
from sanad.operations import actions
from sanad.operations.access import (
    access_account,
    access_reset,
    accounts_visible_to,
    may_administer,
    resets_visible_to,
)
from sanad.operations.forms import InviteForm, ResetForm, RoleForm
from sanad.operations.models import AuthenticatorReset

PAGE_SIZE = 50


@require_GET
@staff_view
def account_list(request: StaffRequest) -> HttpResponse:
    require(may_administer(request.user))
    accounts = accounts_visible_to(request.user).order_by("organisation__kind", "organisation__name", "username")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        accounts = accounts.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    kind = request.GET.get("kind", "")
    if kind in Organisation.Kind.values:
        accounts = accounts.filter(organisation__kind=kind)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    pending = resets_visible_to(request.user).filter(status=AuthenticatorReset.Status.PENDING)
    context = {"page": page, "query": query, "kind": kind, "kinds": Organisation.Kind.choices, "pending": pending}
    return render(request, "operations/accounts.html", context)


@require_http_methods(["GET", "POST"])
@staff_view
def invite(request: StaffRequest) -> HttpResponse:
    require(may_administer(request.user))
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = actions.invite_account(**form.cleaned_data, by=request.user)
        except actions.AdministrationError as error:
            form.add_error("username" if isinstance(error, actions.UsernameTaken) else None, error.message)
        else:
            messages.success(
                request, _("The account is made. Its owner gets an e-mail with a link to choose a password.")
            )
            return redirect("operations:account", account.pk)
    return render(request, "operations/invite.html", {"form": form}, status=400 if form.errors else 200)


def _render_account(
    request: StaffRequest, account: User, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    bound = bound or {}
    resets = list(resets_visible_to(request.user).filter(account=account)[:10])
    pending = next((reset for reset in resets if reset.status == AuthenticatorReset.Status.PENDING), None)
    context = {
        "account": account,
        "second_factor": second_factor(account),
        "password_chosen": account.has_usable_password(),
        "resets": resets,
        "pending": pending,
        "may_approve": pending is not None and request.user.pk not in {pending.requested_by_id, account.pk},
        "is_self": account.pk == request.user.pk,
        "role_form": bound.get("role")
        or RoleForm(initial={"organisation": account.organisation, "role": account.role}),
        "reset_form": bound.get("reset") or ResetForm(),
    }
    return render(request, "operations/account.html", context, status=status)


@require_GET
@staff_view
def account_detail(request: StaffRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id)
    record(request.user, "account.viewed", object_type="user", object_id=account.pk)
    return _render_account(request, account)


def _done(request: HttpRequest, account: User, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("operations:account", account.pk)


def _refused(request: HttpRequest, account: User, error: actions.AdministrationError) -> HttpResponse:
    messages.error(request, str(error.message))
    return redirect("operations:account", account.pk)


@staff_view
@require_POST
@transaction.atomic
def change_role(request: StaffRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id, for_update=True)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _render_account(request, account, bound={"role": form}, status=400)
    try:
        actions.change_role(account, **form.cleaned_data, by=request.user)
    except actions.AdministrationError as error:
        if isinstance(error, actions.RoleDoesNotFit):
            form.add_error("role", error.message)
            return _render_account(request, account, bound={"role": form}, status=400)
        return _refused(request, account, error)
    return _done(request, account, _("Role saved. The account was signed out everywhere."))


@staff_view
@require_POST
@transaction.atomic
def deactivate(request: StaffRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id, for_update=True)
    try:
        actions.deactivate_account(account, by=request.user)
    except actions.AdministrationError as error:
        return _refused(request, account, error)
    return _done(request, account, _("The account is deactivated and signed out everywhere."))


@staff_view
@require_POST
@transaction.atomic
def reactivate(request: StaffRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id, for_update=True)
    actions.reactivate_account(account, by=request.user)
    return _done(request, account, _("The account is active again."))


@staff_view
@require_POST
@transaction.atomic
def new_link(request: StaffRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id, for_update=True)
    actions.send_new_link(account, by=request.user)
    return _done(request, account, _("A new link to choose a password is on its way to the account's e-mail address."))


@staff_view
@require_POST
@transaction.atomic
def request_reset(request: StaffRequest, account_id: int) -> HttpResponse:
    account = access_account(request.user, account_id, for_update=True)
    form = ResetForm(request.POST)
    if not form.is_valid():
        return _render_account(request, account, bound={"reset": form}, status=400)
    try:
        actions.request_authenticator_reset(account, reason=form.cleaned_data["reason"], by=request.user)
    except actions.AdministrationError as error:
        return _refused(request, account, error)
    return _done(request, account, _("Asked. A second administrator must now approve the reset."))


@staff_view
@require_POST
@transaction.atomic
def approve_reset(request: StaffRequest, reset_id: int) -> HttpResponse:
    reset = access_reset(request.user, reset_id, for_update=True)
    try:
        actions.approve_authenticator_reset(reset, by=request.user)
    except actions.AdministrationError as error:
        return _refused(request, reset.account, error)
    return _done(
        request,
        reset.account,
        _("The authenticator is removed. At the next sign-in, its owner sets up a new one."),
    )


@staff_view
@require_POST
@transaction.atomic
def cancel_reset(request: StaffRequest, reset_id: int) -> HttpResponse:
    reset = access_reset(request.user, reset_id, for_update=True)
    try:
        actions.cancel_authenticator_reset(reset, by=request.user)
    except actions.AdministrationError as error:
        return _refused(request, reset.account, error)
    return _done(request, reset.account, _("The reset is cancelled."))
