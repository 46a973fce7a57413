"""The receipt and the follow-up say when a person will read the report, from its urgency's
deadline, and when to come back for the answer."""

from datetime import UTC, datetime, timedelta

import pytest

from sanad.intake import actions

pytestmark = pytest.mark.django_db

# A Monday at 10:00 in Casablanca (UTC+1).
MONDAY = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "read", "back"),
    [
        (
            {"danger": {"danger_now": "yes"}},
            "A trained person will read your report within the hour, before 11:00.",
            "Come back with your code in an hour to read our answer.",
        ),
        (
            {"what": {"categories": ["threats"]}},
            "A trained person will read your report by tomorrow, 10:00.",
            "Come back with your code tomorrow after 10:00 to read our answer.",
        ),
        (
            {},
            "A trained person will read your report by Thursday 7 May.",
            "Come back with your code on Thursday 7 May to read our answer.",
        ),
    ],
    ids=["P0", "P1", "P2"],
)
def test_the_receipt_says_when(client, send_report, time_machine, changes, read, back):
    time_machine.move_to(MONDAY, tick=False)
    send_report(client, **changes)
    page = client.get("/en/report/sent/").content.decode()
    assert read in page
    assert back in page


def test_the_follow_up_says_it_too_and_admits_a_delay(client, send_report, open_followup, time_machine):
    time_machine.move_to(MONDAY, tick=False)
    receipt = send_report(client)
    client.post("/en/report/sent/")
    open_followup(client, receipt)
    assert (
        "A trained person will read your report by Thursday 7 May."
        in client.get("/en/follow-up/report/").content.decode()
    )
    time_machine.move_to(MONDAY + timedelta(days=4), tick=False)
    open_followup(client, receipt)
    page = client.get("/en/follow-up/report/").content.decode()
    assert "It is taking longer than we said. Your report is not forgotten" in page


def test_once_handled_the_status_message_replaces_the_promise(client, receipt, open_followup):
    from sanad.intake.models import Report

    actions.set_public_status(Report.objects.get(), "handled")
    open_followup(client, receipt)
    page = client.get("/en/follow-up/report/").content.decode()
    assert "A trained person is looking after your report." in page
    assert "will read your report" not in page
