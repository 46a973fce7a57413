"""Abuse limits without remembering who anyone is.

A bucket is a keyed hash of (scope, client address, time window), counted in a table of the
shared database by one atomic upsert, so every app process and machine counts together. The
address lives only in memory for the length of the request: it is never written to the
database or the logs, and the bucket is worthless once its window has passed.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from sanad.intake.models import RateBucket
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
    return keyed_hash("ratelimit", f"{scope}|{address}|{window}")[:32]


def _count_attempt(bucket: str, expires_at: datetime) -> int:
    """One more attempt in the bucket; the bucket's count after it (one statement, atomic)."""
    table = connection.ops.quote_name(RateBucket._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, attempts, expires_at) VALUES (%s, 1, %s) "  # noqa: S608 (our table name)
            f"ON CONFLICT (bucket) DO UPDATE SET attempts = {table}.attempts + 1 RETURNING attempts",
            [bucket, connection.ops.adapt_datetimefield_value(expires_at)],
        )
        return cursor.fetchone()[0]


def hit(request: HttpRequest, scope: str) -> None:
    """Count one attempt; raise RateLimited past the scope's limit for this window."""
    limit, seconds = _rule(scope)
    window = int(time.time()) // seconds
    expires_at = datetime.fromtimestamp((window + 1) * seconds, tz=UTC)
    if _count_attempt(bucket_key(scope, client_address(request), window), expires_at) > limit:
        raise RateLimited()


def purge_expired() -> int:
    """Delete the buckets whose window has passed; how many."""
    deleted, _ = RateBucket.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
