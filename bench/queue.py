"""Queue benchmark: the triage queue (its first and its fifth page), a filtered queue and
searches over 1,000,000 synthetic reports on PostgreSQL; prints p50/p95 (goal: p95 under
100 ms).

    make bench-queue
    scripts/with-postgres.sh .venv/bin/python bench/queue.py --reports 1000000

Loads the synthetic data with COPY into a fresh database on SANAD_DATABASE_URL's server
(dropped afterwards), then times the pages in-process through Django's test client, signed
in as an analyst with both factors: server time only, no network. Not a test.
"""

import argparse
import html
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Replace this folder on the path: bench/queue.py would shadow the standard library's queue.
sys.path[0] = str(ROOT)

WORDS = [
    "insultes",
    "harcèlement",
    "groupe",
    "classe",
    "photos",
    "menace",
    "compte",
    "faux",
    "profil",
    "vidéo",
    "message",
    "tsawer",
    "kaydded",
    "3afak",
    "wahed",
    "bnat",
    "drari",
    "lycée",
    "collège",
    "instagram",
    "tiktok",
    "snap",
    "chantage",
    "صور",
    "تهديد",
    "حساب",
    "مزيف",
    "رسائل",
    "مدرسة",
    "فيديو",
    "ابتزاز",
    "تحرش",
    "شتائم",
]
URGENCY_WEIGHTS = [("P0", 1), ("P1", 9), ("P2", 40), ("P3", 50)]
CATEGORIES = ["harassment", "sexual_exploitation", "hate_speech", "personal_data", "threats", "scam", "other"]
OPEN_SHARE = 0.03  # open cases among triaged reports
UNTRIAGED_SHARE = 0.02


def prepare_environment(database_url: str) -> str:
    """A fresh database next to the one given; returns its URL."""
    parts = urlsplit(database_url)
    name = f"sanad_bench_queue_{os.getpid()}"
    admin = parts._replace(path="/postgres")
    subprocess.run(["psql", urlunsplit(admin), "-qc", f"CREATE DATABASE {name}"], check=True)
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(database_url: str) -> None:
    parts = urlsplit(database_url)
    admin = parts._replace(path="/postgres")
    subprocess.run(["psql", urlunsplit(admin), "-qc", f"DROP DATABASE IF EXISTS {parts.path.lstrip('/')}"], check=False)


def load(count: int, seed: int) -> dict[str, int]:
    from django.db import connection
    from django.utils import timezone

    from sanad.accounts.models import Organisation, Region
    from sanad.cases.models import Case, CaseReport
    from sanad.intake import search_terms
    from sanad.intake.identifiers import normalise
    from sanad.intake.models import Identifier, Report, ReportCategory, ReportTerm, StatusChange

    rng = random.Random(seed)
    now = timezone.now()
    centre = Organisation.objects.create(name="Bench centre", kind=Organisation.Kind.CENTRE)
    regions = list(Region.objects.values_list("pk", flat=True))
    term_of = {word: search_terms.term_hash(search_terms.normalise_word(word)) for word in WORDS}
    levels = [level for level, weight in URGENCY_WEIGHTS for _ in range(weight)]

    report_fields = [f for f in Report._meta.concrete_fields]
    identifier_fields = [f for f in Identifier._meta.concrete_fields]
    case_fields = [f for f in Case._meta.concrete_fields]
    counts = {"reports": 0, "cases": 0, "open cases": 0, "untriaged": 0}
    started = time.perf_counter()
    batch = 20_000
    for first in range(1, count + 1, batch):
        reports, identifiers, categories, terms, statuses, cases, links = [], [], [], [], [], [], []
        for pk in range(first, min(first + batch, count + 1)):
            level = rng.choice(levels)
            submitted = now - timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
            words = rng.sample(WORDS, 6)
            report = Report(
                pk=pk,
                reference=f"SN-B{pk:07d}",
                receipt_digest=f"{pk:064x}",
                language="fr",
                urgency=level,
                first_action_due=submitted + timedelta(hours=(1, 24, 72, 168)[int(level[1])]),
                submitted_at=submitted,
                updated_at=submitted,
                danger_now=level == "P0",
                self_harm=False,
                sextortion_deadline=False,
                reporter_role="victim",
                started="week",
                ongoing="yes",
                victim_age_band="13_15",
                victim_gender="unsaid",
                region_id=rng.choice(regions),
            )
            report.description = " ".join(words)
            category = rng.choice(CATEGORIES)
            categories.append((pk, category))
            found = normalise(f"@bench.user.{rng.randrange(200_000)}", platform="instagram")
            identifier = Identifier(report_id=pk, kind=found.kind, platform=found.platform, digest=found.digest)
            identifier.value = found.value
            identifiers.append(identifier)
            terms += [(pk, term_of[word]) for word in words]
            roll = rng.random()
            if roll < UNTRIAGED_SHARE:
                report.status = "received"
                counts["untriaged"] += 1
            else:
                is_open = roll < UNTRIAGED_SHARE + OPEN_SHARE
                report.status = "handled" if is_open else "closed"
                report.triaged_at = submitted
                cases.append(
                    Case(
                        pk=pk,
                        reference=f"C-B{pk:07d}",
                        urgency=level,
                        status="in_progress" if is_open else "closed",
                        outcome="" if is_open else "resolved",
                        organisation=centre,
                        opened_at=submitted,
                        first_action_due=report.first_action_due,
                        closed_at=None if is_open else submitted + timedelta(days=3),
                        updated_at=submitted,
                    )
                )
                links.append(CaseReport(case_id=pk, report_id=pk, linked_at=submitted))
                counts["open cases"] += is_open
            statuses.append((pk, "received", submitted))
            reports.append(report)
        with connection.cursor() as cursor:
            _copy_models(cursor, Report, report_fields, reports)
            _copy_models(cursor, Identifier, identifier_fields, identifiers, skip_pk=True)
            _copy_rows(cursor, ReportCategory._meta.db_table, ("report_id", "category"), categories)
            _copy_rows(cursor, ReportTerm._meta.db_table, ("report_id", "term"), terms)
            _copy_rows(cursor, StatusChange._meta.db_table, ("report_id", "status", "at"), statuses)
            _copy_models(cursor, Case, case_fields, cases)
            _copy_rows(
                cursor,
                CaseReport._meta.db_table,
                ("case_id", "report_id", "linked_at", "duplicate"),
                [(link.case_id, link.report_id, link.linked_at, False) for link in links],
            )
        counts["reports"] += len(reports)
        counts["cases"] += len(cases)
        print(f"  loaded {counts['reports']:>9,} reports  ({time.perf_counter() - started:5.0f} s)", flush=True)
    with connection.cursor() as cursor:
        for model in (Report, Case):
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute("ANALYZE")
    return counts


