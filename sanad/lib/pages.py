"""Error pages in the reporter's language."""

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sanad.lib.errors import SanadError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _error(request: HttpRequest, status: int, message: "StrOrPromise") -> HttpResponse:
    error = SanadError(message)
    error.status = status
    return render(request, "error.html", {"error": error}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("Something in the request was not right. Please go back and try again."))


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        _("This page expired or was opened from somewhere else. Please go back, reload the page and try again."),
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("We could not find that page."))


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, _("Sorry, something went wrong on our side. What you sent before this page is safe."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return forbidden(request)
