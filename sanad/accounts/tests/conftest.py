"""Staff accounts for the sign-in tests: one member of the centre who has not enrolled a
second factor yet, and helpers that go through the real sign-in forms."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import Organisation, User

PASSWORD = "correct horse battery staple"
SIGN_IN = "/fr/staff/sign-in/"
TWO_FACTOR = "/fr/staff/two-factor/"
SETUP = "/fr/staff/two-factor/setup/"
SIGN_OUT = "/fr/staff/sign-out/"
# A page only a verified supervisor reaches: proof the back-office is open.
BACK_OFFICE = "/fr/staff/supervision/"
RECOVERY_CODE = re.compile(r"<li><code>([a-z2-7]{8})</code></li>")


@pytest.fixture
def centre(db):
    return Organisation.objects.create(name="Centre national (test)", kind=Organisation.Kind.CENTRE)


@pytest.fixture
def member(centre):
    """A supervisor of the centre, with a password and no second factor yet."""
    return User.objects.create_user(
        username="h.supervisor", password=PASSWORD, organisation=centre, role=User.Role.SUPERVISOR
    )


@pytest.fixture
def colleague(centre):
    user = User.objects.create_user(
        username="k.analyst", password=PASSWORD, organisation=centre, role=User.Role.ANALYST
    )
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def code_for(device: TOTPDevice) -> str:
    """What the authenticator app shows right now."""
    return f"{totp(device.bin_key):06d}"


def enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def password_step(client: Client, user: User, *, password: str = PASSWORD, next: str = BACK_OFFICE):
    return client.post(SIGN_IN, {"username": user.username, "password": password, "next": next})


def sign_in_fully(client: Client, user: User, *, next: str = BACK_OFFICE):
    """Password, then the current TOTP code of the user's confirmed device."""
    password_step(client, user, next=next)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return client.post(TWO_FACTOR, {"token": code_for(device), "next": next})
