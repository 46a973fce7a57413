"""Abuse limits without remembering who anyone is.

A bucket is a cache key made from a keyed hash of (scope, client address, time window).
The address lives only in memory for the length of the request: it is never written to
the database or the logs, and the bucket expires with its window.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from sanad.lib.errors import RateLimited
from sanad.lib.keyed_hash import keyed_hash


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting only as many X-Forwarded-For hops as we have proxies."""
    hops = settings.SANAD_TRUSTED_PROXIES
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _rule(scope: str) -> tuple[int, int]:
    count, _, seconds = settings.SANAD_RATE_LIMITS[scope].partition("/")
    return int(count), int(seconds)


def bucket_key(scope: str, address: str, window: int) -> str:
    return f"rl:{scope}:{keyed_hash('ratelimit', f'{scope}|{address}|{window}')[:32]}"


def hit(request: HttpRequest, scope: str) -> None:
    """Count one attempt; raise RateLimited past the scope's limit for this window."""
    limit, seconds = _rule(scope)
    window = int(time.time()) // seconds
    key = bucket_key(scope, client_address(request), window)
    # add() then incr(): atomic on Redis; on the database cache two racing requests may be
    # counted once, which loosens a limit by a request or so, never more.
    cache.add(key, 0, timeout=seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the bucket expired between add and incr
        cache.set(key, 1, timeout=seconds + 5)
        count = 1
    if count > limit:
        raise RateLimited()
