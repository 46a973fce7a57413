"""`next` after sign-in only ever leads to this site."""

import pytest
from django.test import Client

from sanad.accounts.tests.conftest import BACK_OFFICE, TWO_FACTOR, code_for, enrolled, password_step

pytestmark = pytest.mark.django_db
ELSEWHERE = ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example/"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_a_foreign_next_is_refused_at_every_step(member, target):
    device = enrolled(member)
    client = Client()
    response = password_step(client, member, next=target)
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]

    response = client.post(TWO_FACTOR, {"token": code_for(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/fr/staff/"


def test_a_local_next_is_kept(member):
    device = enrolled(member)
    client = Client()
    password_step(client, member)
    response = client.post(TWO_FACTOR, {"token": code_for(device), "next": BACK_OFFICE})
    assert response["Location"] == BACK_OFFICE


def test_the_sign_in_page_does_not_echo_a_foreign_next(member):
    page = Client().get("/fr/staff/sign-in/?next=https://evil.example/")
    assert page.status_code == 200
    assert '<input type="hidden" name="next" value="/fr/staff/">' in page.content.decode()
