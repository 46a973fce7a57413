"""Abuse limits without remembering who anyone is.

A bucket is a keyed hash of (scope, subject, time window), counted in a table of the shared
database by one atomic upsert, so every app process and machine counts together. A subject
is a client network (an IPv4 address, or the /64 an IPv6 address belongs to), a draft or a
report: the address lives only in memory for the length of the request, and is never
written to the database or the logs. A bucket is worthless once its window has passed.

Windows slide: the count is this window's attempts plus the last window's, weighted by how
much of it still overlaps the last `seconds` (the usual approximation, one statement per hit),
so a burst across a window's edge cannot spend two budgets at once.

What happens at a limit is the caller's choice (docs/portal.md, "Limits"): a report is never
refused, a wrong receipt code is, an upload or a message waits with what was typed kept.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from sanad.intake.models import RateBucket
from sanad.lib.addresses import address_group, client_address
from sanad.lib.keyed_hash import keyed_hash

# Scopes counted per client network, and per thing (a draft, a report reached by its receipt).
ADDRESS_SCOPES = {"receipt", "report", "upload", "message"}
DRAFT_SCOPES = {"draft_upload", "draft_resume"}
REPORT_SCOPES = {"report_message", "report_upload"}


def _rule(scope: str) -> tuple[int, int]:
    count, _, seconds = settings.SANAD_RATE_LIMITS[scope].partition("/")
    return int(count), int(seconds)


def bucket_key(scope: str, subject: str, window: int) -> str:
    return keyed_hash("ratelimit", f"{scope}|{subject}|{window}")[:32]


def _count_attempt(bucket: str, previous: str, expires_at: datetime) -> tuple[int, int]:
    """One more attempt in the bucket: its count after it, and the previous window's count
    (one statement, atomic)."""
    table = connection.ops.quote_name(RateBucket._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, attempts, expires_at) VALUES (%s, 1, %s) "  # noqa: S608 (our table name)
            f"ON CONFLICT (bucket) DO UPDATE SET attempts = {table}.attempts + 1 "
            f"RETURNING attempts, (SELECT attempts FROM {table} WHERE bucket = %s)",
            [bucket, connection.ops.adapt_datetimefield_value(expires_at), previous],
        )
        current, before = cursor.fetchone()
        return current, before or 0


def _subject(scope: str, subject: str) -> str:
    if scope in ADDRESS_SCOPES:
        return address_group(subject)
    return subject


def over_limit(scope: str, subject: str) -> bool:
    """Count one attempt of `subject` at `scope`; whether it goes past the scope's limit.

    `subject` is the client's address for the address scopes (see client_address), else the
    id of the draft or report the scope is about."""
    limit, seconds = _rule(scope)
    now = time.time()
    window = int(now // seconds)
    key = _subject(scope, subject)
    # A window's bucket is read again through the next window, as its "previous".
    expires_at = datetime.fromtimestamp((window + 2) * seconds, tz=UTC)
    current, before = _count_attempt(bucket_key(scope, key, window), bucket_key(scope, key, window - 1), expires_at)
    overlap = 1 - (now - window * seconds) / seconds
    return current + before * overlap > limit


def uploads_over_limit(request: HttpRequest, *, scope: str, subject: str) -> bool:
    """Count an upload against the client's network and against its draft or report (`scope`
    and `subject`); whether either is past its limit. Both are counted either way."""
    return any([over_limit("upload", client_address(request)), over_limit(scope, subject)])


def give_back(scope: str, subject: str) -> None:
    """Uncount the attempt just counted (a right receipt code costs nothing)."""
    _limit, seconds = _rule(scope)
    bucket = bucket_key(scope, _subject(scope, subject), int(time.time() // seconds))
    RateBucket.objects.filter(bucket=bucket, attempts__gt=0).update(attempts=F("attempts") - 1)


def purge_expired() -> int:
    """Delete the buckets whose window has passed; how many."""
    deleted, _ = RateBucket.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
