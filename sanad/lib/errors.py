"""Domain errors: a stable code, an HTTP status and a translated, user-safe message.

Apps raise their own subclasses next to the action that raises them. Messages never
echo what a reporter wrote.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SanadError(Exception):
    code = "error"
    status = 400
    title: "StrOrPromise" = _("Something went wrong")
    message: "StrOrPromise" = _("Something in the request was not right. Please try again.")

    def __init__(self, message: "StrOrPromise | None" = None) -> None:
        super().__init__(self.code)
        if message is not None:
            self.message = message


class NotFound(SanadError):
    code = "not_found"
    status = 404
    message: "StrOrPromise" = _("We could not find that page.")


class RateLimited(SanadError):
    code = "rate_limited"
    status = 429
    title = _("Please wait a moment")  # a limit is not a crash: the page must not look like one
    message = _("Too many attempts. Please wait a few minutes and try again.")


class DomainErrorMiddleware:
    """The one place that turns a domain error into a 4xx page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, SanadError):
            return None
        return render(request, "error.html", {"error": exception}, status=exception.status)
