"""Nothing a killed worker was doing is lost: a worker that stops beating has its running tasks
put back in the queue, a task that failed because the database was away runs again, and
`run_worker` beats while it works."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sanad.intake.models import Report
from sanad.intake.tasks import notify_oncall
from sanad.operations import workers
from sanad.operations.models import WorkerHeartbeat

from .conftest import make_report


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def claimed_by(worker_id: str) -> DBTaskResult:
    task = DBTaskResult.objects.get(pk=notify_oncall.enqueue(1).id)
    task.claim(worker_id)
    return task


@pytest.mark.django_db
def test_the_running_tasks_of_a_dead_worker_go_back_in_the_queue(time_machine):
    started = timezone.now()
    time_machine.move_to(started, tick=False)
    workers.beat("dead", started_at=started)
    workers.beat("alive", started_at=started)
    orphan, busy = claimed_by("dead"), claimed_by("alive")
    time_machine.move_to(started + timedelta(seconds=61), tick=False)
    workers.beat("alive", started_at=started)
    assert workers.requeue_abandoned() == 1
    orphan.refresh_from_db()
    busy.refresh_from_db()
    assert (orphan.status, orphan.started_at) == ("READY", None)
    assert busy.status == "RUNNING"


@pytest.mark.django_db
def test_a_task_failed_for_a_lost_database_runs_again_a_few_times():
    task = claimed_by("w1")
    task.set_failed(
        __import__("django.db", fromlist=["OperationalError"]).OperationalError("server closed the connection")
    )
    assert workers.retry_if_transient(task.pk)
    task.refresh_from_db()
    assert task.status == "READY" and task.run_after > timezone.now()

    other = claimed_by("w1")
    other.set_failed(ValueError("a real bug"))
    assert not workers.retry_if_transient(other.pk)
    other.refresh_from_db()
    assert other.status == "FAILED"


@pytest.mark.django_db(transaction=True)
def test_run_worker_beats_runs_the_queue_and_leaves(settings):
    report, _ = make_report()
    Report.objects.filter(pk=report.pk).update(urgency="P0")
    notify_oncall.enqueue(report.pk)
    call_command("run_worker", "--batch", "--no-startup-delay", "--worker-id", "batch-1", verbosity=0)
    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL" and task.worker_ids == ["batch-1"]
    report.refresh_from_db()
    assert report.oncall_notified_at is not None
    assert not WorkerHeartbeat.objects.filter(worker_id="batch-1").exists()  # a stopped worker says goodbye
