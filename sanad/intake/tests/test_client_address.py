"""The client address for abuse limits trusts exactly as many X-Forwarded-For hops as there are proxies."""

import pytest
from django.test import RequestFactory

from sanad.intake.ratelimit import client_address


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_connection_address_is_used_and_forwarded_headers_ignored(settings):
    settings.SANAD_TRUSTED_PROXIES = 0
    assert client_address(request(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1")) == "10.0.0.5"


def test_behind_one_proxy_the_last_forwarded_hop_is_the_client(settings):
    settings.SANAD_TRUSTED_PROXIES = 1
    # A client can put anything first in the header; only what our proxy appended counts.
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    assert client_address(request(**meta)) == "198.51.100.7"


def test_behind_two_proxies_the_second_last_hop_is_the_client(settings):
    settings.SANAD_TRUSTED_PROXIES = 2
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7 ,10.0.0.9"}
    assert client_address(request(**meta)) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", [None, "", " , "])
def test_behind_a_proxy_without_a_forwarded_header_the_connection_address_is_used(settings, forwarded):
    settings.SANAD_TRUSTED_PROXIES = 1
    meta = {"REMOTE_ADDR": "10.0.0.5"}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(request(**meta)) == "10.0.0.5"


def test_fewer_hops_than_proxies_falls_back_to_the_connection_address(settings):
    settings.SANAD_TRUSTED_PROXIES = 2
    assert client_address(request(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7")) == "10.0.0.5"
