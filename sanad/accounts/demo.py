"""Demo staff accounts: a published password, a known TOTP key and recovery codes per account.

Used by the demo commands of several apps (demo_staff, demo_schools), which refuse to run
unless SANAD_DEBUG is on: these accounts must never reach production.
"""

import base64
import hashlib
from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import validate_password
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts import throttle
from sanad.accounts.models import Organisation, User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEMO_PASSWORD = "orange-lantern-42"  # noqa: S105  (published on purpose: demo only)
RECOVERY_CODES = 5


def _derived(purpose: str, username: str) -> bytes:
    """Fixed per account, so every run prints (and restores) the same key and codes."""
    return hashlib.sha256(f"sanad-demo:{purpose}:{username}".encode()).digest()


def totp_key(username: str) -> bytes:
    return _derived("totp", username)[:20]  # 160 bits, as RFC 4226 recommends


def recovery_codes(username: str) -> list[str]:
    # The shape of StaticToken.random_token(): eight lower-case base32 characters.
    return [
        base64.b32encode(_derived(f"recovery:{index}", username)).decode()[:8].lower()
        for index in range(RECOVERY_CODES)
    ]


def demo_account(username: str, first_name: str, *, organisation: Organisation, role: str) -> User:
    """The account as published: the demo password, a confirmed authenticator, fresh recovery codes."""
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": "Demo",
            "email": f"{username}@sanad.invalid",
            "organisation": organisation,
            "role": role,
            "is_active": True,
        },
    )
    validate_password(DEMO_PASSWORD, user)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    throttle.lift(user)  # a tester who locked themselves out starts again
    # A confirmed authenticator with a published key: testers skip the enrolment step.
    device, _ = TOTPDevice.objects.update_or_create(
        user=user,
        name="authenticator (demo)",
        defaults={
            "key": totp_key(user.username).hex(),
            "confirmed": True,
            "last_t": -1,
            "drift": 0,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="recovery codes (demo)")
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in recovery_codes(user.username))
    return user


def account_lines(
    username: str, first_name: str, role: "StrOrPromise", organisation: str, *, width: int = 16
) -> list[str]:
    """How the demo prints one account: who, then its TOTP key and recovery codes."""
    return [
        f"  {username:<{width}} {first_name} Demo, {role} – {organisation}",
        f"  {'':<{width}} TOTP key  {base64.b32encode(totp_key(username)).decode()}",
        f"  {'':<{width}} recovery  {'  '.join(recovery_codes(username))}",
    ]