def _copy_sql(model, fields) -> str:  # type: ignore[no-untyped-def]
    columns = ", ".join(f.column for f in fields)
    return f"COPY {model._meta.db_table} ({columns}) FROM STDIN"


def _copy_models(cursor, model, fields, objects, *, skip_pk: bool = False) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    fields = [f for f in fields if not (skip_pk and f.primary_key)]
    with cursor.copy(_copy_sql(model, fields)) as copy:
        for obj in objects:
            copy.write_row([f.get_db_prep_save(getattr(obj, f.attname), connection=connection) for f in fields])


def _copy_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def analyst_client():  # type: ignore[no-untyped-def]
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sanad.accounts.models import Organisation, User

    user = User.objects.create_user(
        "bench-analyst",
        password=os.urandom(16).hex(),
        organisation=Organisation.objects.get(name="Bench centre"),
        role="analyst",
    )
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def page_after(client, url: str, pages: int) -> str:  # type: ignore[no-untyped-def]
    """The address reached from `url` by following its "next page" link `pages` times."""
    for _ in range(pages):
        found = re.search(r'href="([^"]*)" rel="next"', client.get(url).content.decode())
        if found is None:
            raise SystemExit(f"{url} has no next page")
        url = html.unescape(found[1])
    return url


def measure(client, url: str, samples: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    for _ in range(5):
        client.get(url)
    timings = []
    status = 0
    for _ in range(samples):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        status = response.status_code
    quantiles = statistics.quantiles(timings, n=100)
    return quantiles[49], quantiles[94], status


def explain(client, label: str, url: str) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    slowest = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))[:2]
    for query in slowest:
        print(f"\n[{label}] {query['time']} s: {query['sql'][:600]}")
        if query["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()[:25]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--explain", action="store_true", help="print each page's slowest queries and their plans")
    parser.add_argument("--profile", action="store_true", help="print where one request of each page spends its time")
    args = parser.parse_args()
    base_url = os.environ.get("SANAD_DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        print("bench/queue.py needs PostgreSQL: run it through scripts/with-postgres.sh (make bench-queue)")
        return 2
    database_url = prepare_environment(base_url)
    var_dir = tempfile.mkdtemp(prefix="sanad-bench-queue.")
    Path(var_dir, "static").mkdir()
    os.environ.update(
        SANAD_DATABASE_URL=database_url,
        SANAD_VAR_DIR=var_dir,
        SANAD_DEBUG="false",
        SANAD_ALLOWED_HOSTS="testserver",
        SANAD_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="sanad.settings",
    )
    try:
        python = str(ROOT / ".venv" / "bin" / "python")
        subprocess.run([python, "manage.py", "generate_keys"], cwd=ROOT, check=True, capture_output=True)
        subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)
        import django

        django.setup()
        print(f"Loading {args.reports:,} synthetic reports into PostgreSQL…")
        started = time.perf_counter()
        counts = load(args.reports, args.seed)
        print(
            f"Loaded in {time.perf_counter() - started:.0f} s: "
            + ", ".join(f"{n:,} {what}" for what, n in counts.items())
        )
        client = analyst_client()
        pages = [
            ("queue", "/fr/staff/queue/"),
            ("queue, 5th page", page_after(client, "/fr/staff/queue/", 4)),
            ("filtered queue (P1, harassment)", "/fr/staff/queue/?urgency=P1&category=harassment"),
            ("identifier search", "/fr/staff/queue/?q=%40bench.user.4242"),
            ("word search (2 words)", "/fr/staff/queue/?q=chantage+photos"),
        ]
        print(f"\n{'page':<34} {'p50':>9} {'p95':>9}  status  (n={args.samples}, in-process, PostgreSQL)")
        for label, url in pages:
            if args.explain:
                explain(client, label, url)
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.runcall(client.get, url)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats("sanad|django/(db|template)", 30)
            p50, p95, status = measure(client, url, args.samples)
            verdict = "met" if p95 < 100 else "NOT met"
            print(f"{label:<34} {p50:7.1f} ms {p95:7.1f} ms  {status}    goal p95 < 100 ms: {verdict}")
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
