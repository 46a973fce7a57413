import pytest
from django.test import Client

from sanad.accounts.tests.conftest import BACK_OFFICE, SIGN_IN, SIGN_OUT, enrolled, sign_in_fully

pytestmark = pytest.mark.django_db


def test_sign_out_is_post_only(member):
    enrolled(member)
    client = Client()
    sign_in_fully(client, member)
    assert client.get(SIGN_OUT).status_code == 405
    assert client.get(BACK_OFFICE).status_code == 200

    response = client.post(SIGN_OUT)
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert client.get(BACK_OFFICE)["Location"].startswith(SIGN_IN)


def test_sign_out_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(SIGN_OUT).status_code == 403
