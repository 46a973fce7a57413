"""Repeated wrong passwords lock the account name (django-axes), not the whole site."""

import pytest
from django.conf import settings
from django.test import Client

from sanad.accounts.tests.conftest import PASSWORD, SETUP, TWO_FACTOR, password_step

pytestmark = pytest.mark.django_db


def test_too_many_wrong_passwords_lock_the_account_even_with_the_right_one(member, colleague):
    client = Client()
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    statuses = [password_step(client, member, password=f"wrong guess {n}").status_code for n in range(limit)]
    assert statuses[: limit - 1] == [400] * (limit - 1)
    assert statuses[-1] == 429

    response = password_step(Client(), member, password=PASSWORD)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in Client().session

    # Another account name is not affected, even from the same browser.
    response = password_step(client, colleague)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)


def test_fewer_failures_than_the_limit_do_not_lock(member):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert password_step(client, member, password=f"wrong guess {n}").status_code == 400
    response = password_step(client, member)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
