"""The database task queue under load: how many tasks a second N workers run, how long a task
waits, and what enqueueing adds to a request. It decides up to which load Sanad needs no broker.

    make bench-tasks
    scripts/with-postgres.sh .venv/bin/python bench/tasks.py --tasks 2000 --workers 1,2,4

The tasks are Sanad's most frequent one, `verify_evidence` (lock the file's row, read the sealed
file, open it, hash it, record the custody event), on small synthetic pictures, enqueued by the
capture itself. Workers are `manage.py run_worker` processes (heartbeats included). The run gets
a fresh database on SANAD_DATABASE_URL's server, dropped afterwards. Only figures are printed.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)


def _database(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = f"sanad_bench_tasks_{os.getpid()}"
    return name, urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--enqueues", type=int, default=500)
    options = parser.parse_args()
    base = os.environ.get("SANAD_DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Run it on PostgreSQL: scripts/with-postgres.sh .venv/bin/python bench/tasks.py")
    name, url = _database(base)
    var = tempfile.mkdtemp(prefix="sanad-bench-tasks-")
    env = {
        **os.environ,
        "SANAD_DATABASE_URL": url,
        "SANAD_VAR_DIR": var,
        "SANAD_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SANAD_EMAIL_BACKEND": "memory",
    }
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "generate_keys"], cwd=ROOT, env=env, check=True, capture_output=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanad.settings")
    import django
    import psycopg

    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(options, env)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pictures(count: int) -> list[bytes]:
    from PIL import Image

    pictures = []
    for number in range(count):
        out = io.BytesIO()
        Image.new("RGB", (48, 32), (number % 256, number // 256 % 256, 120)).save(out, "PNG")
        pictures.append(out.getvalue())
    return pictures


def run(options: argparse.Namespace, env: dict[str, str]) -> None:
    from django.db import connection, transaction
    from django_tasks_db.models import DBTaskResult

    from sanad.evidence.actions import capture_file
    from sanad.intake.tasks import notify_oncall

    # What enqueueing adds to a request: one INSERT in the request's transaction.
    timings = []
    for _ in range(options.enqueues):
        started = time.perf_counter()
        with transaction.atomic():
            notify_oncall.enqueue(0)
        timings.append((time.perf_counter() - started) * 1000)
    DBTaskResult.objects.all().delete()
    print(
        f"enqueue (one task, its own transaction): p50 {statistics.median(timings):.2f} ms, "
        f"p95 {statistics.quantiles(timings, n=20)[18]:.2f} ms"
    )

    pictures = _pictures(options.tasks)
    print(f"{'workers':>8} {'tasks':>6} {'seconds':>8} {'tasks/s':>8} {'wait p50':>9} {'wait p95':>9} {'run p50':>8}")
    for workers in [int(count) for count in options.workers.split(",")]:
        DBTaskResult.objects.all().delete()
        with transaction.atomic():
            for picture in pictures:
                capture_file(picture, name="bench.png", actor="reporter")  # enqueues verify_evidence on commit
        queued = DBTaskResult.objects.count()
        started = time.monotonic()
        processes = [
            subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        try:
            while DBTaskResult.objects.exclude(status="SUCCESSFUL").exists():
                if time.monotonic() - started > 900:
                    sys.exit("the workers did not finish in 15 minutes")
                time.sleep(0.2)
            elapsed = time.monotonic() - started
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
        rows = list(DBTaskResult.objects.values_list("enqueued_at", "started_at", "finished_at"))
        waits = sorted((begun - queued_at).total_seconds() for queued_at, begun, _end in rows)
        runs = sorted((end - begun).total_seconds() * 1000 for _queued, begun, end in rows)
        print(
            f"{workers:>8} {queued:>6} {elapsed:>8.1f} {queued / elapsed:>8.1f} {statistics.median(waits):>8.1f}s "
            f"{statistics.quantiles(waits, n=20)[18]:>8.1f}s {statistics.median(runs):>6.1f}ms"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('django_tasks_database_dbtaskresult'))")
        print(f"task table after the runs: {cursor.fetchone()[0]}")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
