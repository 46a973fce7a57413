"""A person within reach: the help lines, with their hours, and for a "yes" to self-harm a
listening line first, on the help page, the receipt and the follow-up."""

import re
from datetime import UTC, datetime

import pytest

from sanad.intake.tests.conftest import ANSWERS, step_url
from sanad.lib import helplines

pytestmark = pytest.mark.django_db

LINES = {"child_helpline": "2511|08:30-18:00", "listening": "0801000180"}


@pytest.fixture(autouse=True)
def _lines(settings):
    settings.SANAD_HELP_LINES = helplines.parse(LINES, name="test")


def first_tel(page: str) -> str:
    """The first number to call in the page's content (the emergency bar above it aside)."""
    main = page[page.index("<main") :]
    return re.search(r'href="tel:([0-9+ ]+)"', main).group(1)


def test_a_yes_to_self_harm_shows_the_listening_line_first_on_the_help_page(client):
    response = client.post(step_url("danger"), {**ANSWERS["danger"], "self_harm": "yes", "next": ""})
    assert response["Location"] == step_url("help")
    page = client.get(step_url("help")).content.decode()
    assert first_tel(page) == "0801000180"
    assert "Listening line" in page and "day and night" in page
    assert 'href="tel:2511"' in page and 'href="tel:19"' in page
    # Later steps: one line, the listening line in it; the full box is not repeated.
    client.post(step_url("what"), {**ANSWERS["what"], "next": ""})
    later = client.get(step_url("where")).content.decode()
    assert "danger-advice" not in later
    assert first_tel(later) == "0801000180"


def test_the_receipt_and_the_follow_up_put_the_listening_line_first(client, send_report, open_followup):
    receipt = send_report(client, danger={"self_harm": "yes"})
    sent = client.get("/en/report/sent/").content.decode()
    assert first_tel(sent) == "0801000180"
    assert sent.index("Please talk to someone now") < sent.index("Your receipt code")
    client.post("/en/report/sent/")
    open_followup(client, receipt)
    followup = client.get("/en/follow-up/report/").content.decode()
    assert first_tel(followup) == "0801000180"


def test_without_self_harm_the_help_line_is_offered_after_the_receipt(client, send_report):
    send_report(client)
    sent = client.get("/en/report/sent/").content.decode()
    assert "Need to talk to someone?" in sent
    assert sent.index("Your receipt code") < sent.index("Need to talk to someone?")


def test_the_hours_say_whether_the_line_is_open_now(client, time_machine, settings):
    settings.TIME_ZONE = "UTC"
    time_machine.move_to(datetime(2026, 5, 4, 21, 0, tzinfo=UTC), tick=False)
    page = client.get("/en/").content.decode()
    assert 'every day, <bdi dir="ltr">08:30–18:00</bdi>' in page and "closed now" in page
    time_machine.move_to(datetime(2026, 5, 4, 10, 0, tzinfo=UTC), tick=False)
    assert "open now" in client.get("/en/").content.decode()
