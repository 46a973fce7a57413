import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_verified_analyst_lands_on_the_queue(analyst, sign_in):
    response = sign_in(analyst).get("/fr/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/staff/queue/"


def test_a_password_alone_does_not_open_the_back_office(analyst):
    client = Client()
    client.force_login(analyst)
    response = client.get("/fr/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/staff/two-factor/")


def test_anonymous_visitors_are_sent_to_sign_in():
    response = Client().get("/fr/staff/queue/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/staff/sign-in/")


def test_a_liaison_lands_on_their_referrals(liaison, sign_in):
    assert sign_in(liaison).get("/fr/staff/")["Location"] == "/fr/staff/referrals/"


def test_a_school_team_member_lands_on_their_school_and_finds_no_queue(school_team, sign_in):
    client = sign_in(school_team)
    assert client.get("/fr/staff/")["Location"] == "/fr/staff/school/"
    assert client.get("/fr/staff/queue/").status_code == 404
