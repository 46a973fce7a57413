"""The reporter answers the centre through the receipt; the answer is stored sealed."""

import pytest

from sanad.intake import actions
from sanad.intake.models import Message, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def following(client, receipt, open_followup):
    open_followup(client, receipt)
    return client


@pytest.mark.smoke
def test_a_reply_is_stored_sealed_and_shown_in_the_thread(following, find_in_database):
    report = Report.objects.get()
    actions.send_centre_message(report, "Can you tell us the name of the account?")

    response = following.post("/en/follow-up/report/message/", {"body": "It is called Quux-Plugh-Account"})
    assert response.status_code == 302
    assert response["Location"] == "/en/follow-up/report/"

    reply = Message.objects.get(author=Message.Author.REPORTER)
    assert reply.report == report
    assert reply.body == "It is called Quux-Plugh-Account"
    assert find_in_database(b"Quux-Plugh") == []
    page = following.get("/en/follow-up/report/").content.decode()
    assert page.index("Can you tell us the name") < page.index("It is called Quux-Plugh-Account")


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_an_empty_or_too_long_reply_is_refused(following, body):
    response = following.post("/en/follow-up/report/message/", {"body": body})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_a_reply_without_an_open_report_is_not_stored(client):
    response = client.post("/en/follow-up/report/message/", {"body": "Hello?"})
    assert response.status_code == 302
    assert response["Location"] == "/en/follow-up/"
    assert not Message.objects.exists()


def test_the_reply_form_accepts_only_post(following):
    assert following.get("/en/follow-up/report/message/").status_code == 405
