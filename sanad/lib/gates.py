"""The door of every back-office view: signed in, second factor verified, session fresh.

In lib, not accounts, so that every app (the audit log's page too, which depends on lib alone)
puts its pages behind the same door; the roles it checks are properties of the signed-in user.
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import Protocol, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from sanad.lib.errors import NotFound

LAST_SEEN = "staff_last_seen"


class _SignedIn(Protocol):
    """What the door reads of a signed-in user: accounts.User (which lib may not import), with
    the is_verified() django-otp's middleware adds to every request's user."""

    def is_verified(self) -> bool: ...

    @property
    def administers_centre(self) -> bool: ...

    @property
    def handles_cases(self) -> bool: ...


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def gate(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        user = request.user
        if user.is_authenticated and _idle_too_long(request):
            logout(request)
            user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('accounts:sign_in')}?{urlencode({'next': request.get_full_path()})}")
        if not cast(_SignedIn, user).is_verified():
            step = "accounts:two_factor" if user_has_device(user) else "accounts:two_factor_setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return gate


def _idle_too_long(request: HttpRequest) -> bool:
    """The idle timeout, enforced on the server: the cookie itself ends with the browser.

    The last request's time is kept in the session. Saving the session on every request would
    let parallel requests overwrite each other's changes, so it is written at most once a minute.
    """
    now = int(time.time())
    last = request.session.get(LAST_SEEN)
    if last is not None and now - last > settings.SANAD_STAFF_IDLE_SECONDS:
        return True
    if last is None or now - last >= 60:
        request.session[LAST_SEEN] = now
    return False


def require(condition: bool) -> None:
    """Inside a staff view: a role that may not see this page gets the same not-found answer."""
    if not condition:
        raise NotFound()


def administrator_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A staff view for the centre's administrators only; anyone else gets the not-found answer."""

    @staff_view
    @wraps(view)
    def gate(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        # Behind staff_view: the user is signed in.
        require(cast(_SignedIn, request.user).administers_centre)
        return view(request, *args, **kwargs)

    return gate


def case_handler_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A staff view for the centre's staff who handle cases (the queue, reports received by phone)."""

    @staff_view
    @wraps(view)
    def gate(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        require(cast(_SignedIn, request.user).handles_cases)
        return view(request, *args, **kwargs)

    return gate
