"""An open report closes by itself after a while, and at once when the reporter leaves."""

from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


def test_the_report_page_closes_after_the_follow_up_time(client, receipt, open_followup, settings, time_machine):
    settings.SANAD_FOLLOWUP_SECONDS = 600
    time_machine.move_to(START, tick=False)
    open_followup(client, receipt)

    time_machine.move_to(START + timedelta(seconds=599), tick=False)
    assert client.get("/en/follow-up/report/").status_code == 200

    time_machine.move_to(START + timedelta(seconds=601), tick=False)
    response = client.get("/en/follow-up/report/", follow=True)
    assert response.redirect_chain == [("/en/follow-up/", 302)]
    assert "For your safety, the page closed" in response.content.decode()
    assert client.post("/en/follow-up/report/message/", {"body": "late"})["Location"] == "/en/follow-up/"


@pytest.mark.smoke
def test_leaving_forgets_the_report_on_this_device(client, receipt, open_followup):
    open_followup(client, receipt)
    response = client.post("/en/follow-up/leave/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert client.get("/en/follow-up/report/")["Location"] == "/en/follow-up/"


def test_leave_accepts_only_post(client):
    assert client.get("/en/follow-up/leave/").status_code == 405
