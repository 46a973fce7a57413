"""Nothing acknowledged is lost: the soak test of issue 13.

    make soak
    .venv/bin/python bench/soak.py [--seconds 600] [--reporters 200] [--workers 2]

The production configuration on this machine: a PostgreSQL cluster of its own, gunicorn with
gunicorn.conf.py and the production settings (no debug, the database cache and sessions, the
database queue), N task workers (`manage.py run_worker`) and the scheduler. Reporters (threads
in a few processes, each with an address of its own in X-Forwarded-For) make whole wizard
journeys, every GET and POST a browser makes, with a picture at the evidence step; one in ten
says someone is in danger (P0: an on-call e-mail task). A reporter retries a request that
failed, as a person taps again, and keeps every receipt it was shown.

Meanwhile, at fixed times: the app server is killed (SIGKILL to gunicorn's whole process group)
and restarted 2 s later; a task worker is killed while it runs a task and restarted; PostgreSQL
is restarted. Each kill opens a window that closes once the service answers again (+3 s).

Afterwards, once the queue is empty and the scheduler's sweeps have caught up (a server killed
between a commit and its on-commit queueing leaves a file unchecked or a P0 untold until the
sweep does it), it checks and prints: every receipt shown is found with
its report, its file and the file's hash (read back from the store); every task ran exactly
once in effect (each file verified once, each P0 e-mailed once); verify_audit passes; and no
request outside the kill windows failed. Exit code 1 if any of these does not hold.
"""

