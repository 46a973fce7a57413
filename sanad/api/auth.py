"""Who is calling the API: an organisation token, its scopes, its rate limit, its audit."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from sanad.api import tokens
from sanad.api.models import ApiToken
from sanad.audit.log import record
from sanad.intake.ratelimit import over_limit
from sanad.lib.errors import RateLimited, SanadError

# Errors every authenticated operation may answer (the schema says so, and Schemathesis checks it).
COMMON_ERRORS = frozenset({400, 401, 403, 404, 422, 429})


class ScopeMissing(SanadError):
    code = "scope_missing"
    status = 403
    message = "This token does not have the permission this request needs."


class OrganisationToken(HttpBearer):
    """`Authorization: Bearer sanad_…`: an active organisation token. No cookie, no CSRF: a
    browser's session never reaches the API. Every use is audited and counted against the
    token's own rate limit (never an address)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token.startswith(tokens.PREFIX) or len(token) > 100:
            return None
        found = ApiToken.objects.active().select_related("organisation").filter(digest=tokens.digest(token)).first()
        if found is None:
            return None
        if over_limit("api_token", str(found.pk)):
            raise RateLimited()
        record(
            None,
            "api.used",
            object_type="api_token",
            object_id=found.pk,
            organisation=found.organisation_id,
            method=request.method,
            path=request.path[:200],
        )
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found


def require_scope(request: HttpRequest, scope: str) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]  # set by django-ninja's auth (OrganisationToken)
    if not token.allows(scope):
        raise ScopeMissing()
    return token
