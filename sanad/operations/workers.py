"""Task workers' heartbeats, the queue's lag, and tasks a dead worker left running.

`manage.py run_worker` (django-tasks-db's worker with a heartbeat) writes its row every few
seconds from a thread of its own. A worker silent for SANAD_WORKER_STALE_SECONDS is dead (killed,
its machine gone): any live worker puts the tasks it was running back in the queue, which is
safe because every task is idempotent. A task that failed only because the database was away
goes back to the queue too, a few times, with a growing delay.
"""

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from sanad.operations.models import WorkerHeartbeat

log = logging.getLogger(__name__)

RUNNING, READY, FAILED = "RUNNING", "READY", "FAILED"
# Exceptions that say the database went away, not that the task is wrong.
TRANSIENT = {
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
    "psycopg.OperationalError",
    "psycopg.InterfaceError",
}
MAX_ATTEMPTS = 5
# Heartbeats of workers gone for this long are forgotten.
FORGET_AFTER = timedelta(days=1)


def stale_after() -> timedelta:
    return timedelta(seconds=settings.SANAD_WORKER_STALE_SECONDS)


def beat(worker_id: str, *, started_at: datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


def stop(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _requeue(task_ids: list[object], *, delay: timedelta = timedelta(0)) -> int:
    if not task_ids:
        return 0
    run_after = timezone.now() + delay if delay else get_date_max()
    return DBTaskResult.objects.filter(pk__in=task_ids, status__in=[RUNNING, FAILED]).update(
        status=READY, started_at=None, finished_at=None, run_after=run_after, exception_class_path="", traceback=""
    )


@transaction.atomic
def requeue_abandoned(now: datetime | None = None) -> int:
    """Put back in the queue the tasks that workers silent for too long were running."""
    now = now or timezone.now()
    dead = set(WorkerHeartbeat.objects.filter(seen_at__lt=now - stale_after()).values_list("worker_id", flat=True))
    if not dead:
        return 0
    running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(status=RUNNING)
    abandoned = [
        task.pk for task in running.only("pk", "worker_ids") if task.worker_ids and task.worker_ids[-1] in dead
    ]
    count = _requeue(abandoned)
    if count:
        log.warning("%s task(s) of dead worker(s) put back in the queue", count)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
    return count


@transaction.atomic
def requeue_own(worker_id: str) -> int:
    """After this worker's loop lost the database, what it was running goes back in the queue."""
    running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(status=RUNNING)
    return _requeue([task.pk for task in running.only("pk", "worker_ids") if task.worker_ids[-1:] == [worker_id]])


def retry_if_transient(task_id: UUID | str) -> bool:
    """A task that failed because the database was away runs again later (idempotent tasks)."""
    task = (
        DBTaskResult.objects.filter(pk=task_id, status=FAILED).only("pk", "worker_ids", "exception_class_path").first()
    )
    if task is None or task.exception_class_path not in TRANSIENT or len(task.worker_ids) >= MAX_ATTEMPTS:
        return False
    return _requeue([task.pk], delay=timedelta(seconds=2 ** len(task.worker_ids))) == 1


@dataclass(frozen=True)
class QueueState:
    workers_alive: int
    last_beat_seconds: float | None  # None: no worker ever beat
    ready: int
    lag_seconds: float  # how long the oldest task ready to run has waited
    failed: int
    running: int


def queue_state(now: datetime | None = None) -> QueueState:
    now = now or timezone.now()
    beats = WorkerHeartbeat.objects.all()
    last = beats.order_by("-seen_at").values_list("seen_at", flat=True).first()
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return QueueState(
        workers_alive=beats.filter(seen_at__gte=now - stale_after()).count(),
        last_beat_seconds=(now - last).total_seconds() if last else None,
        ready=ready.count(),
        lag_seconds=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
        failed=DBTaskResult.objects.failed().count(),
        running=DBTaskResult.objects.running().count(),
    )
