"""First sign-in enrols an authenticator app and shows recovery codes; later sign-ins ask
for a code; a recovery code works once; a wrong code is refused."""

import html
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.tests.conftest import (
    BACK_OFFICE,
    RECOVERY_CODE,
    SETUP,
    SIGN_IN,
    SIGN_OUT,
    TWO_FACTOR,
    code_for,
    password_step,
)

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def said(response, message: str) -> bool:
    """The page shows this message, in French (the language of these URLs)."""
    with translation.override("fr"):
        return translation.gettext(message) in html.unescape(response.content.decode())


def test_first_sign_in_enrols_a_second_factor_and_shows_ten_recovery_codes(member):
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        response = client.get(BACK_OFFICE)
        assert response.status_code == 302
        assert response["Location"] == f"{SIGN_IN}?next=%2Ffr%2Fstaff%2Fsupervision%2F"

        response = password_step(client, member)
        assert response.status_code == 302
        assert response["Location"] == f"{SETUP}?next=%2Ffr%2Fstaff%2Fsupervision%2F"
        # A password alone opens nothing.
        assert client.get(BACK_OFFICE)["Location"].startswith(SETUP)

        page = client.get(f"{SETUP}?next=%2Ffr%2Fstaff%2Fsupervision%2F")
        assert page.status_code == 200
        html = page.content.decode()
        assert "<svg" in html
        assert "<script" not in html
        device = TOTPDevice.objects.get(user=member, confirmed=False)

        response = client.post(SETUP, {"token": code_for(device), "next": BACK_OFFICE})
        assert response.status_code == 200
        codes = RECOVERY_CODE.findall(response.content.decode())
        assert len(codes) == 10
        assert len(set(codes)) == 10
        assert set(StaticToken.objects.filter(device__user=member).values_list("token", flat=True)) == set(codes)
        device.refresh_from_db()
        assert device.confirmed

        assert client.get(BACK_OFFICE).status_code == 200

        # The next sign-in asks for a code from the app (a later one: each code works once).
        assert client.post(SIGN_OUT).status_code == 302
        assert client.get(BACK_OFFICE).status_code == 302
        clock.shift(60)
        response = password_step(client, member)
        assert response["Location"] == f"{TWO_FACTOR}?next=%2Ffr%2Fstaff%2Fsupervision%2F"
        assert client.get(BACK_OFFICE)["Location"].startswith(TWO_FACTOR)
        response = client.post(TWO_FACTOR, {"token": code_for(device), "next": BACK_OFFICE})
        assert response.status_code == 302
        assert response["Location"] == BACK_OFFICE
        assert client.get(BACK_OFFICE).status_code == 200


def test_the_setup_page_keeps_offering_the_same_key_until_it_is_confirmed(member):
    client = Client()
    password_step(client, member)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_a_wrong_setup_code_is_refused(member):
    client = Client()
    password_step(client, member)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=member)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong, "next": BACK_OFFICE})
    assert response.status_code == 400
    assert said(response, "This code is not valid. Check the time on your phone and try the new code.")
    device.refresh_from_db()
    assert not device.confirmed


def _enrol(client: Client, member) -> list[str]:
    password_step(client, member)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=member)
    response = client.post(SETUP, {"token": code_for(device), "next": BACK_OFFICE})
    client.post(SIGN_OUT)
    return RECOVERY_CODE.findall(response.content.decode())


def test_a_recovery_code_works_once(member):
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        codes = _enrol(client, member)
        password_step(client, member)
        response = client.post(TWO_FACTOR, {"token": codes[3], "next": BACK_OFFICE})
        assert response.status_code == 302
        assert client.get(BACK_OFFICE).status_code == 200
        client.post(SIGN_OUT)

        clock.shift(60)
        password_step(client, member)
        response = client.post(TWO_FACTOR, {"token": codes[3], "next": BACK_OFFICE})
        assert response.status_code == 400
        assert client.get(BACK_OFFICE).status_code == 302
        assert StaticToken.objects.filter(device__user=member).count() == 9

        clock.shift(60)  # past the throttling a failure starts
        response = client.post(TWO_FACTOR, {"token": codes[4], "next": BACK_OFFICE})
        assert response.status_code == 302


def test_a_wrong_code_is_refused_with_a_message(member):
    client = Client()
    with time_machine.travel(START, tick=False):
        _enrol(client, member)
        password_step(client, member)
        device = TOTPDevice.objects.get(user=member)
        wrong = f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"
        response = client.post(TWO_FACTOR, {"token": wrong, "next": BACK_OFFICE})
        assert response.status_code == 400
        assert 'class="error-summary"' in response.content.decode()
        assert said(response, "This code is not valid. Codes change every 30 seconds; each recovery code works once.")
        assert client.get(BACK_OFFICE)["Location"].startswith(TWO_FACTOR)
