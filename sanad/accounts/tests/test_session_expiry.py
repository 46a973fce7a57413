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
