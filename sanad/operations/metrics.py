"""Prometheus metrics: request latencies measured in every app process, and counts read from
the database at each scrape. Labels are routes, methods, status classes and fixed codes
(urgency, state): never an id, a reference, a path with an id in it, or anything a person wrote.

With several server processes (gunicorn), SANAD_METRICS_DIR holds prometheus_client's
multiprocess files, so a scrape sums every worker process (gunicorn.conf.py clears it at start
and forgets a worker when it exits).
"""

import os
import time
from collections.abc import Callable, Iterator

from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

from sanad.audit.models import AuditEvent
from sanad.cases.models import Case, CaseStatus, Referral
from sanad.evidence.models import Evidence
from sanad.intake.models import Report, ReportDraft
from sanad.operations.models import ErasedCount, LegalHold
from sanad.operations.workers import queue_state
from sanad.schools.models import ProtocolRun, RunStatus, StepRecord

METHODS = {"GET", "POST", "HEAD"}
REQUEST_SECONDS = Histogram(
    "sanad_http_request_duration_seconds",
    "Time to answer a request, by route (the URL pattern's name), method and status class.",
    ["route", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class RequestMetrics:
    """Middleware: times every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        REQUEST_SECONDS.labels(
            route=(match.view_name if match else "") or "unmatched",
            method=request.method if request.method in METHODS else "other",
            status=f"{response.status_code // 100}xx",
        ).observe(time.perf_counter() - started)
        return response


def _gauge(name: str, text: str, labels: list[str], rows: dict[tuple[str, ...], float]) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, text, labels=labels)
    for values, value in sorted(rows.items()):
        family.add_metric(list(values), value)
    return family


class DatabaseCounts(Collector):
    """Counts read at scrape time: what waits, what is late, what the workers do."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        waiting = Report.objects.filter(triaged_at__isnull=True)
        yield _gauge(
            "sanad_reports_waiting_for_triage",
            "Reports not yet in a case, by urgency.",
            ["urgency"],
            {(row["urgency"],): row["n"] for row in waiting.values("urgency").annotate(n=Count("pk"))},
        )
        yield GaugeMetricFamily(
            "sanad_reports_overdue",
            "Reports waiting past their first-action deadline.",
            value=waiting.filter(first_action_due__lt=now).count(),
        )
        yield GaugeMetricFamily("sanad_reports_stored", "Reports kept (not erased).", value=Report.objects.count())
        open_cases = Case.objects.exclude(status=CaseStatus.CLOSED)
        yield _gauge(
            "sanad_cases_open",
            "Open national cases, by urgency.",
            ["urgency"],
            {(row["urgency"],): row["n"] for row in open_cases.values("urgency").annotate(n=Count("pk"))},
        )
        yield GaugeMetricFamily(
            "sanad_cases_overdue",
            "Open cases past their first-action deadline.",
            value=open_cases.filter(first_action_due__lt=now).count(),
        )
        yield GaugeMetricFamily(
            "sanad_referrals_overdue",
            "Referrals past their answer deadline.",
            value=Referral.objects.overdue(now).count(),
        )
        yield GaugeMetricFamily(
            "sanad_school_cases_open",
            "Open school cases.",
            value=ProtocolRun.objects.filter(status=RunStatus.OPEN).count(),
        )
        yield GaugeMetricFamily(
            "sanad_school_steps_overdue",
            "Protocol steps past their deadline.",
            value=StepRecord.objects.overdue(now).count(),
        )
        yield _gauge(
            "sanad_evidence_files",
            "Evidence files, by state (failed: the integrity check failed).",
            ["state"],
            {(row["state"],): row["n"] for row in Evidence.objects.values("state").annotate(n=Count("pk"))},
        )
        yield GaugeMetricFamily("sanad_drafts", "Unfinished reports (drafts) kept.", value=ReportDraft.objects.count())
        yield GaugeMetricFamily("sanad_audit_events", "Events in the audit log.", value=AuditEvent.objects.count())
        yield GaugeMetricFamily(
            "sanad_legal_holds", "Legal holds in force.", value=LegalHold.objects.in_force().count()
        )
        yield _gauge(
            "sanad_erased",
            "Reports and school cases erased at the end of their retention period.",
            ["kind"],
            {
                (row["kind"],): row["n"]
                for row in ErasedCount.objects.filter(dimension="all").values("kind").annotate(n=Sum("count"))
            },
        )
        state = queue_state(now)
        yield GaugeMetricFamily("sanad_workers_alive", "Task workers that beat recently.", value=state.workers_alive)
        yield GaugeMetricFamily(
            "sanad_worker_last_beat_seconds",
            "Seconds since the last heartbeat of any task worker (-1: none ever).",
            value=-1 if state.last_beat_seconds is None else state.last_beat_seconds,
        )
        yield GaugeMetricFamily("sanad_tasks_ready", "Tasks waiting for a worker.", value=state.ready)
        yield GaugeMetricFamily("sanad_tasks_running", "Tasks being run.", value=state.running)
        yield GaugeMetricFamily("sanad_tasks_failed", "Tasks that failed for good.", value=state.failed)
        yield GaugeMetricFamily(
            "sanad_task_queue_lag_seconds", "How long the oldest task ready to run has waited.", value=state.lag_seconds
        )


def exposition() -> tuple[bytes, str]:
    """The scrape's body: every process's request latencies, then the database counts."""
    registry = CollectorRegistry()
    registry.register(DatabaseCounts())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
        return generate_latest(processes) + generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY) + generate_latest(registry), CONTENT_TYPE_LATEST
