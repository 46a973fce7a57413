"""Signed webhook deliveries (docs/api.md, "Webhooks").

Each delivery is a POST of a JSON body with these headers:

- `Sanad-Event`: `notice.sent` or `referral.sent`;
- `Sanad-Delivery`: the delivery's id (the same on every retry: a receiver ignores a repeat);
- `Sanad-Timestamp`: seconds since the epoch when this attempt was signed;
- `Sanad-Signature`: `v1=` and the hex HMAC-SHA256, keyed with the endpoint's secret, of
  `timestamp + "." + body`.

A receiver recomputes the signature over the raw body, compares in constant time, and refuses a
timestamp more than `REPLAY_WINDOW` away from its clock. Bodies carry ids, states and times only,
never content: the partner reads the notice or referral through the API with its token.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sanad.api.models import Delivery, WebhookEndpoint
from sanad.audit.log import record

REPLAY_WINDOW = timedelta(minutes=5)
# (url, body, headers, timeout) -> HTTP status. Tests inject their own (no network in tests).
Transport = Callable[[str, bytes, dict[str, str], float], int]


def sign(secret: str, timestamp: int, body: bytes) -> str:
    return "v1=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def verify(secret: str, *, timestamp: str, body: bytes, signature: str, now: float | None = None) -> bool:
    """What a receiver does (documented, and used by the tests as a partner would)."""
    try:
        moment = int(timestamp)
    except ValueError:
        return False
    if abs((now or time.time()) - moment) > REPLAY_WINDOW.total_seconds():
        return False
    return hmac.compare_digest(sign(secret, moment, body), signature)


def urllib_transport(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (https checked on registration)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


TRANSPORT: Transport = urllib_transport


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload, sort_keys=True, separators=(",", ":")).encode()


def backoff(attempts: int) -> timedelta:
    """After the n-th failed attempt: the base delay doubled n-1 times (30 s, 1 min, 2 min…)."""
    return timedelta(seconds=settings.SANAD_WEBHOOK_BACKOFF_SECONDS * 2 ** max(0, attempts - 1))


def _claim(delivery_id: int) -> Delivery | None:
    """Take a due delivery for one attempt: a lease (its next attempt moved later) so that another
    worker leaves it alone while this one posts, outside any transaction."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(pk=delivery_id, state=Delivery.State.PENDING, next_attempt_at__lte=timezone.now())
            .first()
        )
        if delivery is None or not delivery.endpoint.active:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = (
            timezone.now() + timedelta(seconds=settings.SANAD_WEBHOOK_TIMEOUT_SECONDS) + backoff(delivery.attempts)
        )
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def deliver(delivery_id: int, *, transport: Transport | None = None) -> bool:
    """One attempt at a due delivery; whether it was delivered. Safe to call twice (the lease)."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return False
    endpoint: WebhookEndpoint = delivery.endpoint
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Sanad-Webhooks/1",
        "Sanad-Event": delivery.event,
        "Sanad-Delivery": str(delivery.pk),
        "Sanad-Timestamp": str(timestamp),
        "Sanad-Signature": sign(endpoint.secret, timestamp, body),
    }
    status, error = None, ""
    try:
        status = (transport or TRANSPORT)(endpoint.url, body, headers, settings.SANAD_WEBHOOK_TIMEOUT_SECONDS)
    except (OSError, ValueError) as failure:  # refused, timed out, no route, bad address
        error = type(failure).__name__
    delivered = status is not None and 200 <= status < 300
    with transaction.atomic():
        delivery.last_status, delivery.last_error = status, error or ("" if delivered else f"HTTP {status}")
        if delivered:
            delivery.state, delivery.delivered_at = Delivery.State.DELIVERED, timezone.now()
        elif delivery.attempts >= settings.SANAD_WEBHOOK_MAX_ATTEMPTS:
            delivery.state = Delivery.State.FAILED
        else:
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
        delivery.save(update_fields=["last_status", "last_error", "state", "delivered_at", "next_attempt_at"])
        if delivery.state != Delivery.State.PENDING:
            record(
                None,
                "webhook.delivered" if delivered else "webhook.given_up",
                object_type="webhook",
                object_id=endpoint.pk,
                delivery=delivery.pk,
                event=delivery.event,
                attempts=delivery.attempts,
                status=status,
            )
    return delivered
