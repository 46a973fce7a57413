"""A staff session ends after SANAD_STAFF_IDLE_SECONDS without a request; each request slides it."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from sanad.accounts.tests.conftest import BACK_OFFICE, SIGN_IN, enrolled, sign_in_fully

pytestmark = pytest.mark.django_db


def test_an_idle_session_needs_signing_in_again(member):
    enrolled(member)
    idle = settings.SANAD_STAFF_IDLE_SECONDS
    client = Client()
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
        assert sign_in_fully(client, member).status_code == 302
        assert client.get(BACK_OFFICE).status_code == 200

        # Active use keeps the session open well past one idle period.
        for _ in range(3):
            clock.shift(idle - 5)
            assert client.get(BACK_OFFICE).status_code == 200

        clock.shift(idle + 1)
        response = client.get(BACK_OFFICE)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_the_staff_cookie_ends_with_the_browser_even_after_activity(member):
    enrolled(member)
    client = Client()
    sign_in_fully(client, member)
    response = client.get(BACK_OFFICE)
    assert response.status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_the_session_id_changes_when_the_second_factor_is_verified(member):
    from sanad.accounts.tests.conftest import code_for, password_step

    device = enrolled(member)
    client = Client()
    password_step(client, member)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/fr/staff/two-factor/", {"token": code_for(device), "next": BACK_OFFICE})
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    # The id known before the second factor opens nothing any more.
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = before
    assert stale.get(BACK_OFFICE).status_code == 302
