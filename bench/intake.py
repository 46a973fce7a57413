"""Intake benchmark: report submissions per second next to a bare one-INSERT Django view.

    make bench
    scripts/with-postgres.sh .venv/bin/python bench/intake.py --seconds 10

Both are served by one gunicorn on 127.0.0.1 with the same settings (bench/bare_settings.py)
and the production gunicorn.conf.py (less its access log), on PostgreSQL, to 32 concurrent
clients (several processes of threads, one connection each, kept alive when the worker class
allows it), and only the figures are printed: this is not a test.

- bare insert view: POST /bench/bare/, one INSERT (bench/bare_urls.py).
- same SQL, no app: POST /bench/statements/, as many statements as a submission sends and
  nothing else (bench/bare_urls.py): what the round trips alone cost.
- report submission: the wizard's final "send", POST /fr/report/step/review/, on a draft
  each client completed beforehand over HTTP (GET the first step, POST every step; untimed).
- whole wizard journey: every request of one report as a browser makes them, GETs and
  POSTs, from the first step to the receipt page.

The run gets a fresh database made on SANAD_DATABASE_URL's server (dropped afterwards), with
the production defaults (database cache, database sessions). Clients send a distinct X-Forwarded-For
address per reporter (SANAD_TRUSTED_PROXIES=1), as real children come from distinct addresses.

Rates and latencies depend on whatever else runs on the machine (printed as "other
processes"); the CPU per request of gunicorn and PostgreSQL, from /proc, hardly does.
"""

import argparse
import http.client
import math
import multiprocessing
import os
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Replace this folder on the path: bench/queue.py would shadow the standard library's queue.
sys.path[0] = str(ROOT)

from bench.wizard_answers import NEXT_STEP, STEP_ANSWERS  # noqa: E402

RATE_LIMITS = "receipt:100000000/60,report:100000000/60,upload:100000000/60,message:100000000/60"
STEP = "/fr/report/step/"
SENT = "/fr/report/sent/"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
GOAL_RATIO, GOAL_P99_MS = 0.5, 300.0


class Refused(Exception):
    """The bench cannot run here; the message says why."""


class StepFailed(Exception):
    """The server answered something a browser would not have expected."""


# --- HTTP clients ---------------------------------------------------------------------------


@dataclass
class Reporter:
    """One browser's state: its cookies, its address, the form's CSRF token."""

    address: str
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""


