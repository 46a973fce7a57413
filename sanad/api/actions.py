"""Changes to the API's own rows: tokens issued, rotated and revoked, webhook endpoints
registered and removed. Atomic and audited; a secret is returned once and never stored."""

import secrets
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, User
from sanad.api import tokens
from sanad.api.models import SCOPES_FOR_KIND, ApiToken, WebhookEndpoint
from sanad.audit.log import record
from sanad.lib.errors import SanadError


class ApiAdministrationError(SanadError):
    code = "api_administration"
    message = _("This cannot be done.")


class ScopeNotForOrganisation(ApiAdministrationError):
    code = "scope_not_for_organisation"
    message = _("This organisation cannot be given these permissions.")


class TokenRevoked(ApiAdministrationError):
    code = "token_revoked"
    message = _("This token is revoked.")


class NotHttps(ApiAdministrationError):
    code = "webhook_not_https"
    message = _("A webhook address must start with https://.")


def allowed_scopes(organisation: Organisation) -> list[str]:
    return [str(scope) for scope in SCOPES_FOR_KIND.get(organisation.kind, [])]


@transaction.atomic
def issue_token(organisation: Organisation, *, name: str, scopes: list[str], by: User) -> tuple[ApiToken, str]:
    """A new token for the organisation; returns it with its secret (shown once)."""
    chosen = sorted(set(scopes))
    if not chosen or not set(chosen) <= set(allowed_scopes(organisation)):
        raise ScopeNotForOrganisation()
    secret = tokens.new_secret()
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name.strip()[:100],
        scopes=chosen,
        digest=tokens.digest(secret),
        prefix=tokens.shown_prefix(secret),
        created_by=by,
    )
    record(
        by, "api_token.issued", object_type="api_token", object_id=token.pk, organisation=organisation.pk, scopes=chosen
    )
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, by: User) -> None:
    """The token stops working at once. Revoking twice changes nothing. The caller holds its lock."""
    if token.revoked_at is not None:
        return
    token.revoked_at, token.revoked_by = timezone.now(), by
    token.save(update_fields=["revoked_at", "revoked_by"])
    record(by, "api_token.revoked", object_type="api_token", object_id=token.pk, organisation=token.organisation_id)


@transaction.atomic
def rotate_token(token: ApiToken, *, by: User) -> tuple[ApiToken, str]:
    """A new secret with the same name and scopes; the old token is revoked in the same change.
    The caller holds the old token's lock."""
    if token.revoked_at is not None:
        raise TokenRevoked()
    secret = tokens.new_secret()
    revoke_token(token, by=by)
    new = ApiToken.objects.create(
        organisation=token.organisation,
        name=token.name,
        scopes=token.scopes,
        digest=tokens.digest(secret),
        prefix=tokens.shown_prefix(secret),
        created_by=by,
        replaces=token,
    )
    record(
        by,
        "api_token.rotated",
        object_type="api_token",
        object_id=new.pk,
        organisation=token.organisation_id,
        replaces=token.pk,
    )
    return new, secret


def check_https(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise NotHttps()
    return url.strip()


@transaction.atomic
def register_endpoint(
    organisation: Organisation, *, url: str, by: User | None, token: ApiToken | None = None
) -> tuple[WebhookEndpoint, str]:
    """An HTTPS endpoint of the organisation, with a new signing secret (shown once); events from
    now on are delivered to it. `by` an administrator, or `token` the organisation's own token."""
    endpoint = WebhookEndpoint(organisation=organisation, url=check_https(url), created_by=by)
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint.secret = secret
    endpoint.save()
    record(
        by,
        "webhook.registered",
        object_type="webhook",
        object_id=endpoint.pk,
        organisation=organisation.pk,
        token=token.pk if token else None,
    )
    return endpoint, secret


@transaction.atomic
def remove_endpoint(endpoint: WebhookEndpoint, *, by: User | None, token: ApiToken | None = None) -> None:
    """No more deliveries to it (its delivery log stays)."""
    if not endpoint.active:
        return
    endpoint.active = False
    endpoint.save(update_fields=["active"])
    record(
        by,
        "webhook.removed",
        object_type="webhook",
        object_id=endpoint.pk,
        organisation=endpoint.organisation_id,
        token=token.pk if token else None,
    )
