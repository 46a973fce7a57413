"""A lost authenticator is reset only when a second administrator approves: not the one who
asked, not the account's owner. Then the account is signed out everywhere, its owner told,
and its next sign-in enrols a new authenticator."""

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.audit.models import AuditEvent
from sanad.operations.models import AuthenticatorReset
from sanad.testing import PASSWORD

pytestmark = pytest.mark.django_db
REASON = "Phone stolen; identity checked in person by the security officer."


def ask(client: Client, account) -> object:  # type: ignore[no-untyped-def]
    return client.post(f"/en/staff/admin/accounts/{account.pk}/authenticator-reset/", {"reason": REASON})


def test_a_second_administrator_approves_and_the_owner_enrols_again(
    administrator, second_administrator, analyst, sign_in, django_capture_on_commit_callbacks
):
    StaticDevice.objects.create(user=analyst, name="recovery codes")
    their_session = sign_in(analyst)
    assert ask(sign_in(administrator), analyst).status_code == 302
    reset = AuthenticatorReset.objects.get(account=analyst)
    assert reset.status == "pending"
    assert TOTPDevice.objects.filter(user=analyst).exists()  # nothing happens before approval

    page = sign_in(second_administrator).get(f"/en/staff/admin/accounts/{analyst.pk}/").content.decode()
    assert REASON in page and f"/authenticator-resets/{reset.pk}/approve/" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(second_administrator).post(f"/en/staff/admin/authenticator-resets/{reset.pk}/approve/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=analyst).exists()
    assert not StaticDevice.objects.filter(user=analyst).exists()
    assert their_session.get("/en/staff/queue/").status_code == 302  # signed out everywhere
    assert [message.to for message in mail.outbox] == [["analyst@centre.invalid"]]
    assert "analyst" in mail.outbox[0].body

    actions = list(
        AuditEvent.objects.filter(object_id=str(analyst.pk)).order_by("seq").values_list("action", "actor__username")
    )
    assert ("account.authenticator_reset_requested", "admin.one") in actions
    assert ("account.authenticator_reset", "admin.two") in actions
    assert REASON not in str(list(AuditEvent.objects.values_list("detail", flat=True)))

    client = Client()
    client.post("/en/staff/sign-in/", {"username": "analyst", "password": PASSWORD})
    assert client.get("/en/staff/queue/")["Location"].startswith("/en/staff/two-factor/setup/")


def test_the_administrator_who_asked_cannot_approve(administrator, second_administrator, analyst, sign_in):
    client = sign_in(administrator)
    ask(client, analyst)
    reset = AuthenticatorReset.objects.get(account=analyst)
    page = client.get(f"/en/staff/admin/accounts/{analyst.pk}/").content.decode()
    assert f"/authenticator-resets/{reset.pk}/approve/" not in page
    response = client.post(f"/en/staff/admin/authenticator-resets/{reset.pk}/approve/", follow=True)
    assert "A second administrator must approve" in response.content.decode()
    assert TOTPDevice.objects.filter(user=analyst).exists()
    reset.refresh_from_db()
    assert reset.status == "pending"


def test_an_administrator_cannot_approve_the_reset_of_their_own_authenticator(
    administrator, second_administrator, sign_in
):
    ask(sign_in(administrator), second_administrator)
    reset = AuthenticatorReset.objects.get(account=second_administrator)
    response = sign_in(second_administrator).post(f"/en/staff/admin/authenticator-resets/{reset.pk}/approve/")
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=second_administrator).exists()


def test_a_reset_can_be_cancelled_and_only_one_waits_at_a_time(administrator, second_administrator, analyst, sign_in):
    client = sign_in(administrator)
    ask(client, analyst)
    response = client.post(
        f"/en/staff/admin/accounts/{analyst.pk}/authenticator-reset/", {"reason": REASON}, follow=True
    )
    assert "already waiting for approval" in response.content.decode()
    assert AuthenticatorReset.objects.filter(account=analyst).count() == 1
    reset = AuthenticatorReset.objects.get(account=analyst)
    sign_in(second_administrator).post(f"/en/staff/admin/authenticator-resets/{reset.pk}/cancel/")
    reset.refresh_from_db()
    assert reset.status == "cancelled"
    assert TOTPDevice.objects.filter(user=analyst).exists()
    assert AuditEvent.objects.filter(action="account.authenticator_reset_cancelled").exists()


def test_a_reason_is_required(administrator, analyst, sign_in):
    response = sign_in(administrator).post(
        f"/en/staff/admin/accounts/{analyst.pk}/authenticator-reset/", {"reason": " "}
    )
    assert response.status_code == 400
    assert not AuthenticatorReset.objects.exists()


@pytest.mark.parametrize("persona", ["analyst", "supervisor", "liaison", "outsider"])
def test_nobody_else_asks_or_approves(persona, request, administrator, second_administrator, sign_in):
    target = second_administrator
    ask(sign_in(administrator), target)
    reset = AuthenticatorReset.objects.get()
    client = sign_in(request.getfixturevalue(persona))
    assert ask(client, target).status_code == 404
    assert client.post(f"/en/staff/admin/authenticator-resets/{reset.pk}/approve/").status_code == 404
    assert TOTPDevice.objects.filter(user=target).exists()
