"""The door of every back-office view: signed in, second factor verified, session fresh."""

import time
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from sanad.lib.errors import NotFound

TOUCHED = "staff_session_touched"


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def gate(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('accounts:sign_in')}?{urlencode({'next': request.get_full_path()})}")
        if not user.is_verified():  # type: ignore[union-attr]
            step = "accounts:two_factor" if user_has_device(user) else "accounts:two_factor_setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        # Sliding expiry: a staff session ends after this long without a request. Saving it on
        # every request would let parallel requests overwrite each other's session changes,
        # so it is extended at most once a minute.
        now = int(time.time())
        if now - request.session.get(TOUCHED, 0) >= 60:
            request.session.set_expiry(settings.SANAD_STAFF_IDLE_SECONDS)
            request.session[TOUCHED] = now
        return view(request, *args, **kwargs)

    return gate


def require(condition: bool) -> None:
    """Inside a staff view: a role that may not see this page gets the same not-found answer."""
    if not condition:
        raise NotFound()
