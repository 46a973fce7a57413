"""/healthz says whether the app and its database answer, how long ago a task worker beat, and
how late the queue is; it holds no personal data and needs no session."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sanad.intake.tasks import notify_oncall
from sanad.operations import workers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    """The production queue (tasks are rows), instead of the tests' immediate backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queued(enqueued_ago: timedelta) -> DBTaskResult:
    result = notify_oncall.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - enqueued_ago)
    return DBTaskResult.objects.get(pk=result.id)


def test_a_live_worker_and_an_empty_queue_are_ok():
    workers.beat("worker-a", started_at=timezone.now())
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    health = response.json()
    assert health["status"] == "ok" and health["database"] == "ok"
    assert health["workers"]["alive"] == 1 and health["workers"]["last_beat_seconds"] < 5
    assert health["queue"] == {"ready": 0, "lag_seconds": 0.0, "running": 0, "failed": 0}


def test_no_worker_is_degraded_but_still_serving(db):
    health = Client().get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["workers"] == {"alive": 0, "last_beat_seconds": None}


def test_a_silent_worker_and_a_late_queue_show(settings, time_machine):
    time_machine.move_to(timezone.now() - timedelta(minutes=10), tick=False)
    workers.beat("worker-a", started_at=timezone.now())
    time_machine.move_to(timezone.now() + timedelta(minutes=10), tick=False)
    queued(timedelta(minutes=7))
    health = Client().get("/healthz").json()
    assert health["status"] == "degraded"
    assert health["workers"]["alive"] == 0 and health["workers"]["last_beat_seconds"] >= 600
    assert health["queue"]["ready"] == 1 and 410 <= health["queue"]["lag_seconds"] <= 430
