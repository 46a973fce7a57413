"""The administrators' pages for the partner API: organisation tokens (issued, shown once,
rotated, revoked) and webhook endpoints with their delivery log."""

import base64
import time

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.accounts.requests import StaffRequest
from sanad.api import actions
from sanad.api.access import access_endpoint, access_token, deliveries_of, endpoints_visible_to, tokens_visible_to
from sanad.api.forms import TokenForm, WebhookForm
from sanad.evidence import crypto
from sanad.lib.gates import administrator_view

SHOWN_KEY = "sanad_api_secret"
SHOWN_SECONDS = 10 * 60
DELIVERY_LOG = 100


def _keep_to_show(request: HttpRequest, *, kind: str, object_id: int, secret: str) -> None:
    """The secret waits, sealed, in the administrator's session until the next page shows it once."""
    sealed = crypto.seal_text(secret, context=f"api-secret:{kind}:{object_id}")
    request.session[SHOWN_KEY] = {
        "kind": kind,
        "id": object_id,
        "secret": base64.b64encode(sealed).decode(),
        "until": time.time() + SHOWN_SECONDS,
    }


@administrator_view
@require_GET
def token_list(request: StaffRequest) -> HttpResponse:
    tokens = tokens_visible_to(request.user).order_by("revoked_at", "organisation__name", "-created_at")
    return render(request, "api/tokens.html", {"tokens": tokens, "form": TokenForm()})


@administrator_view
@require_http_methods(["GET", "POST"])
def issue(request: StaffRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, secret = actions.issue_token(
                data["organisation"], name=data["name"], scopes=data["scopes"], by=request.user
            )
        except actions.ApiAdministrationError as error:
            form.add_error("scopes", str(error.message))
        else:
            _keep_to_show(request, kind="token", object_id=token.pk, secret=secret)
            return redirect("api:shown")
    return render(request, "api/token_form.html", {"form": form}, status=400 if form.errors else 200)


@administrator_view
@require_GET
def shown(request: StaffRequest) -> HttpResponse:
    """The new secret, once: reading this page forgets it."""
    held = request.session.pop(SHOWN_KEY, None)
    if not held or held["until"] < time.time():
        messages.info(request, _("A secret is shown only once. Rotate the token to get a new one."))
        return redirect("api:tokens")
    secret = crypto.unseal_text(base64.b64decode(held["secret"]), context=f"api-secret:{held['kind']}:{held['id']}")
    if held["kind"] == "token":
        context = {"token": access_token(request.user, held["id"]), "secret": secret}
    else:
        context = {"endpoint": access_endpoint(request.user, held["id"]), "secret": secret}
    return render(request, "api/shown.html", context)


@administrator_view
@require_POST
@transaction.atomic
def rotate(request: StaffRequest, token_id: int) -> HttpResponse:
    token = access_token(request.user, token_id, for_update=True)
    try:
        new, secret = actions.rotate_token(token, by=request.user)
    except actions.TokenRevoked as error:
        messages.error(request, str(error.message))
        return redirect("api:tokens")
    _keep_to_show(request, kind="token", object_id=new.pk, secret=secret)
    return redirect("api:shown")


@administrator_view
@require_POST
@transaction.atomic
def revoke(request: StaffRequest, token_id: int) -> HttpResponse:
    token = access_token(request.user, token_id, for_update=True)
    actions.revoke_token(token, by=request.user)
    messages.success(request, _("The token is revoked: it no longer opens the API."))
    return redirect("api:tokens")


@administrator_view
@require_http_methods(["GET", "POST"])
def webhook_list(request: StaffRequest) -> HttpResponse:
    form = WebhookForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = actions.register_endpoint(
                form.cleaned_data["organisation"], url=form.cleaned_data["url"], by=request.user
            )
        except actions.ApiAdministrationError as error:
            form.add_error("url", str(error.message))
        else:
            _keep_to_show(request, kind="webhook", object_id=endpoint.pk, secret=secret)
            return redirect("api:shown")
    endpoints = endpoints_visible_to(request.user).order_by("-active", "organisation__name", "pk")
    context = {"endpoints": endpoints, "form": form}
    return render(request, "api/webhooks.html", context, status=400 if form.errors else 200)


@administrator_view
@require_GET
def webhook_detail(request: StaffRequest, endpoint_id: int) -> HttpResponse:
    endpoint = access_endpoint(request.user, endpoint_id)
    deliveries = list(deliveries_of(endpoint).order_by("-created_at", "-pk")[:DELIVERY_LOG])
    return render(request, "api/webhook.html", {"endpoint": endpoint, "deliveries": deliveries})


@administrator_view
@require_POST
@transaction.atomic
def remove_webhook(request: StaffRequest, endpoint_id: int) -> HttpResponse:
    actions.remove_endpoint(access_endpoint(request.user, endpoint_id, for_update=True), by=request.user)
    messages.success(request, _("No more events will be sent to this address."))
    return redirect("api:webhooks")
