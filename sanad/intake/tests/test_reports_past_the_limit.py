"""No report is ever refused: past its network's limit a report is saved, queued and marked,
and the reporter is told in plain words; a report with a danger answer is not even marked."""

import pytest
from django.test import Client

from sanad.intake.models import Report, Urgency
from sanad.intake.tests.conftest import receipt_on

pytestmark = pytest.mark.django_db

NOTE = "Many reports were sent from your network"


@pytest.fixture
def school_wifi(settings) -> Client:
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "report": "2/3600"}
    return Client(REMOTE_ADDR="198.51.100.40")


def send_as_new_child(send_report, **changes: dict) -> tuple[str, str]:
    """A new child on the same network: a new browser, the same address."""
    child = Client(REMOTE_ADDR="198.51.100.40")
    code = send_report(child, **changes)
    return code, child.get("/en/report/sent/").content.decode()


@pytest.mark.smoke
def test_a_report_past_the_limit_is_saved_queued_and_marked(school_wifi, send_report):
    for _ in range(2):
        _code, page = send_as_new_child(send_report)
        assert NOTE not in page
    code, page = send_as_new_child(send_report)

    assert Report.objects.count() == 3
    third = Report.objects.order_by("pk").last()
    assert third.arrived_over_limit
    assert third.urgency == Urgency.P2  # ranked as any other
    assert receipt_on(page) == code
    assert NOTE in page
    assert not Report.objects.filter(arrived_over_limit=True).exclude(pk=third.pk).exists()


def test_a_danger_report_past_the_limit_is_saved_and_not_marked(school_wifi, send_report):
    for _ in range(2):
        send_as_new_child(send_report)
    _code, page = send_as_new_child(send_report, danger={"self_harm": "yes"})
    report = Report.objects.order_by("pk").last()
    assert report.urgency == Urgency.P0
    assert not report.arrived_over_limit
    assert NOTE not in page
