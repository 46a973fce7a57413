"""Production server settings: `gunicorn -c gunicorn.conf.py sanad.wsgi`.

The access log leaves out the client address (%(h)s) and the query string: Sanad never
writes a reporter's IP address to its logs.

With SANAD_METRICS_DIR set, the worker processes keep their request metrics in files there
(prometheus_client's multiprocess mode): the folder is emptied when the server starts, and a
worker that exits is forgotten, so /metrics sums the live processes.
"""

import gc
import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 60
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """The app is loaded: keep its ~200,000 long-lived objects out of every later garbage
    collection (a full collection over them pauses the worker for about 150 ms)."""
    gc.freeze()


metrics_dir = os.environ.get("SANAD_METRICS_DIR", "")
if metrics_dir:
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", metrics_dir)


def on_starting(server):  # type: ignore[no-untyped-def]
    """Files of a previous run would be summed with this one's."""
    if metrics_dir:
        shutil.rmtree(metrics_dir, ignore_errors=True)
        Path(metrics_dir).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    if metrics_dir:
        from prometheus_client import multiprocess  # only where metrics are kept in files

        multiprocess.mark_process_dead(worker.pid)
