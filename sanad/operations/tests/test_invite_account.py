"""Administrators invite staff and liaison accounts: no password until its owner chooses one
from the welcome link, then an authenticator at first sign-in. Nobody else can."""

import re

import pytest
from django.core import mail
from django.test import Client

from sanad.accounts.models import Organisation, User
from sanad.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
INVITE = "/en/staff/admin/accounts/new/"
NEW_PASSWORD = "a long passphrase nobody guesses"


def invitation(organisation: Organisation, role: str, **changes: str) -> dict[str, object]:
    return {
        "username": "h.liaison",
        "first_name": "Hamid",
        "last_name": "Test",
        "email": "h.liaison@police.invalid",
        "organisation": organisation.pk,
        "role": role,
        **changes,
    }


def test_an_invited_liaison_chooses_a_password_from_the_link_then_enrols_an_authenticator(
    administrator, police, sign_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(administrator).post(INVITE, invitation(police, "liaison"))
    assert response.status_code == 302
    account = User.objects.get(username="h.liaison")
    assert (account.organisation, account.role, account.has_usable_password()) == (police, "liaison", False)
    assert account.is_liaison

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["h.liaison@police.invalid"]
    assert police.name in message.body and "h.liaison" in message.body
    link = re.search(r"http://\S+/set-password/\S+/", message.body).group(0)
    events = AuditEvent.objects.filter(object_type="user", object_id=str(account.pk))
    assert set(events.values_list("action", flat=True)) == {"account.invited", "account.welcome_sent"}
    assert all("email" not in event.detail and "h.liaison" not in str(event.detail) for event in events)

    client = Client()
    form_url = client.get(link.removeprefix("http://127.0.0.1:8000"))["Location"]
    assert client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 302
    client.post("/en/staff/sign-in/", {"username": "h.liaison", "password": NEW_PASSWORD})
    assert client.get("/en/staff/referrals/")["Location"].startswith("/en/staff/two-factor/setup/")


def test_a_role_that_does_not_fit_the_organisation_is_refused_and_nothing_typed_is_lost(administrator, police, sign_in):
    response = sign_in(administrator).post(INVITE, invitation(police, "analyst"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This role does not fit an account of this organisation." in page
    assert 'value="h.liaison@police.invalid"' in page
    assert not User.objects.filter(username="h.liaison").exists()


def test_a_taken_name_is_refused(administrator, police, analyst, sign_in):
    response = sign_in(administrator).post(INVITE, invitation(police, "liaison", username="ANALYST"))
    assert response.status_code == 400
    assert "An account already has this name." in response.content.decode()


def test_centre_staff_of_every_role_can_be_invited(administrator, centre, sign_in, django_capture_on_commit_callbacks):
    client = sign_in(administrator)
    for number, role in enumerate(["analyst", "supervisor", "administrator"]):
        data = invitation(centre, role, username=f"staff{number}", email=f"staff{number}@centre.invalid")
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(INVITE, data).status_code == 302
    assert sorted(User.objects.filter(username__startswith="staff").values_list("role", flat=True)) == [
        "administrator",
        "analyst",
        "supervisor",
    ]
    assert len(mail.outbox) == 3


def test_a_new_link_is_sent_while_no_password_was_chosen(
    administrator, police, sign_in, django_capture_on_commit_callbacks
):
    client = sign_in(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INVITE, invitation(police, "liaison"))
    account = User.objects.get(username="h.liaison")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/en/staff/admin/accounts/{account.pk}/new-link/").status_code == 302
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action="account.welcome_sent", object_id=str(account.pk)).count() == 2


@pytest.mark.parametrize("persona", ["analyst", "supervisor", "liaison", "outsider"])
def test_nobody_else_reaches_the_accounts(persona, request, police, sign_in):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get("/en/staff/admin/").status_code == 404
    assert client.get("/en/staff/admin/accounts/").status_code == 404
    assert client.post(INVITE, invitation(police, "liaison")).status_code == 404
    assert not User.objects.filter(username="h.liaison").exists()