class Connection:
    """One keep-alive connection to the server (http.client reopens it if the server closes)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def close(self) -> None:
        self.conn.close()

    def request(
        self, method: str, path: str, reporter: Reporter | None = None, form: dict | None = None
    ) -> tuple[int, str, bytes]:
        headers = {}
        if reporter is not None:
            headers["X-Forwarded-For"] = reporter.address
            if reporter.cookies:
                headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in reporter.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        if reporter is not None:
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in rest.lower():
                    reporter.cookies.pop(name.strip(), None)
                else:
                    reporter.cookies[name.strip()] = value
        return response.status, response.getheader("Location", ""), data


def _expect(result: tuple[int, str, bytes], status: int, location: str | None, what: str) -> bytes:
    got, where, body = result
    if got != status or (location is not None and where != location):
        raise StepFailed(f"{what}: expected {status} {location or ''}, got {got} {where} {body[:120]!r}")
    return body


def complete_draft(conn: Connection, reporter: Reporter, *, follow: bool) -> None:
    """Answer every step; with follow, also GET each next page as a browser does."""
    page = _expect(conn.request("GET", STEP + "danger/", reporter), 200, None, "GET danger")
    found = CSRF_INPUT.search(page)
    if found is None:
        raise StepFailed("no csrfmiddlewaretoken in the danger step")
    reporter.token = found.group(1).decode()
    for slug, answers in STEP_ANSWERS:
        following = STEP + NEXT_STEP[slug] + "/"
        form = {**answers, "csrfmiddlewaretoken": reporter.token}
        _expect(conn.request("POST", STEP + slug + "/", reporter, form), 302, following, f"POST {slug}")
        if follow:
            _expect(conn.request("GET", following, reporter), 200, None, f"GET {following}")


def send(conn: Connection, reporter: Reporter) -> None:
    form = {"csrfmiddlewaretoken": reporter.token, "next": ""}
    _expect(conn.request("POST", STEP + "review/", reporter, form), 302, SENT, "POST review (send)")


# --- One measured phase: client processes of threads ------------------------------------------


@dataclass
class Plan:
    kind: str  # "bare", "statements", "journey" or "send"
    port: int
    processes: int
    threads: int
    run_seconds: float  # hard bound from the common start
    drafts: int = 0  # per client, for "send"
    prepare_seconds: float = 0.0  # bound on preparing drafts
    same_address: bool = False


def _client(plan: Plan, number: int, ready, go, start_at, out: list) -> None:  # type: ignore[no-untyped-def]
    conn = Connection(plan.port)
    made = 0

    def reporter() -> Reporter:
        nonlocal made
        made += 1
        if plan.same_address:
            return Reporter("10.0.0.1")
        return Reporter(f"10.{number % 250}.{made // 250 % 250}.{made % 250 + 1}")

    records: list[tuple[float, float, bool]] = []
    errors: list[str] = []
    drafts: list[Reporter] = []
    if plan.kind == "send":
        limit = time.monotonic() + plan.prepare_seconds
        while len(drafts) < plan.drafts and time.monotonic() < limit and len(errors) < 5:
            draft = reporter()
            try:
                complete_draft(conn, draft, follow=False)
                drafts.append(draft)
            except (StepFailed, OSError, http.client.HTTPException) as error:
                errors.append(f"preparing: {error}")
    ready.put(number)
    if not go.wait(timeout=plan.prepare_seconds + 300):
        return
    begin = start_at.value
    conn.close()  # idle during the others' preparation: start on a fresh connection
    time.sleep(max(0.0, begin - time.monotonic()))
    deadline = begin + plan.run_seconds
    while time.monotonic() < deadline and len(errors) < 20:
        if plan.kind == "send" and not drafts:
            break
        started = time.monotonic()
        try:
            if plan.kind in {"bare", "statements"}:
                path = f"/bench/{plan.kind}/"
                _expect(conn.request("POST", path, None, {"payload": "x" * 64}), 201, None, plan.kind)
            elif plan.kind == "send":
                send(conn, drafts.pop())
            else:
                one = reporter()
                complete_draft(conn, one, follow=True)
                send(conn, one)
                _expect(conn.request("GET", SENT, one), 200, None, "GET sent")
            records.append((started, time.monotonic(), True))
        except (StepFailed, OSError, http.client.HTTPException) as error:
            records.append((started, time.monotonic(), False))
            errors.append(str(error))
    conn.close()
    out.append((records, errors, len(drafts)))


def _client_process(plan: Plan, index: int, ready, go, start_at, results) -> None:  # type: ignore[no-untyped-def]
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler unwinds the parent only
    out: list = []
    threads = [
        threading.Thread(target=_client, args=(plan, index * plan.threads + n, ready, go, start_at, out), daemon=True)
        for n in range(plan.threads)
    ]
    for thread in threads:
        thread.start()
    go.wait(timeout=plan.prepare_seconds + 300)
    before = resource.getrusage(resource.RUSAGE_SELF)
    for thread in threads:
        thread.join()
    after = resource.getrusage(resource.RUSAGE_SELF)
    # This process's CPU while measuring (its preparation of drafts excluded).
    results.put((out, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))


@dataclass
class Outcome:
    rate: float
    p50_ms: float
    p99_ms: float
    n: int
    ok: int  # every successful operation, in the window or not
    failed: int
    errors: list[str]
    window: float
    cpu: str
    cpu_ms: float  # gunicorn + PostgreSQL CPU per operation
    unsent: int = 0


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))] if ordered else math.nan


def run_phase(plan: Plan, warmup: float, watch: tuple[int, int]) -> Outcome:
    ctx = multiprocessing.get_context("fork")
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    start_at = ctx.Value("d", 0.0)
    processes = [
        ctx.Process(target=_client_process, args=(plan, index, ready, go, start_at, results), daemon=True)
        for index in range(plan.processes)
    ]
    try:
        for process in processes:
            process.start()
        clients = plan.processes * plan.threads
        for _ in range(clients):
            ready.get(timeout=plan.prepare_seconds + 120)
        cpu_before = _cpu_snapshot(*watch)
        start_at.value = time.monotonic() + 0.05
        go.set()
        outs, client_cpu = [], 0.0
        for _ in range(plan.processes):
            out, used = results.get(timeout=plan.run_seconds + 180)
            outs.extend(out)
            client_cpu += used
        for process in processes:
            process.join()
        cpu_after = _cpu_snapshot(*watch)
        cpu_after["clients"] = cpu_before["clients"] + client_cpu
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()

    begin = start_at.value
    window_start = begin + warmup
    window_end = begin + plan.run_seconds
    if plan.kind == "send":
        # Steady state: while at least 90% of the clients still have drafts to send.
        finished = sorted(records[-1][1] for records, _, _ in outs if records)
        if finished:
            window_end = min(window_end, finished[len(finished) // 10])
    records = [record for out in outs for record in out[0]]
    cpu, cpu_ms = _cpu_report(cpu_before, cpu_after, sum(1 for record in records if record[2]))
    inside = [(start, end) for start, end, ok in records if ok and start >= window_start and end <= window_end]
    completed = sum(1 for _, end, ok in records if ok and window_start <= end <= window_end)
    latencies = [(end - start) * 1000 for start, end in inside]
    window = max(window_end - window_start, 1e-9)
    return Outcome(
        rate=completed / window,
        p50_ms=_percentile(latencies, 0.50),
        p99_ms=_percentile(latencies, 0.99),
        n=len(latencies),
        ok=sum(1 for record in records if record[2]),
        failed=sum(1 for record in records if not record[2]),
        errors=[error for out in outs for error in out[1]][:3],
        window=window,
        cpu=cpu,
        cpu_ms=cpu_ms,
        unsent=sum(out[2] for out in outs),
    )


# --- CPU accounting, from /proc: where the two cores went during a phase ----------------------

TICK = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> tuple[int, float, float] | None:
    """(parent pid, CPU seconds, CPU seconds of its exited children) of a process, or None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, (int(fields[13]) + int(fields[14])) / TICK


