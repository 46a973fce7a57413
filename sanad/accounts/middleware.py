"""Refused attempts are audited: a signed-in person asking for something the gates refuse."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sanad.audit.log import record
from sanad.lib.errors import NotFound


class AuditRefusals:
    """Every gate (`access_*`, `require`) answers "not found" for missing and forbidden alike;
    the audit log keeps who asked for what, so probing shows up. Anonymous visitors are not
    recorded (they are sent to sign in before any gate)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        user = getattr(request, "user", None)
        if isinstance(exception, NotFound) and user is not None and user.is_authenticated:
            match = request.resolver_match
            record(
                user,
                "access.refused",
                object_type=exception.code,
                view=match.view_name if match else "",
                object_id=_object_id(match.kwargs if match else {}),
                method=request.method,
            )
        return None


def _object_id(kwargs: dict[str, object]) -> str:
    """The id asked for (a case, a report, a file), as the URL gave it."""
    return next((str(value)[:64] for value in kwargs.values()), "")
