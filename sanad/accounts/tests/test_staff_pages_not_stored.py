"""No staff page is written to the browser's disk cache: sign-in, errors and pages alike."""

import pytest
from django.test import Client

from sanad.accounts.tests.conftest import BACK_OFFICE, SIGN_IN

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [SIGN_IN, BACK_OFFICE, "/fr/staff/no-such-page/", "/ar/staff/cases/999999/"])
def test_a_staff_address_is_never_stored(path):
    response = Client().get(path)
    assert "no-store" in response["Cache-Control"]


def test_public_pages_keep_their_own_caching():
    response = Client().get("/fr/help/")
    assert "no-store" not in response.get("Cache-Control", "")
