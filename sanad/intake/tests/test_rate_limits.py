"""Guessing receipts, or flooding the portal, is slowed down per client and per time window."""

import threading
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory

from sanad.intake import ratelimit
from sanad.intake.models import Message, RateBucket

pytestmark = pytest.mark.django_db

# On the hour, so on a window boundary for the default receipt rule (10 per 900 seconds).
START = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
WRONG = "0000-0000-0000-0000"


def attempt(client: Client, code: str = WRONG) -> int:
    return client.post("/en/follow-up/", {"receipt": code}).status_code


@pytest.mark.smoke
def test_the_eleventh_receipt_attempt_in_the_window_is_refused(client, time_machine):
    time_machine.move_to(START, tick=False)
    assert [attempt(client) for _ in range(10)] == [400] * 10
    response = client.post("/en/follow-up/", {"receipt": WRONG})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_the_right_receipt_is_refused_too_once_the_budget_is_spent(client, receipt, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(10):
        attempt(client)
    assert attempt(client, receipt) == 429


def test_a_right_receipt_counts_as_an_attempt(client, receipt, time_machine):
    time_machine.move_to(START, tick=False)
    assert [attempt(client, receipt) for _ in range(10)] == [302] * 10
    assert attempt(client) == 429


def test_a_new_window_allows_attempts_again(client, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(11):
        attempt(client)
    time_machine.move_to(START + timedelta(seconds=899), tick=False)
    assert attempt(client) == 429
    time_machine.move_to(START + timedelta(seconds=900), tick=False)
    assert attempt(client) == 400


def test_another_client_address_has_its_own_budget(time_machine):
    time_machine.move_to(START, tick=False)
    first, second = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    for _ in range(11):
        attempt(first)
    assert attempt(first) == 429
    assert attempt(second) == 400


def test_the_limits_come_from_the_settings(client, settings, time_machine):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "receipt": "2/60"}
    time_machine.move_to(START, tick=False)
    assert [attempt(client) for _ in range(3)] == [400, 400, 429]


def test_messages_are_limited_too(client, receipt, open_followup, settings):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "message": "2/3600"}
    open_followup(client, receipt)
    statuses = [client.post("/en/follow-up/report/message/", {"body": f"message {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Message.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_attempts_racing_from_many_processes_are_all_counted(settings):
    # Each thread has its own database connection, as app processes do: the upsert is atomic.
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "receipt": "1000/3600"}
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.9")
    barrier = threading.Barrier(8)

    def attempts() -> None:
        barrier.wait()
        try:
            for _ in range(5):
                ratelimit.hit(request, "receipt")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempts) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(RateBucket.objects.values_list("attempts", flat=True)) == [40]


def test_purging_deletes_only_the_buckets_whose_window_has_passed(client, time_machine):
    time_machine.move_to(START, tick=False)
    attempt(client)
    time_machine.move_to(START + timedelta(seconds=900), tick=False)
    attempt(client)
    assert RateBucket.objects.count() == 2
    call_command("purge_drafts", stdout=StringIO())
    assert RateBucket.objects.count() == 1
    assert attempt(client) == 400  # the live window still counts: 2 of 10
    assert RateBucket.objects.get().attempts == 2
