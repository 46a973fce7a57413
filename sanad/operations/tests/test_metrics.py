"""/metrics: Prometheus text for the token's holder only, with request latencies and counts,
and nothing that names or describes a person."""

import re

import pytest
from django.test import Client

from sanad.operations.models import ErasedCount

from .conftest import make_report

pytestmark = pytest.mark.django_db
TOKEN = "a-long-random-metrics-token-for-tests"


@pytest.fixture(autouse=True)
def token(settings):
    settings.SANAD_METRICS_TOKEN = TOKEN


def scrape(token: str = TOKEN) -> object:
    return Client().get("/metrics", headers={"Authorization": f"Bearer {token}"})


def test_counts_and_latencies_without_personal_data(analyst, sign_in):
    report, receipt = make_report(description="Salma reçoit des moqueries en classe (exemple fictif).")
    Client().get("/fr/")
    sign_in(analyst).get(f"/en/staff/reports/{report.pk}/")
    ErasedCount.objects.create(kind="report", month="2025-01-01", dimension="all", value="all", count=3)
    response = scrape()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'sanad_reports_waiting_for_triage{urgency="P2"} 1.0' in text
    assert 'sanad_erased{kind="report"} 3.0' in text
    assert "sanad_task_queue_lag_seconds" in text and "sanad_workers_alive" in text
    assert 'sanad_http_request_duration_seconds_bucket{le="0.5",method="GET",route="intake:home",status="2xx"}' in text
    assert 'route="cases:report"' in text
    for personal in ("Salma", receipt, report.reference, "demo.aggressor", "analyst", "127.0.0.1", f"/{report.pk}/"):
        assert personal not in text, personal
    assert not re.search(r'\b(id|report|case|user|path|reference)="', text)  # no label carries an id


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_without_the_token_there_is_nothing(token):
    assert scrape(token).status_code == 404
    assert Client().get("/metrics").status_code == 404


def test_unset_token_turns_the_endpoint_off(settings):
    settings.SANAD_METRICS_TOKEN = ""
    assert scrape("").status_code == 404
