"""The API's background work: events picked up from the domain apps' state (nothing imports api,
so it reads what was sent instead of being told), and their deliveries with retries."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from sanad.api import idempotency, webhooks
from sanad.api.models import Delivery, WebhookEndpoint
from sanad.cases.models import Notice, Referral, ReferralTarget

# Events older than this when an endpoint is first seen are not sent (a new endpoint starts from now).
LOOK_BACK = timedelta(days=2)
RETRY_BATCH = 200


def _api_url(name: str, **kwargs: object) -> str:
    return settings.SANAD_SITE_URL + reverse(f"api-1:{name}", kwargs=kwargs)


def _notice_event(notice: Notice) -> dict:
    return {
        "event": "notice.sent",
        "notice": {
            "id": notice.pk,
            "referral_id": notice.referral_id,
            "state": notice.state,
            "clock": notice.clock,
            "sent_at": notice.sent_at.isoformat(),
            "due_at": notice.due_at.isoformat(),
            "url": _api_url("get_notice", notice_id=notice.pk),
        },
    }


def _referral_event(referral: Referral) -> dict:
    return {
        "event": "referral.sent",
        "referral": {
            "id": referral.pk,
            "target": referral.target,
            "addendum_to": referral.addendum_to_id,
            "sent_at": referral.sent_at.isoformat(),
            "answer_due": referral.answer_due.isoformat(),
            "url": _api_url("get_referral", referral_id=referral.pk),
        },
    }


def events_for(endpoint: WebhookEndpoint, *, now: datetime) -> list[Delivery]:
    since = max(endpoint.since, now - LOOK_BACK)
    found = []
    for notice in Notice.objects.filter(referral__organisation=endpoint.organisation_id, sent_at__gte=since):
        found.append(
            Delivery(
                endpoint=endpoint, event="notice.sent", event_id=f"notice:{notice.pk}", payload=_notice_event(notice)
            )
        )
    referrals = Referral.objects.filter(organisation=endpoint.organisation_id, sent_at__gte=since).exclude(
        target=ReferralTarget.PLATFORM
    )
    for referral in referrals:
        found.append(
            Delivery(
                endpoint=endpoint,
                event="referral.sent",
                event_id=f"referral:{referral.pk}",
                payload=_referral_event(referral),
            )
        )
    return found


@task()
def pick_up_events() -> int:
    """New notices and referrals of organisations with an endpoint become deliveries (once each:
    the unique event per endpoint), then are delivered. Safe to run again."""
    now = timezone.now()
    made = 0
    for endpoint in WebhookEndpoint.objects.filter(active=True):
        candidates = events_for(endpoint, now=now)
        known = set(
            Delivery.objects.filter(endpoint=endpoint, event_id__in=[item.event_id for item in candidates]).values_list(
                "event", "event_id"
            )
        )
        new = [item for item in candidates if (item.event, item.event_id) not in known]
        with transaction.atomic():
            created = Delivery.objects.bulk_create(new, ignore_conflicts=True)
        made += len(created)
    retry_deliveries.call()
    return made


@task()
def retry_deliveries() -> int:
    """Every delivery due (new, or whose backoff has passed): one attempt each."""
    due = Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=timezone.now()).order_by(
        "next_attempt_at"
    )
    return sum(webhooks.deliver(pk) for pk in due.values_list("pk", flat=True)[:RETRY_BATCH])


@task()
def forget_idempotency_keys() -> int:
    """Answers kept for idempotency keys are forgotten after SANAD_IDEMPOTENCY_SECONDS (they hold receipts)."""
    return idempotency.purge_expired()
