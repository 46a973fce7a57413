"""A task worker: django-tasks-db's `db_worker`, with a heartbeat and without losing tasks.

- A thread writes this worker's heartbeat every few seconds and puts back in the queue the tasks
  of workers that stopped beating (killed mid-task, their machine gone).
- A task that failed because the database was away is queued again (workers.retry_if_transient).
- When the database goes away, the worker waits for it instead of exiting, then puts back what
  it was running. systemd restarts it anyway if it exits (deploy/systemd/sanad-worker@.service).

    manage.py run_worker            # as many as you like, on any machine
"""

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from sanad.operations import workers

log = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="sanad-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()
        self.every = max(1.0, settings.SANAD_WORKER_STALE_SECONDS / 4)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                workers.beat(self.worker_id, started_at=self.started_at)
                workers.requeue_abandoned()
            except DatabaseError:
                log.warning("heartbeat: the database is not answering; trying again")
            finally:
                connection.close()  # this thread's own connection: a fresh one after a database restart
            self.stopping.wait(self.every)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)
        try:
            workers.stop(self.worker_id)
        except DatabaseError:
            pass  # the row goes stale and is forgotten
        finally:
            connection.close()


class Worker(db_worker.Worker):
    def run_task(self, db_task_result: db_worker.DBTaskResult) -> None:
        super().run_task(db_task_result)
        workers.retry_if_transient(db_task_result.pk)


class Command(db_worker.Command):
    help = "Run a task worker (the database queue) with a heartbeat; see sanad/operations/workers.py."

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: object,
    ) -> None:
        self.configure_logging(verbosity)
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        # A worker id given again (a restarted unit) may have left tasks running when it was killed.
        workers.requeue_own(worker_id)
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            while True:
                try:
                    worker.run()
                    return
                except DatabaseError:
                    log.warning("worker %s: the database went away; waiting for it", worker_id)
                    self._wait_for_database(worker_id)
        finally:
            heartbeat.stop()

    def _wait_for_database(self, worker_id: str) -> None:
        while True:
            time.sleep(1)
            close_old_connections()
            connection.close()
            try:
                requeued = workers.requeue_own(worker_id)
            except DatabaseError:
                continue
            if requeued:
                log.warning("worker %s: %s task(s) it was running put back in the queue", worker_id, requeued)
            return
