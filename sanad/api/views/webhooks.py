"""A partner registers its own HTTPS endpoints (administrators can too, on the staff pages)."""

from django.db import transaction
from django.http import HttpRequest
from ninja import Router

from sanad.api import actions
from sanad.api.access import endpoint_of_token, endpoints_of
from sanad.api.auth import COMMON_ERRORS, ScopeMissing
from sanad.api.models import ApiToken, Scope, WebhookEndpoint
from sanad.api.schemas import Error, WebhookCreated, WebhookIn, WebhookOut

router = Router(tags=["webhooks"])
ERRORS = dict.fromkeys(COMMON_ERRORS, Error)
# Who receives events: a platform (notices) or an authority (referrals).
READERS = {Scope.NOTICES_READ, Scope.REFERRALS_READ}


def _reader(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]  # set by django-ninja's auth
    if not READERS & set(token.scopes):
        raise ScopeMissing()
    return token


def _out(endpoint: WebhookEndpoint) -> dict:
    return {"id": endpoint.pk, "url": endpoint.url, "created_at": endpoint.created_at}


@router.get("/webhooks", response={200: list[WebhookOut], **ERRORS}, summary="List your webhook endpoints")
def list_webhooks(request: HttpRequest) -> list[dict]:
    return [_out(endpoint) for endpoint in endpoints_of(_reader(request)).order_by("pk")]


@router.post("/webhooks", response={201: WebhookCreated, **ERRORS}, summary="Register a webhook endpoint")
def register(request: HttpRequest, body: WebhookIn) -> tuple[int, dict]:
    """Events from now on (`notice.sent`, `referral.sent`) are posted there, signed with the secret
    returned here once (docs/api.md)."""
    token = _reader(request)
    endpoint, secret = actions.register_endpoint(token.organisation, url=body.url, by=None, token=token)
    return 201, _out(endpoint) | {"secret": secret}


@router.delete("/webhooks/{webhook_id}", response={204: None, **ERRORS}, summary="Remove a webhook endpoint")
def remove(request: HttpRequest, webhook_id: int) -> tuple[int, None]:
    token = _reader(request)
    with transaction.atomic():
        actions.remove_endpoint(endpoint_of_token(token, webhook_id, for_update=True), by=None, token=token)
    return 204, None
