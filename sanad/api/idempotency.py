"""Idempotency keys: the same key and body get the same answer, another body a 409.

The key (as a keyed hash) is claimed first, in the request's transaction: a concurrent request
with the same key waits on the unique index until the first commits, then reads its answer
instead of making a second report. A request that fails rolls its claim back, so the key is not
spent. Answers are kept sealed (they hold a receipt) for SANAD_IDEMPOTENCY_SECONDS.
"""

import json
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sanad.api.models import ApiToken, IdempotentAnswer
from sanad.lib.errors import SanadError
from sanad.lib.keyed_hash import keyed_hash


class KeyReused(SanadError):
    code = "idempotency_key_reused"
    status = 409
    message = "This Idempotency-Key was used with another body. Use a new key for a new request."


def answer_once(
    token: ApiToken, key: str, *, fingerprint: str, make: Callable[[], tuple[int, dict]]
) -> tuple[int, dict]:
    digest = keyed_hash("idempotency", key)
    forgotten = timezone.now() - timedelta(seconds=settings.SANAD_IDEMPOTENCY_SECONDS)
    IdempotentAnswer.objects.filter(token=token, key=digest, created_at__lt=forgotten).delete()
    with transaction.atomic():
        held = IdempotentAnswer(token=token, key=digest, request_sha256=fingerprint, status=0)
        held.body = "{}"
        try:
            with transaction.atomic():  # only the claim: an error of the request itself is the request's
                held.save()
        except IntegrityError:
            held = IdempotentAnswer.objects.get(token=token, key=digest)
            if held.request_sha256 != fingerprint:
                raise KeyReused() from None
            return held.status, json.loads(held.body)
        status, answer = make()
        held.status = status
        held.body = json.dumps(answer)
        held.save(update_fields=["status", "body_sealed"])
    return status, answer


def purge_expired() -> int:
    forgotten = timezone.now() - timedelta(seconds=settings.SANAD_IDEMPOTENCY_SECONDS)
    deleted, _ = IdempotentAnswer.objects.filter(created_at__lt=forgotten).delete()
    return deleted
