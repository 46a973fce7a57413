"""Guessing receipts, or flooding the portal, is slowed down per client network and per sliding window."""

import threading
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from sanad.intake import ratelimit
from sanad.intake.models import RateBucket
from sanad.lib.addresses import address_group

pytestmark = pytest.mark.django_db

# On the hour, so on a window boundary for the default receipt rule (10 per 900 seconds).
START = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
WRONG = "0000-0000-0000-0000"
WAIT = "Many codes were tried from your network"


def attempt(client: Client, code: str = WRONG) -> int:
    return client.post("/en/follow-up/", {"receipt": code}).status_code


@pytest.mark.smoke
def test_the_eleventh_wrong_code_in_the_window_is_refused_with_a_plain_page(client, time_machine):
    time_machine.move_to(START, tick=False)
    assert [attempt(client) for _ in range(10)] == [400] * 10
    response = client.post("/en/follow-up/", {"receipt": WRONG})
    assert response.status_code == 429
    page = response.content.decode()
    assert WAIT in page
    assert "Something went wrong" not in page and "problem" not in page  # not a crash page
    assert 'id="error-summary"' not in page  # nor a mistake to correct: a notice to wait
    assert 'name="receipt"' in page  # the form is still there, with what was typed
    assert WRONG in page


def test_the_right_code_is_refused_too_once_the_budget_is_spent(client, receipt, time_machine):
    # Past the budget every code is refused, so a guess there cannot tell right from wrong.
    time_machine.move_to(START, tick=False)
    for _ in range(10):
        attempt(client)
    assert attempt(client, receipt) == 429


def test_a_right_code_is_never_counted(client, receipt, time_machine):
    time_machine.move_to(START, tick=False)
    assert [attempt(client, receipt) for _ in range(15)] == [302] * 15
    assert [attempt(client) for _ in range(10)] == [400] * 10
    assert attempt(client) == 429


def test_a_code_of_the_wrong_shape_costs_no_try(client, time_machine):
    time_machine.move_to(START, tick=False)
    for typed in ["K7QF-9XRM", "", "K7QF-9XRM-2HTP-4WNU", "K7QF-9XRM-2HTP-4WNB-A"] * 5:
        assert attempt(client, typed) == 400
    assert not RateBucket.objects.exists()
    assert [attempt(client) for _ in range(10)] == [400] * 10


def test_the_window_slides_so_a_burst_at_its_edge_does_not_get_two_budgets(client, time_machine):
    time_machine.move_to(START + timedelta(seconds=899), tick=False)
    assert [attempt(client) for _ in range(10)] == [400] * 10
    time_machine.move_to(START + timedelta(seconds=900), tick=False)  # a new fixed window
    assert attempt(client) == 429
    time_machine.move_to(START + timedelta(seconds=900 + 450), tick=False)  # half of the burst still counts
    assert [attempt(client) for _ in range(5)] == [400] * 4 + [429]
    time_machine.move_to(START + timedelta(seconds=1800 + 899), tick=False)  # the burst has slid out
    assert attempt(client) == 400


def test_another_client_address_has_its_own_budget(time_machine):
    time_machine.move_to(START, tick=False)
    first, second = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    for _ in range(11):
        attempt(first)
    assert attempt(first) == 429
    assert attempt(second) == 400


def test_addresses_of_one_ipv6_network_share_a_budget(time_machine):
    # A phone picks a new address in its /64 at will: the /64 is the client.
    time_machine.move_to(START, tick=False)
    for host in range(10):
        assert attempt(Client(REMOTE_ADDR=f"2001:db8:1:2::{host + 1:x}")) == 400
    assert attempt(Client(REMOTE_ADDR="2001:db8:1:2:abcd:ef01:2345:6789")) == 429
    assert attempt(Client(REMOTE_ADDR="2001:db8:1:3::1")) == 400  # the next /64 is someone else


def test_an_ipv4_mapped_address_is_its_ipv4_address():
    assert address_group("::ffff:198.51.100.7") == "198.51.100.7"
    assert address_group("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert address_group("198.51.100.7") == "198.51.100.7"
    assert address_group("not an address") == "not an address"


def test_the_limits_come_from_the_settings(client, settings, time_machine):
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "receipt": "2/60"}
    time_machine.move_to(START, tick=False)
    assert [attempt(client) for _ in range(3)] == [400, 400, 429]


@pytest.mark.django_db(transaction=True)
def test_attempts_racing_from_many_processes_are_all_counted(settings):
    # Each thread has its own database connection, as app processes do: the upsert is atomic.
    settings.SANAD_RATE_LIMITS = {**settings.SANAD_RATE_LIMITS, "receipt": "1000/3600"}
    barrier = threading.Barrier(8)

    def attempts() -> None:
        barrier.wait()
        try:
            for _ in range(5):
                ratelimit.over_limit("receipt", "198.51.100.9")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempts) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(RateBucket.objects.values_list("attempts", flat=True)) == [40]


def test_purging_deletes_only_the_buckets_no_window_reads_any_more(client, time_machine):
    time_machine.move_to(START, tick=False)
    attempt(client)
    time_machine.move_to(START + timedelta(seconds=900), tick=False)
    attempt(client)
    time_machine.move_to(START + timedelta(seconds=1800), tick=False)
    attempt(client)
    assert RateBucket.objects.count() == 3
    call_command("purge_drafts", stdout=StringIO())
    # The first window's bucket is gone; the second is still this window's "previous".
    assert sorted(RateBucket.objects.values_list("attempts", flat=True)) == [1, 1]
    assert attempt(client) == 400