import argparse
import contextlib
import hashlib
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
PYTHON = str(ROOT / ".venv" / "bin" / "python")
STEP = "/fr/report/step/"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT = re.compile(rb"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
GRACE = 3.0  # seconds after a service answers again during which a failure still counts as the kill's


# --- The machine: PostgreSQL, the app server, workers, scheduler ---------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Postgres:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))[-1]
        self.port = _free_port()
        self.run = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        folder.mkdir(parents=True)
        if os.getuid() == 0:
            shutil.chown(folder, "postgres")
        self.url = f"postgres://sanad@127.0.0.1:{self.port}/sanad"
        self.options = f"-p {self.port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300"

    def ctl(self, *args: str) -> None:
        subprocess.run(
            [
                *self.run,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-l",
                str(self.folder / "log"),
                *args,
            ],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        subprocess.run(
            [
                *self.run,
                str(self.bin / "initdb"),
                "-D",
                str(self.folder / "data"),
                "-U",
                "sanad",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        self.ctl("-w", "-o", self.options, "start")
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "sanad", "sanad"], check=True
        )

    def restart(self) -> None:
        self.ctl("-w", "-m", "fast", "-o", self.options, "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.ctl("-m", "immediate", "stop")


class Service:
    """A long-running command in a process group of its own, its output appended to a log."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], logs: Path) -> None:
        self.name, self.command, self.env, self.log = name, command, env, logs / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def _answers(port: int, path: str = "/healthz", *, timeout: float = 2) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path)
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except (OSError, http.client.HTTPException):
        return False


# --- Reporters --------------------------------------------------------------------------------


def _png(seed: int) -> bytes:
    width, height = 40, 30
    raw = b"".join(
        b"\x00"
        + b"".join(bytes(((x * 7 + seed) % 256, (y * 11 + seed // 256) % 256, seed % 251)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _answers_for(danger: bool) -> list[tuple[str, dict[str, str | list[str]]]]:
    return [
        ("danger", {"danger_now": "yes" if danger else "no", "self_harm": "no", "sextortion_deadline": "no"}),
        ("who", {"reporter_role": "victim"}),
        (
            "what",
            {
                "categories": ["harassment"],
                "description": "Soak: des moqueries sous mes photos (fictif).",
                "started": "week",
                "ongoing": "yes",
            },
        ),
        ("where", {"platforms": ["instagram"], "identifiers": "@soak.person"}),
        ("evidence", {}),
        (
            "child",
            {
                "victim_age_band": "13_15",
                "victim_gender": "unsaid",
                "region": "casablanca-settat",
                "school": "",
                "told": ["nobody"],
            },
        ),
        ("contact", {"wants_contact": "no", "consent_share": "no", "contact_method": "", "contact_value": ""}),
    ]


class Failed(Exception):
    pass


class Reporter:
    """One browser: its cookies, its address, a connection kept alive; every request is recorded
    as (start, end, ok) so failures can be placed against the kill windows."""

    def __init__(self, port: int, address: str, records: list) -> None:
        self.port, self.address, self.records = port, address, records
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def _once(self, method: str, path: str, body: bytes | None, content_type: str) -> tuple[int, dict, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for cookie in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in rest.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return response.status, dict(response.getheaders()), data

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        content_type: str = "",
        expect: tuple[int, ...] = (200, 302),
    ) -> tuple[int, dict, bytes]:
        """Tried again after a failure (a dropped connection, a 5xx), up to 30 s: a person taps again."""
        deadline = time.monotonic() + 30
        while True:
            started = time.monotonic()
            try:
                status, headers, data = self._once(method, path, body, content_type)
                ok = status in expect
            except (OSError, http.client.HTTPException):
                status, headers, data, ok = 0, {}, b"", False
            self.records.append((started, time.monotonic(), ok, f"{method} {path.split('?')[0]} {status}"))
            if ok:
                return status, headers, data
            if time.monotonic() > deadline:
                raise Failed(f"{method} {path}: {status}")
            time.sleep(0.5)

    def form(self, path: str, fields: dict, files: list[tuple[str, bytes]] | None = None) -> tuple[int, dict, bytes]:
        _status, _headers, page = self.request("GET", path, expect=(200,))
        token = CSRF.search(page)
        if token is None:
            raise Failed(f"no CSRF token on {path}")
        data = [("csrfmiddlewaretoken", token.group(1).decode()), ("next", "")]
        for name, value in fields.items():
            data += [(name, item) for item in value] if isinstance(value, list) else [(name, value)]
        if not files:
            return self.request(
                "POST", path, body=urlencode(data).encode(), content_type="application/x-www-form-urlencoded"
            )
        boundary = f"soak{random.getrandbits(64):x}"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in data
        ]
        for filename, content in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{filename}"\r\n'
                f"Content-Type: image/png\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body=body, content_type=f"multipart/form-data; boundary={boundary}")


def _journey(port: int, address: str, seed: int, records: list, receipts: list, *, danger: bool) -> None:
    reporter = Reporter(port, address, records)
    picture = _png(seed)
    reporter.request("GET", "/fr/")
    reporter.request("GET", "/fr/report/")
    for slug, fields in _answers_for(danger):
        files = [(f"capture-{seed}.png", picture)] if slug == "evidence" else None
        reporter.form(f"{STEP}{slug}/", fields, files)
    reporter.form(f"{STEP}review/", {})
    _status, _headers, page = reporter.request("GET", "/fr/report/sent/", expect=(200,))
    found = RECEIPT.search(re.sub(rb"<[^>]*>", b"", page))
    if found is None:
        raise Failed("no receipt on the sent page")
    receipts.append(
        {
            "receipt": found.group(0).decode(),
            "sha256": hashlib.sha256(picture).hexdigest(),
            "danger": danger,
            "shown_at": time.time(),
        }
    )


def _reporter_thread(port: int, number: int, stop_at: float, records: list, receipts: list, abandoned: list) -> None:
    made = 0
    while time.monotonic() < stop_at:
        made += 1
        address = f"10.{number % 250}.{made // 250 % 250}.{made % 250 + 1}"
        try:
            _journey(port, address, number * 100_000 + made, records, receipts, danger=made % 10 == 3)
        except Failed as error:
            abandoned.append(str(error))


def _reporter_process(port: int, first: int, threads: int, seconds: float, out) -> None:  # type: ignore[no-untyped-def]
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    records: list = []
    receipts: list = []
    abandoned: list = []
    stop_at = time.monotonic() + seconds
    workers = [
        threading.Thread(
            target=_reporter_thread, args=(port, first + n, stop_at, records, receipts, abandoned), daemon=True
        )
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + 120)
    # Offsets from this process's monotonic clock to wall time, for the windows.
    shift = time.time() - time.monotonic()
    out.put(([(start + shift, end + shift, ok, what) for start, end, ok, what in records], receipts, abandoned))


# --- The checks, in a Django process of their own ------------------------------------------------


def verify(workdir: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanad.settings")
    import django

    django.setup()
    from django_tasks_db.models import DBTaskResult

    from sanad.audit.log import verify as verify_chain
    from sanad.evidence.integrity import read_file
    from sanad.evidence.models import CustodyEvent, Evidence
    from sanad.intake import receipts as receipt_codes
    from sanad.intake.models import Report

    shown = json.loads((workdir / "receipts.json").read_text())
    found = files_intact = 0
    missing: list[str] = []
    not_intact: list[dict] = []
    twice = 0
    for item in shown:
        report = Report.objects.filter(receipt_digest=receipt_codes.digest(item["receipt"])).first()
        if report is None:
            missing.append(item["receipt"][:4])
            continue
        found += 1
        # A retried upload (its answer lost in a kill window) may have attached the picture twice.
        files = list(report.evidence.all())
        twice += len(files) > 1
        checks = [
            (evidence.sha256 == item["sha256"], hashlib.sha256(read_file(evidence)).hexdigest() == evidence.sha256)
            for evidence in files
        ]
        if files and all(recorded and read for recorded, read in checks):
            files_intact += 1
        else:
            not_intact.append(
                {
                    "files": len(files),
                    "recorded_hash_is_the_upload": [check[0] for check in checks],
                    "stored_file_matches_its_hash": [check[1] for check in checks],
                }
            )
    verified = CustodyEvent.objects.filter(action=CustodyEvent.Action.VERIFIED)
    per_file = {}
    for evidence_id in verified.values_list("evidence_id", flat=True):
        per_file[evidence_id] = per_file.get(evidence_id, 0) + 1
    p0 = Report.objects.filter(urgency="P0")
    emails: dict[str, int] = {}
    for log in workdir.glob("logs/worker-*.log"):
        for reference in re.findall(r"Subject: \[Sanad P0\] (SN-[0-9A-Z]{8})", log.read_text(errors="replace")):
            emails[reference] = emails.get(reference, 0) + 1
    return {
        "receipts_shown": len(shown),
        "receipts_found": found,
        "receipts_missing": missing,
        "reports_with_file_and_hash_intact": files_intact,
        "reports_not_intact": not_intact[:5],
        "reports_with_the_picture_twice": twice,
        "reports_in_database": Report.objects.count(),
        "files": Evidence.objects.count(),
        "files_verified_once": sum(1 for count in per_file.values() if count == 1),
        "files_verified_more_than_once": sum(1 for count in per_file.values() if count > 1),
        "files_not_verified": Evidence.objects.exclude(pk__in=list(per_file)).count(),
        "p0_reports": p0.count(),
        "p0_emailed_once": sum(1 for reference in p0.values_list("reference", flat=True) if emails.get(reference) == 1),
        "p0_emailed_more_than_once": sum(1 for count in emails.values() if count > 1),
        "p0_marked_notified": p0.exclude(oncall_notified_at=None).count(),
        "tasks": DBTaskResult.objects.count(),
        "tasks_successful": DBTaskResult.objects.successful().count(),
        "tasks_failed": DBTaskResult.objects.failed().count(),
        "tasks_run_again_after_a_kill": sum(
            1 for ids in DBTaskResult.objects.values_list("worker_ids", flat=True) if len(ids) > 1
        ),
        "audit_chain": "intact" if verify_chain() is None else "broken",
    }


# --- The run -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--reporters", type=int, default=200)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--web-processes", type=int, default=4)
    parser.add_argument("--phase", choices=["verify"])
    parser.add_argument("--workdir", type=Path)
    options = parser.parse_args()
    if options.phase == "verify":
        print(json.dumps(verify(options.workdir)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="sanad-soak-"))
    os.chmod(work, 0o755)
    logs = work / "logs"
    logs.mkdir()
    postgres = Postgres(work / "pg")
    port = _free_port()
    env = {
        "PATH": os.environ["PATH"],
        "SANAD_VAR_DIR": str(work / "var"),
        "SANAD_DATABASE_URL": postgres.url,
        "SANAD_DEBUG": "false",
        "SANAD_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SANAD_SECURE_COOKIES": "false",  # plain HTTP on loopback: the proxy's TLS is not what is tested
        "SANAD_TRUSTED_PROXIES": "1",
        "SANAD_RATE_LIMITS": "receipt:1000000/60,report:1000000/60,upload:1000000/60,message:1000000/60",
        "SANAD_EMAIL_BACKEND": "console",
        "SANAD_WORKER_STALE_SECONDS": "20",
        "SANAD_SCHEDULE_SECONDS": "60",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(options.web_processes),
        "SANAD_METRICS_DIR": str(work / "metrics"),
    }
    services: list[Service] = []
    events: list[dict] = []
    try:
        postgres.start()
        subprocess.run([PYTHON, "manage.py", "generate_keys"], cwd=ROOT, env=env, check=True, capture_output=True)
        for args in (["compilemessages", "--ignore=.venv"], ["migrate", "--no-input", "-v0"]):
            subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
        web = Service(
            "web", [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "sanad.wsgi"], env, logs
        )
        workers = [
            Service(
                f"worker-{n}", [PYTHON, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.5"], env, logs
            )
            for n in range(1, options.workers + 1)
        ]
        scheduler = Service("scheduler", [PYTHON, "manage.py", "run_schedule"], env, logs)
        services = [web, *workers, scheduler]
        for service in services:
            service.start()
        while not _answers(port):
            time.sleep(0.2)
        print(
            f"soak: {options.reporters} reporters for {options.seconds:.0f} s against gunicorn "
            f"({options.web_processes} processes), {options.workers} workers, PostgreSQL; work folder {work}"
        )

        context = multiprocessing.get_context("fork")
        out = context.Queue()
        per_process = options.reporters // options.processes
        reporters = [
            context.Process(
                target=_reporter_process,
                args=(port, index * per_process, per_process, options.seconds, out),
                daemon=True,
            )
            for index in range(options.processes)
        ]
        started = time.time()
        for process in reporters:
            process.start()

        def at(fraction: float) -> None:
            time.sleep(max(0.0, started + options.seconds * fraction - time.time()))

        # 1. The app server, killed hard (the whole process group) and restarted as systemd would.
        at(0.25)
        window = {"what": "app server SIGKILL", "start": time.time()}
        web.kill()
        time.sleep(2)
        web.start()
        window["restarted"] = time.time()
        events.append(window)

        # 2. A task worker, killed while it runs a task.
        at(0.5)
        window = {"what": "task worker SIGKILL mid-task"}
        window.update(_kill_mid_task(workers[0], env))  # its "start": the moment of the kill
        time.sleep(2)
        workers[0].start()
        window["restarted"] = time.time()
        events.append(window)

        # 3. PostgreSQL restarted.
        at(0.75)
        window = {"what": "PostgreSQL restart", "start": time.time()}
        postgres.restart()
        window["restarted"] = time.time()
        events.append(window)

        records, receipts, abandoned = [], [], []
        for _ in reporters:
            part_records, part_receipts, part_abandoned = out.get(timeout=options.seconds + 300)
            records += part_records
            receipts += part_receipts
            abandoned += part_abandoned
        for process in reporters:
            process.join(timeout=30)
        drained = _drain(env, timeout=420)
        (work / "receipts.json").write_text(json.dumps(receipts))
        checked = json.loads(
            subprocess.run(
                [PYTHON, __file__, "--phase", "verify", "--workdir", str(work)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        audit = subprocess.run([PYTHON, "manage.py", "verify_audit"], cwd=ROOT, env=env, capture_output=True, text=True)
    finally:
        for service in services:
            service.stop()
        postgres.stop()

    # A kill's window runs from the kill to the end of the first request that succeeded after the
    # service was started again (plus GRACE): requests the kill caught, and those that queued
    # behind them, fail inside it; any other failure is the system's.
    for event in events:
        recovered = [end for start, end, ok, _what in records if ok and start >= event["restarted"]]
        event["end"] = (min(recovered) if recovered else event["restarted"]) + GRACE
        print(
            f"  {event['what']}: {event.get('task_path', '')} back {event['end'] - GRACE - event['start']:.1f} s after the kill"
        )

    def in_window(start: float, end: float) -> bool:
        return any(start <= event["end"] and end >= event["start"] for event in events)

    failed = [record for record in records if not record[2]]
    outside = [record for record in failed if not in_window(record[0], record[1])]
    elapsed = max(record[1] for record in records) - min(record[0] for record in records) if records else 0
    result = {
        "requests": len(records),
        "requests_per_second": round(len(records) / elapsed, 1) if elapsed else 0,
        "journeys_completed": len(receipts),
        "journeys_abandoned": len(abandoned),
        "failed_requests_inside_kill_windows": len(failed) - len(outside),
        "failed_requests_outside_kill_windows": len(outside),
        "outside_examples": sorted({record[3] for record in outside})[:5],
        "queue_drained": drained,
        "verify_audit": (audit.stdout or audit.stderr).strip(),
        **checked,
        "kill_windows": [
            {"what": event["what"], "seconds": round(event["end"] - event["start"], 1)} for event in events
        ],
    }
    print(json.dumps(result, indent=2))
    ok = (
        not checked["receipts_missing"]
        and checked["receipts_found"] == checked["receipts_shown"] == checked["reports_with_file_and_hash_intact"]
        and checked["files_not_verified"] == 0
        and checked["files_verified_more_than_once"] == 0
        and checked["p0_emailed_more_than_once"] == 0
        and checked["p0_marked_notified"] == checked["p0_reports"]
        and checked["audit_chain"] == "intact"
        and audit.returncode == 0
        and not outside
    )
    print("SOAK PASSED" if ok else "SOAK FAILED")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


def _kill_mid_task(worker: Service, env: dict[str, str]) -> dict:
    """SIGKILL the worker as soon as it is seen running a task (its process holds the task row)."""
    import psycopg

    assert worker.process is not None
    deadline = time.monotonic() + 120
    with psycopg.connect(env["SANAD_DATABASE_URL"], autocommit=True) as connection:
        while time.monotonic() < deadline:
            # The worker's id is random; its heartbeat row names its pid.
            row = connection.execute(
                "SELECT t.id, t.task_path FROM django_tasks_database_dbtaskresult t "
                "JOIN operations_workerheartbeat h ON h.worker_id = t.worker_ids->>-1 "
                "WHERE t.status = 'RUNNING' AND h.pid = %s LIMIT 1",
                [worker.process.pid],
            ).fetchone()
            if row is not None:
                killed_at = time.time()
                worker.kill()
                return {"start": killed_at, "task": str(row[0])[:8], "task_path": row[1].rsplit(".", 1)[-1]}
            time.sleep(0.005)
    killed_at = time.time()
    worker.kill()
    return {"start": killed_at, "task": "none seen running in 120 s"}


def _drain(env: dict[str, str], *, timeout: float) -> bool:
    """Wait until no task is ready or running, and no file waits for its check nor P0 report for
    its e-mail: workers requeue a dead worker's tasks, and the scheduler's sweeps do the work
    whose queueing a killed server lost (SANAD_SCHEDULE_SECONDS here: 60)."""
    import psycopg

    deadline = time.monotonic() + timeout
    with psycopg.connect(env["SANAD_DATABASE_URL"], autocommit=True) as connection:
        while time.monotonic() < deadline:
            left = connection.execute(
                "SELECT (SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING'))"
                " + (SELECT count(*) FROM evidence_evidence WHERE state = 'received')"
                " + (SELECT count(*) FROM intake_report WHERE urgency = 'P0' AND oncall_notified_at IS NULL)"
            ).fetchone()[0]
            if left == 0:
                return True
            time.sleep(1)
    return False


if __name__ == "__main__":
    sys.exit(main())