def _cpu_snapshot(server_pid: int, postmaster_pid: int) -> dict[str, float]:
    """CPU seconds so far of gunicorn and of our PostgreSQL (each parent, its live children and
    the children it reaped: PostgreSQL backends come and go), and of the whole machine."""
    used = {server_pid: 0.0, postmaster_pid: 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        stat = _proc_stat(pid)
        if stat is None:
            continue
        if pid in used:
            used[pid] += stat[1] + stat[2]
        elif stat[0] in used:
            used[stat[0]] += stat[1]
    total = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return {
        "server": used[server_pid],
        "postgres": used[postmaster_pid],
        "clients": 0.0,  # reported by the client processes themselves
        "busy": (sum(total) - total[3] - total[4]) / TICK,
        "wall": time.monotonic(),
    }


def _cpu_report(before: dict[str, float], after: dict[str, float], operations: int) -> tuple[str, float]:
    """Cores used by each party, and the server's and database's CPU per operation (returned too).

    CPU per operation hardly depends on what else runs on the machine; rates and latencies do.
    """
    wall = after["wall"] - before["wall"]
    used = {name: after[name] - before[name] for name in ("server", "postgres", "clients", "busy")}
    other = used["busy"] - used["server"] - used["postgres"] - used["clients"]
    per_op = 1000 / max(operations, 1)
    text = (
        f"cores busy {used['busy'] / wall:.2f}/{os.cpu_count()}: gunicorn {used['server'] / wall:.2f}, "
        f"postgres {used['postgres'] / wall:.2f}, load generator {used['clients'] / wall:.2f}, "
        f"other processes {max(other, 0) / wall:.2f}\n"
        f"{'':24}CPU per operation: gunicorn {used['server'] * per_op:.2f} ms + postgres "
        f"{used['postgres'] * per_op:.2f} ms"
    )
    return text, (used["server"] + used["postgres"]) * per_op


# --- Environment, database and server -------------------------------------------------------


def _postgres_url() -> str:
    url = os.environ.get("SANAD_DATABASE_URL", "")
    if urlsplit(url).scheme not in {"postgres", "postgresql"}:
        raise Refused(
            "SANAD_DATABASE_URL must be a postgres:// URL; run `make bench`, "
            "or scripts/with-postgres.sh .venv/bin/python bench/intake.py"
        )
    return url


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _sql(url: str, statement: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _server_config(var_dir: Path) -> Path:
    """The production gunicorn.conf.py, less its access log (the bench measures the app, not logging)."""
    config = var_dir / "gunicorn.bench.py"
    production = ROOT / "gunicorn.conf.py"
    source = production.read_text() if production.is_file() else ""
    config.write_text(f"{source}\n\naccesslog = None\n")
    return config


def start_server(env: dict[str, str], args: argparse.Namespace, var_dir: Path, log: Path) -> Server:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        f"--config={_server_config(var_dir)}",
        f"--bind=127.0.0.1:{port}",
        f"--workers={args.workers}",
        f"--worker-class={args.worker_class}",
        f"--threads={args.threads}",
        "--log-level=warning",
        "--no-control-socket",
        "sanad.wsgi:application",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    server = Server(process, port, log)
    limit = time.monotonic() + 30
    while time.monotonic() < limit:
        if process.poll() is not None:
            raise Refused(f"gunicorn exited ({process.returncode}):\n{log.read_text()[-2000:]}")
        try:
            if Connection(port).request("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise Refused(f"gunicorn did not answer /healthz within 30 s:\n{log.read_text()[-2000:]}")


def _postmaster_pid(url: str) -> int:
    """Our PostgreSQL server's pid: the parent of a backend serving us (other clusters may run here)."""
    import psycopg

    with psycopg.connect(url) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]  # type: ignore[index]
        stat = _proc_stat(backend)
    if stat is None:
        raise Refused("cannot read /proc for PostgreSQL's processes")
    return stat[0]


def _report_count(url: str) -> int:
    return _sql(url, "SELECT count(*) FROM intake_report")[0][0]


# --- One configuration: fresh database, server, the three phases -----------------------------


def _line(label: str, outcome: Outcome, unit: str) -> str:
    return (
        f"{label:<22}: {outcome.rate:8.1f} {unit}  p50 {outcome.p50_ms:6.1f} ms  p99 {outcome.p99_ms:6.1f} ms  "
        f"(n={outcome.n} in {outcome.window:.1f} s, failed {outcome.failed})"
    )


def run(base_url: str, var_dir: Path, args: argparse.Namespace) -> None:
    name = f"sanad_bench_{secrets.token_hex(4)}"
    _sql(base_url, f"CREATE DATABASE {name}")
    url = _with_database(base_url, name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.bare_settings",
        "SANAD_DATABASE_URL": url,
        "SANAD_VAR_DIR": str(var_dir),
        "SANAD_RATE_LIMITS": RATE_LIMITS,
        "SANAD_SECURE_COOKIES": "false",
        "SANAD_DEBUG": "false",
        "SANAD_ALLOWED_HOSTS": "127.0.0.1",
        "SANAD_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SANAD_DB_CONN_MAX_AGE": "60",
        "SANAD_TRUSTED_PROXIES": "1",
        "SANAD_LOG_LEVEL": "WARNING",
    }
    server = None
    try:
        _manage(env, "migrate", "--no-input", "-v0")
        _manage(env, "collectstatic", "--no-input", "-v0")  # the pages name static files from its manifest
        _sql(
            url,
            "CREATE TABLE bench_bare_row (id bigserial PRIMARY KEY, payload text NOT NULL,"
            " created_at timestamptz NOT NULL DEFAULT now())",
        )
        server = start_server(env, args, var_dir, var_dir / "gunicorn.log")
        clients = args.processes * args.threads_per_process
        plan = {
            "port": server.port,
            "processes": args.processes,
            "threads": args.threads_per_process,
            "same_address": args.same_address,
        }
        print(
            f"\n== gunicorn {args.worker_class}, {args.workers} workers × {args.threads} threads, "
            f"{clients} clients ({args.processes} processes × {args.threads_per_process} threads), "
            f"{args.seconds:g} s measured after {args.warmup:g} s warm-up",
            flush=True,
        )
        watch = (server.process.pid, _postmaster_pid(url))
        # Warm every code path and connection once, untimed.
        run_phase(Plan("journey", run_seconds=args.warmup, **plan), 0, watch)
        span = args.warmup + args.seconds
        bare = run_phase(Plan("bare", run_seconds=span, **plan), args.warmup, watch)
        print(_line("bare insert view", bare, "req/s  "), f"\n{'':24}{bare.cpu}", flush=True)
        print(f"{'':24}machine load average {Path('/proc/loadavg').read_text().split()[0]}", flush=True)
        statements = run_phase(Plan("statements", run_seconds=span, **plan), args.warmup, watch)
        print(
            _line("same SQL, no app", statements, "req/s  "),
            f"\n{'':24}{statements.cpu}",
            flush=True,
        )

        journey = None
        if not args.skip_journey:
            before = _report_count(url)
            journey = run_phase(Plan("journey", run_seconds=span, **plan), args.warmup, watch)
            journey_made = _report_count(url) - before

        # Sends: a pilot batch warms the send path up and tells how many drafts last about
        # --seconds; the measured batch then counts from its first send (no time-based warm-up).
        pilot_plan = Plan("send", run_seconds=span, drafts=10, prepare_seconds=120, **plan)
        pilot = run_phase(pilot_plan, 0, watch)
        per_client = args.drafts or math.ceil(pilot.rate * args.seconds * 1.5 / clients)
        per_client = max(30, min(per_client, 1000))
        before = _report_count(url)
        submission = run_phase(
            Plan("send", run_seconds=span, drafts=per_client, prepare_seconds=args.prepare_limit, **plan),
            0,
            watch,
        )
        made = _report_count(url) - before

        ratio = submission.rate / bare.rate if bare.rate else math.nan
        print(_line("report submission", submission, "req/s  "), f"\n{'':24}{submission.cpu}")
        met = "met" if submission.p99_ms < GOAL_P99_MS else "NOT met"
        print(
            f"{'ratio submission/bare':<22}: {ratio:8.2f} (goal >= {GOAL_RATIO})  "
            f"{'met' if ratio >= GOAL_RATIO else 'NOT met'};  p99 goal < {GOAL_P99_MS:g} ms: {met}"
        )
        print(
            f"{'server+db CPU/request':<22}: bare {bare.cpu_ms:.2f} ms, same SQL no app {statements.cpu_ms:.2f} ms, "
            f"submission {submission.cpu_ms:.2f} ms (gunicorn + PostgreSQL); on dedicated saturated cores "
            f"the rate ratio would be {bare.cpu_ms / submission.cpu_ms:.2f}"
        )
        print(
            f"{'round trips alone':<22}: {statements.rate / bare.rate if bare.rate else math.nan:8.2f} of the bare rate "
            "(a submission's statements, bench/bare_urls.py, with no other work)"
        )
        print(
            f"{'reports created':<22}: {made} in the submission phase for {submission.ok} successful sends "
            f"({'exactly one each' if made == submission.ok else 'MISMATCH'}; "
            f"{per_client} drafts per client, {submission.unsent} left unsent)"
        )
        if journey is not None:
            print(_line("whole wizard journey", journey, "reports/s"), f"\n{'':24}{journey.cpu}")
            print(
                f"{'reports created':<22}: {journey_made} in the journey phase for {journey.ok} journeys "
                f"({'exactly one each' if journey_made == journey.ok else 'MISMATCH'}; "
                f"{len(STEP_ANSWERS) * 2 + 3} requests each)"
            )
        for outcome in (bare, statements, journey, submission):
            for error in outcome.errors if outcome else []:
                print(f"  error: {error}")
        if args.queries:
            query_env = {**env, "BENCH_CLIENT_ADDRESS": "10.250.0.1"}
            subprocess.run([sys.executable, "bench/submission_queries.py"], cwd=ROOT, env=query_env, check=True)
    finally:
        if server is not None:
            server.stop()
        _sql(base_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=15, help="measured seconds per phase [15]")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured seconds before each phase [3]")
    # The defaults are gunicorn.conf.py's: 2 workers per core, one thread each (so the sync worker).
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers [2 per core]")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker [1]")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class [sync]")
    parser.add_argument("--skip-journey", action="store_true", help="measure only the bare view and the send")
    parser.add_argument("--processes", type=int, default=4, help="load-generator processes [4]")
    parser.add_argument("--threads-per-process", type=int, default=8, help="clients per process [8]")
    parser.add_argument("--drafts", type=int, default=0, help="drafts per client to send [auto: about --seconds]")
    parser.add_argument("--prepare-limit", type=float, default=180, help="bound on preparing drafts, s [180]")
    parser.add_argument("--same-address", action="store_true", help="every reporter from one address")
    parser.add_argument("--no-queries", dest="queries", action="store_false", help="skip the query listing")
    args = parser.parse_args()
    # Stopped by make or a terminal: unwind through the finally blocks (server, database).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        base_url = _postgres_url()
    except Refused as error:
        print(f"bench/intake.py: {error}", file=sys.stderr)
        return 2
    server_version = _sql(base_url, "SHOW server_version")[0][0]
    import django
    import gunicorn

    print(
        f"machine: {os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}, Django {django.__version__}, "
        f"gunicorn {gunicorn.__version__}, PostgreSQL {server_version}"
    )
    print(
        "server: same gunicorn and settings (bench.bare_settings) for both views; DEBUG off, no access log, "
        "CONN_MAX_AGE 60 with health checks, tasks to the database backend (no worker)"
    )
    load = float(Path("/proc/loadavg").read_text().split()[0])
    if load > 1:
        print(f"warning: load average {load:.2f} before starting: other work shares these cores")
    with tempfile.TemporaryDirectory(prefix="sanad-bench.") as var:
        var_dir = Path(var)
        env = {**os.environ, "SANAD_VAR_DIR": str(var_dir)}
        _manage(env, "generate_keys")
        try:
            run(base_url, var_dir, args)
        except Refused as error:
            print(f"bench/intake.py: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
