"""A new account chooses its first password from the link of its welcome e-mail: the
password rules apply, the link works once, and a wrong or expired link says so."""

import html
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sanad.accounts.models import User

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NEW_PASSWORD = "a long passphrase nobody guesses"
INVALID = "This link does not work"
# English pages show the source strings, whatever the translations say.
SIGN_IN = "/en/staff/sign-in/"
SETUP = "/en/staff/two-factor/setup/"


@pytest.fixture
def newcomer(centre):
    """An account made by an import: no password yet."""
    return User.objects.create_user(
        username="n.newcomer", email="n.newcomer@school.invalid", password=None, organisation=centre
    )


def link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/en/staff/set-password/{uid}/{default_token_generator.make_token(user)}/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def open_form(client: Client, user: User) -> str:
    response = client.get(link(user))
    assert response.status_code == 302
    assert "/set-password/" in response["Location"]
    assert default_token_generator.make_token(user) not in response["Location"]
    return response["Location"]


def test_the_link_sets_the_password_once_and_sign_in_then_enrols_a_second_factor(newcomer):
    client = Client()
    form_url = open_form(client, newcomer)
    page = client.get(form_url)
    assert page.status_code == 200
    assert "n.newcomer" in text(page)
    assert 'name="new_password1"' in text(page)

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    newcomer.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD)
    assert "_auth_user_id" not in client.session  # setting a password does not sign in

    response = Client().post(SIGN_IN, {"username": "n.newcomer", "password": NEW_PASSWORD})
    assert response["Location"].startswith(SETUP)


def test_a_used_link_no_longer_works(newcomer):
    old_link = link(newcomer)
    client = Client()
    form_url = open_form(client, newcomer)
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = Client().get(old_link, follow=True)
    assert response.status_code == 200
    assert INVALID in text(response)
    assert 'name="new_password1"' not in text(response)


@pytest.mark.parametrize(
    "path",
    [
        "/en/staff/set-password/MQ/not-a-token/",
        "/en/staff/set-password/!!!/abc-def/",
        "/en/staff/set-password/OTk5OTk5OTk5/abc-def/",
    ],
)
def test_a_wrong_link_says_so_without_an_error(newcomer, path):
    response = Client().get(path)
    assert response.status_code == 200
    assert INVALID in text(response)


def test_an_expired_link_says_so(newcomer, settings):
    with time_machine.travel(START, tick=False):
        old_link = link(newcomer)
    with time_machine.travel(START + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60), tick=False):
        response = Client().get(old_link, follow=True)
    assert INVALID in text(response)


@pytest.mark.parametrize(
    ("first", "second"),
    [("short", "short"), ("n.newcomer2026", "n.newcomer2026"), (NEW_PASSWORD, NEW_PASSWORD + " typo")],
)
def test_weak_or_mismatched_passwords_are_refused_and_the_link_keeps_working(newcomer, first, second):
    client = Client()
    form_url = open_form(client, newcomer)
    response = client.post(form_url, {"new_password1": first, "new_password2": second})
    assert response.status_code == 400
    assert response.context["form"].errors
    newcomer.refresh_from_db()
    assert not newcomer.has_usable_password()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
