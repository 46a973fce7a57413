"""Production server settings: `gunicorn -c gunicorn.conf.py sanad.wsgi`.

The access log leaves out the client address (%(h)s) and the query string: Sanad never
writes a reporter's IP address to its logs.
"""

import gc
import multiprocessing
import os

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
