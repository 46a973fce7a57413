"""Signed webhook deliveries from the worker, with retries, backoff and a delivery log. No network:
a local HTTP server in the test, or an injected transport."""

import http.server
import json
import threading
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from sanad.api import actions, tasks, webhooks
from sanad.api.models import Delivery, WebhookEndpoint
from sanad.cases import actions as case_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def send_notice(analyst, platform_org, report_factory):
    def send():  # type: ignore[no-untyped-def]
        report, _ = report_factory(identifiers=("@demo.hook",))
        case = case_actions.open_case(report, by=analyst)
        return case_actions.refer_case(
            case, target="platform", organisation=platform_org, brief="", legal_ground="", by=analyst
        )

    return send


class Receiver(http.server.BaseHTTPRequestHandler):
    received: list = []
    answers: list = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(Receiver.answers.pop(0) if Receiver.answers else 204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver():
    Receiver.received, Receiver.answers = [], []
    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_a_new_notice_is_posted_signed_to_a_local_server(platform_org, administrator, send_notice, receiver):
    endpoint, secret = actions.register_endpoint(platform_org, url="https://partner.invalid/hook", by=administrator)
    # The test's own server speaks plain HTTP on loopback; registration itself refuses anything but https.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url=f"http://127.0.0.1:{receiver.server_port}/hook")
    referral = send_notice()
    assert tasks.pick_up_events.call() == 1
    [(headers, body)] = Receiver.received
    assert headers["Sanad-Event"] == "notice.sent"
    assert webhooks.verify(
        secret, timestamp=headers["Sanad-Timestamp"], body=body, signature=headers["Sanad-Signature"]
    )
    assert not webhooks.verify(
        "whsec_other", timestamp=headers["Sanad-Timestamp"], body=body, signature=headers["Sanad-Signature"]
    )
    payload = json.loads(body)
    assert payload["notice"]["id"] == referral.notices.get().pk
    assert "@demo" not in body.decode()  # ids and times, never content
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 1, 204)
    assert tasks.pick_up_events.call() == 0  # once per event
    assert len(Receiver.received) == 1


def test_a_replayed_delivery_is_refused_by_the_receiver(platform_org, administrator):
    _endpoint, secret = actions.register_endpoint(platform_org, url="https://partner.invalid/hook", by=administrator)
    body = b'{"event":"notice.sent"}'
    signature = webhooks.sign(secret, 1_000_000, body)
    assert webhooks.verify(secret, timestamp="1000000", body=body, signature=signature, now=1_000_000 + 299)
    assert not webhooks.verify(secret, timestamp="1000000", body=body, signature=signature, now=1_000_000 + 301)


def test_retries_with_exponential_backoff_then_gives_up(
    platform_org, administrator, send_notice, settings, monkeypatch
):
    settings.SANAD_WEBHOOK_MAX_ATTEMPTS = 3
    settings.SANAD_WEBHOOK_BACKOFF_SECONDS = 30
    calls = []

    def failing(url, body, headers, timeout):  # type: ignore[no-untyped-def]
        calls.append(timezone.now())
        return 503

    monkeypatch.setattr(webhooks, "TRANSPORT", failing)
    actions.register_endpoint(platform_org, url="https://partner.invalid/hook", by=administrator)
    send_notice()
    tasks.pick_up_events.call()
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("pending", 1, "HTTP 503")
    first_wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=25) < first_wait <= timedelta(seconds=31)
    assert tasks.retry_deliveries.call() == 0 and len(calls) == 1  # not due yet
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        tasks.retry_deliveries.call()
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        second_wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=55) < second_wait <= timedelta(seconds=61)  # doubled
    with time_machine.travel(timezone.now() + timedelta(seconds=200)):
        tasks.retry_deliveries.call()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 3)
    assert len(calls) == 3


def test_a_refused_connection_is_retried(platform_org, administrator, send_notice, monkeypatch):
    def refusing(url, body, headers, timeout):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError

    monkeypatch.setattr(webhooks, "TRANSPORT", refusing)
    actions.register_endpoint(platform_org, url="https://partner.invalid/hook", by=administrator)
    send_notice()
    tasks.pick_up_events.call()
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.last_error) == ("pending", "ConnectionRefusedError")


def test_referrals_reach_authorities_endpoints(police, administrator, analyst, report_factory, monkeypatch):
    posted = []
    monkeypatch.setattr(
        webhooks, "TRANSPORT", lambda url, body, headers, timeout: posted.append(headers["Sanad-Event"]) or 200
    )
    actions.register_endpoint(police, url="https://police.invalid/hook", by=administrator)
    report, _ = report_factory()
    case = case_actions.open_case(report, by=analyst)
    case_actions.refer_case(case, target="police", organisation=police, brief="", legal_ground="", by=analyst)
    tasks.pick_up_events.call()
    assert posted == ["referral.sent"]


def test_partners_register_their_endpoint_through_the_api(platform_partner, police_partner, helpline_partner):
    refused = platform_partner.post("/webhooks", {"url": "http://partner.invalid/hook"})
    assert refused.status_code == 400 and refused.json()["error"] == "webhook_not_https"
    created = platform_partner.post("/webhooks", {"url": "https://partner.invalid/hook"})
    assert created.status_code == 201 and created.json()["secret"].startswith("whsec_")
    listed = platform_partner.get("/webhooks").json()
    assert [item["url"] for item in listed] == ["https://partner.invalid/hook"] and "secret" not in listed[0]
    assert police_partner.get("/webhooks").json() == []
    assert police_partner.delete(f"/webhooks/{listed[0]['id']}").status_code == 404  # another organisation's
    assert helpline_partner.get("/webhooks").status_code == 403
    assert platform_partner.delete(f"/webhooks/{listed[0]['id']}").status_code == 204
    assert platform_partner.get("/webhooks").json() == []


def test_administrators_read_the_delivery_log(platform_org, administrator, analyst, send_notice, sign_in, monkeypatch):
    monkeypatch.setattr(webhooks, "TRANSPORT", lambda *args: 500)
    endpoint, _ = actions.register_endpoint(platform_org, url="https://partner.invalid/hook", by=administrator)
    send_notice()
    tasks.pick_up_events.call()
    page = sign_in(administrator).get(f"/fr/staff/admin/api/webhooks/{endpoint.pk}/").content.decode()
    assert "notice.sent" in page and "HTTP 500" in page
    assert sign_in(analyst).get(f"/fr/staff/admin/api/webhooks/{endpoint.pk}/").status_code == 404
