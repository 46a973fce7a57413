"""Staff sign-in with a mandatory second factor (TOTP, recovery codes).

Wrong passwords are throttled by throttle.py (no address kept), wrong codes by django-otp's
devices; every sign-in, failure, lock and unlock is in the audit log (actions.py)."""

import base64
import time
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts import actions, throttle
from sanad.accounts.access import access_account, locked_accounts_of
from sanad.accounts.forms import NewPasswordForm, SignInForm, TokenForm
from sanad.accounts.models import User
from sanad.accounts.requests import StaffRequest
from sanad.accounts.tasks import user_from_unlock_token
from sanad.lib.addresses import address_group, client_address
from sanad.lib.gates import LAST_SEEN, administrator_view

RECOVERY_CODES = 10


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    # The back-office's home in the sign-in page's language: a bare "/staff/" would be
    # redirected to the browser's preferred language instead.
    return reverse("cases:home")


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        username = str(request.POST.get("username", ""))[:150]
        group = address_group(client_address(request))
        try:
            # Before the password is checked: a caller made to wait learns nothing by trying.
            throttle.check(username, group)
        except throttle.SignInRefused as refused:
            # Nothing was checked: the form comes back with the name typed and the reason, unjudged.
            form = SignInForm(request, initial={"username": username})
            context = {"form": form, "next": _next(request), "refusal": refused.message}
            return render(request, "accounts/sign_in.html", context, status=429)
        if form.is_valid():
            user = form.get_user()
            actions.password_accepted(user, group)
            login(request, user)  # password only: every staff view still asks for the second factor
            step = "accounts:two_factor" if user_has_device(user) else "accounts:two_factor_setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': _next(request)})}")
        if username:
            actions.sign_in_failed(username, group)
        status = 400
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next(request)}, status=status)


def _verified(request: HttpRequest, user: User, device: Device, *, method: str) -> None:
    """Both factors are in: a new session id (no id known before the second factor survives it).

    `user` is request.user, signed in with the password (the callers checked)."""
    otp_login(request, device)
    request.session.cycle_key()
    request.session[LAST_SEEN] = int(time.time())
    actions.signed_in(user, method=method)


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    if not user_has_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            _verified(
                request, request.user, device, method="recovery_code" if isinstance(device, StaticDevice) else "totp"
            )
            return redirect(_next(request))
        actions.second_factor_failed(request.user)
        form.add_error(
            "token", _("This code is not valid. Codes change every 30 seconds; each recovery code works once.")
        )
    return render(
        request, "accounts/two_factor.html", {"form": form, "next": _next(request)}, status=400 if form.errors else 200
    )


def _qr_svg(url: str) -> str:
    # Inline SVG with a viewBox (no fixed size), so the stylesheet decides how large it shows.
    return segno.make(url, error="m").svg_inline(scale=5, border=4, omitsize=True, title="QR")


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """First sign-in: enrol an authenticator app, then show recovery codes once."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign_in")
    if user_has_device(user):
        return redirect("accounts:two_factor")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=False
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            recovery = StaticDevice.objects.create(user=user, name="recovery codes")
            codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
            StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
            _verified(request, user, device, method="enrolment")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("token", _("This code is not valid. Check the time on your phone and try the new code."))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308  (SVG made by segno from our own URL)
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        actions.signed_out(request.user)
    logout(request)
    return redirect("accounts:sign_in")


@require_http_methods(["GET", "POST"])
def unlock(request: HttpRequest, token: str) -> HttpResponse:
    """The link e-mailed to the owner of a locked account: one button lifts the lock.

    A GET changes nothing (mail scanners open links); the owner confirms with the button.
    """
    user = user_from_unlock_token(token)
    if user is None:
        return render(request, "accounts/unlock.html", {"invalid": True}, status=400)
    if request.method == "POST":
        actions.unlock_account(user, by=None)
        messages.success(request, _("Your account is unlocked. Sign in with your password and authenticator app."))
        return redirect("accounts:sign_in")
    return render(request, "accounts/unlock.html", {"locked": throttle.is_locked(user)})


@administrator_view
@require_http_methods(["GET", "POST"])
def locked_accounts(request: StaffRequest) -> HttpResponse:
    """Accounts locked after too many failed sign-ins, and the administrator's unlock."""
    if request.method == "POST":
        user = access_account(request.user, request.POST.get("user", ""))
        if actions.unlock_account(user, by=request.user):
            messages.success(request, _("%(username)s is unlocked.") % {"username": user.get_username()})
        return redirect("accounts:locked")
    return render(request, "accounts/locked_accounts.html", {"users": locked_accounts_of(request.user)})


class SetPasswordView(PasswordResetConfirmView):
    """A new account's first password, from the link of its welcome e-mail.

    Django's own view as it is: the token is moved from the address into the session before
    the form shows (no token in a Referer), and an invalid or used link renders a page that
    says so. Then the usual sign-in enrols the second factor.
    """

    form_class = NewPasswordForm
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:sign_in")
    reset_url_token = "set-password"  # noqa: S105 (the placeholder in the address, not a password)

    def form_valid(self, form: NewPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request, _("Your password is set. Sign in with it; you will then set up your authenticator app.")
        )
        return response

    def form_invalid(self, form: NewPasswordForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


set_password = SetPasswordView.as_view()
