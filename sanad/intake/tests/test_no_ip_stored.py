"""A reporter leaves no IP address anywhere: not in any table, not in the cache, not in the logs."""

import ipaddress
import logging
import pickle

import pytest
from django.core.cache import cache
from django.test import Client

from sanad.intake.models import RateBucket, Report
from sanad.intake.tests.conftest import upload

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"


def traces(address: str) -> list[bytes]:
    return [address.encode(), ipaddress.ip_address(address).packed, address.encode("utf-16-le")]


def cache_entries() -> list[tuple[str, bytes]]:
    # The memory cache the tests use keeps its entries in a dict of pickled values.
    store = getattr(cache, "_cache", None)
    assert store is not None, "this test reads the local-memory cache of scripts/pytest.sh"
    return [(str(key), value if isinstance(value, bytes) else pickle.dumps(value)) for key, value in store.items()]


def test_a_report_and_its_follow_up_store_no_ip_address(
    send_report, open_followup, find_in_database, png_bytes, caplog
):
    caplog.set_level(logging.DEBUG)
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=f"{FORWARDED}, {ADDRESS}")
    receipt = send_report(client, files=[upload("shot.png", png_bytes)])
    client.post("/en/report/sent/")
    client.post("/en/follow-up/", {"receipt": "0000-0000-0000-0000"})
    open_followup(client, receipt)
    client.get("/en/follow-up/report/")
    client.post("/en/follow-up/report/message/", {"body": "Thank you"})
    client.post("/en/follow-up/report/evidence/", {"files": [upload("more.png", png_bytes)]})

    # The scan reads what is stored in clear, and the rate-limit buckets were written.
    assert find_in_database(Report.objects.get().reference.encode()) != []
    # Per network: report, receipt, message, upload; per draft: draft_upload; per report: report_message, report_upload.
    assert RateBucket.objects.count() == 7
    entries = cache_entries()

    for address in (ADDRESS, FORWARDED):
        for trace in traces(address):
            assert find_in_database(trace) == [], (address, trace)
            assert [key for key, value in entries if address in key or trace in value] == []
        assert [record.getMessage() for record in caplog.records if address in record.getMessage()] == []
