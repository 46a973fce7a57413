"""Changing a role or organisation, deactivating and reactivating: each signs the account out,
is audited, and the centre always keeps an active administrator; nobody does it to themselves."""

import pytest
from django.test import Client

from sanad.accounts.models import User
from sanad.audit.models import AuditEvent
from sanad.testing import PASSWORD

pytestmark = pytest.mark.django_db


def url(account: User, action: str = "") -> str:
    return f"/en/staff/admin/accounts/{account.pk}/{action}"


def test_the_account_page_shows_the_account_and_audits_the_reading(administrator, analyst, sign_in):
    page = sign_in(administrator).get(url(analyst))
    assert page.status_code == 200
    assert page["Cache-Control"].count("no-store") == 1
    body = page.content.decode()
    assert "analyst@centre.invalid" in body and 'data-authenticator="yes"' in body
    assert AuditEvent.objects.filter(action="account.viewed", object_id=str(analyst.pk), actor=administrator).exists()


def test_a_role_change_signs_the_account_out_and_is_audited(administrator, analyst, centre, sign_in):
    their_session = sign_in(analyst)
    assert their_session.get("/en/staff/queue/").status_code == 200
    response = sign_in(administrator).post(url(analyst, "role/"), {"organisation": centre.pk, "role": "supervisor"})
    assert response.status_code == 302
    analyst.refresh_from_db()
    assert analyst.role == "supervisor"
    assert their_session.get("/en/staff/queue/").status_code == 302  # signed out: back to the sign-in
    event = AuditEvent.objects.get(action="account.role_changed")
    assert (event.detail["old"], event.detail["new"]) == ("analyst", "supervisor")


def test_a_liaison_moves_to_another_police_service(administrator, liaison, sign_in):
    other = type(liaison.organisation).objects.create(name="Autre service (test)", kind="police")
    sign_in(administrator).post(url(liaison, "role/"), {"organisation": other.pk, "role": "liaison"})
    liaison.refresh_from_db()
    assert liaison.organisation == other


def test_nobody_changes_or_deactivates_their_own_account(administrator, sign_in):
    # So the centre always keeps an active administrator: the one acting.
    client = sign_in(administrator)
    response = client.post(
        url(administrator, "role/"), {"organisation": administrator.organisation_id, "role": "analyst"}, follow=True
    )
    assert "Another administrator must do this to your own account." in response.content.decode()
    response = client.post(url(administrator, "deactivate/"), follow=True)
    assert "Another administrator must do this to your own account." in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active and administrator.role == "administrator"


def test_another_administrator_can_be_deactivated(administrator, second_administrator, sign_in):
    assert sign_in(administrator).post(url(second_administrator, "deactivate/")).status_code == 302
    second_administrator.refresh_from_db()
    assert not second_administrator.is_active


def test_a_deactivated_account_cannot_sign_in_and_can_come_back(administrator, analyst, sign_in):
    their_session = sign_in(analyst)
    client = sign_in(administrator)
    assert client.post(url(analyst, "deactivate/")).status_code == 302
    assert their_session.get("/en/staff/queue/").status_code == 302
    fresh = Client()
    response = fresh.post("/en/staff/sign-in/", {"username": "analyst", "password": PASSWORD})
    assert response.status_code == 400
    assert AuditEvent.objects.filter(action="account.deactivated", object_id=str(analyst.pk)).exists()

    client.post(url(analyst, "reactivate/"))
    analyst.refresh_from_db()
    assert analyst.is_active
    assert Client().post("/en/staff/sign-in/", {"username": "analyst", "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("persona", ["analyst", "supervisor", "liaison", "outsider"])
def test_nobody_else_changes_an_account(persona, request, analyst, centre, sign_in):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(url(analyst)).status_code == 404
    assert client.post(url(analyst, "deactivate/")).status_code == 404
    assert client.post(url(analyst, "role/"), {"organisation": centre.pk, "role": "administrator"}).status_code == 404
    analyst.refresh_from_db()
    assert analyst.is_active and analyst.role == "analyst"


def test_a_missing_account_gives_the_same_answer(administrator, sign_in):
    assert sign_in(administrator).get("/en/staff/admin/accounts/999999/").status_code == 404
