"""Version 1 of the partner API, under /api/v1/: its documentation page, and the error answers
every endpoint shares. Authentication is auth.py; the endpoints are in views/ (one module per
kind of partner)."""

from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger

from sanad.api.auth import OrganisationToken
from sanad.api.views import liaisons, platforms, reporters, webhooks
from sanad.lib.errors import RateLimited, SanadError

api = NinjaAPI(
    title="Sanad partner API",
    version="1",
    description=(
        "The national centre's API for its partners: platforms take and answer notices, authorities "
        "their referrals and evidence packs, trusted reporters submit reports. Authenticate with "
        "`Authorization: Bearer <organisation token>`. Guide: docs/api.md."
    ),
    auth=OrganisationToken(),
    urls_namespace="api-1",
    docs=Swagger(settings={"persistAuthorization": False}),
    # Swagger UI, served from our static files, draws a few icons as data: images and sets styles from script.
    docs_decorator=csp_update({"img-src": ["data:"]}),
)


def _error(request: HttpRequest, status: int, code: str, message: str, **extra: object) -> HttpResponse:
    return api.create_response(request, {"error": code, "message": message, **extra}, status=status)


@api.exception_handler(SanadError)
def domain_error(request: HttpRequest, error: SanadError) -> HttpResponse:
    fields = getattr(error, "fields", None)
    response = _error(request, error.status, error.code, str(error.message), **({"fields": fields} if fields else {}))
    if isinstance(error, RateLimited):
        response["Retry-After"] = "60"
    return response


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "unauthenticated", "A valid organisation token is needed (Authorization: Bearer).")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for item in error.errors:
        name = ".".join(str(part) for part in item.get("loc", ())[1:]) or "body"
        fields.setdefault(name, []).append(str(item.get("msg", "invalid")))
    return _error(request, 422, "invalid", "Some values are missing or wrong.", fields=fields)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # ninja's own: an unparsable body (400), and the like.
    return _error(request, error.status_code, "bad_request", str(error.message)[:200])


api.add_router("/", platforms.router)
api.add_router("/", liaisons.router)
api.add_router("/", reporters.router)
api.add_router("/", webhooks.router)
