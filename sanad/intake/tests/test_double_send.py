"""A double tap on "send", or a reload, makes one report and shows the same receipt."""

import pytest

from sanad.intake.models import Report
from sanad.intake.tests.conftest import ANSWERS, receipt_on, step_url, walk_wizard

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_sending_twice_makes_one_report_and_shows_the_same_receipt(client):
    walk_wizard(client, ANSWERS)
    first = client.post(step_url("review"), {"next": ""})
    second = client.post(step_url("review"), {"next": ""})

    assert Report.objects.count() == 1
    assert first["Location"] == second["Location"] == "/en/report/sent/"
    assert receipt_on(client.get("/en/report/sent/").content.decode())


def test_the_receipt_shown_after_the_second_tap_is_the_first_one(client):
    walk_wizard(client, ANSWERS)
    client.post(step_url("review"), {"next": ""})
    shown_first = receipt_on(client.get("/en/report/sent/").content.decode())
    page = client.post(step_url("review"), {"next": ""}, follow=True)
    assert receipt_on(page.content.decode()) == shown_first
