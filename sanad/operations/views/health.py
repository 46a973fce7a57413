"""/healthz for load balancers and monitors, /metrics for Prometheus. Neither needs a session,
neither holds personal data."""

import hmac

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from sanad.lib.errors import NotFound
from sanad.operations.metrics import exposition
from sanad.operations.workers import queue_state


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 while the app and its database answer (a load balancer keeps sending traffic), with the
    task workers' heartbeat and the queue's lag; "degraded" when no worker beats or the queue lags:
    reports are still taken, background work waits (docs/runbook.md)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state = queue_state()
    except DatabaseError:
        return JsonResponse({"status": "down", "database": "unreachable"}, status=503)
    stale = state.last_beat_seconds is None or state.last_beat_seconds > settings.SANAD_WORKER_STALE_SECONDS
    lagging = state.lag_seconds > settings.SANAD_QUEUE_LAG_ALERT_SECONDS
    return JsonResponse(
        {
            "status": "degraded" if stale or lagging else "ok",
            "database": "ok",
            "workers": {"alive": state.workers_alive, "last_beat_seconds": state.last_beat_seconds},
            "queue": {
                "ready": state.ready,
                "lag_seconds": round(state.lag_seconds, 1),
                "running": state.running,
                "failed": state.failed,
            },
        }
    )


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus exposition, for `Authorization: Bearer SANAD_METRICS_TOKEN` only (not found otherwise)."""
    token = settings.SANAD_METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        raise NotFound()
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)
