"""Statistics benchmark: synthetic reports (with their cases, referrals and removals) bulk-inserted
into a fresh PostgreSQL database, the aggregates rebuilt, then every dashboard timed (p50/p95, goal
p95 under 200 ms), the yearly review frozen and its PDF built (goal under 60 s). With two sizes it
prints how each figure grows and extrapolates linearly to 10,000,000 reports.

    make bench-stats                                   # 1,000,000 reports
    scripts/with-postgres.sh .venv/bin/python bench/stats.py --reports 200000 --then 600000

Each size loads into the same database (the second adds to the first). In-process through Django's
test client, signed in with both factors: server time only. Not a test.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)


def prepare_environment(database_url: str) -> str:
    parts = urlsplit(database_url)
    name = f"sanad_bench_stats_{os.getpid()}"
    subprocess.run(["psql", urlunsplit(parts._replace(path="/postgres")), "-qc", f"CREATE DATABASE {name}"], check=True)
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(database_url: str) -> None:
    parts = urlsplit(database_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {parts.path.lstrip('/')}"], check=False)


def client_for(username: str, organisation, role: str):  # type: ignore[no-untyped-def]
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sanad.accounts.models import User

    user = User.objects.create_user(username, password=os.urandom(16).hex(), organisation=organisation, role=role)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client, user


def measure(client, url: str, samples: int) -> tuple[float, float, float, int]:  # type: ignore[no-untyped-def]
    """The first view (what the first person sees after a rebuild: nothing drawn yet), then p50 and p95."""
    started = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - started) * 1000
    for _ in range(2):
        client.get(url)
    timings, status = [], 0
    for _ in range(samples):
        start = time.perf_counter()
        status = client.get(url).status_code
        timings.append((time.perf_counter() - start) * 1000)
    quantiles = statistics.quantiles(timings, n=100)
    return first, quantiles[49], quantiles[94], status


def peak_mib() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_size(total: int, clients: dict, samples: int, year: int, secretary, approver) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from sanad.intake.models import Report
    from sanad.stats import actions, refresh
    from sanad.stats import review as reviews
    from sanad.stats.models import Review

    figures: dict[str, float] = {}
    started = time.perf_counter()
    done = refresh.refresh_all()
    figures["full rebuild (s)"] = time.perf_counter() - started
    started = time.perf_counter()
    refresh.refresh_months(refresh.recent_months(datetime(year + 1, 12, 15, tzinfo=UTC)))
    figures["periodic rebuild, 2 months (s)"] = time.perf_counter() - started
    print(f"\n{Report.objects.count():,} reports; aggregates rebuilt in {done.seconds:.1f} s")
    query = f"?start={year}-01&end={year + 1}-12"
    print(f"{'dashboard':<40} {'first ms':>9} {'p50 ms':>9} {'p95 ms':>9}  status  (n={samples})")
    for label, (client, url) in clients.items():
        first, p50, p95, status = measure(client, url + query, samples)
        if label.startswith("ministry"):
            filtered = url + query + "&region=oriental&category=harassment&age_band=13_15"
            ffirst, fp50, fp95, fstatus = measure(client, filtered, samples)
            figures["ministry, region+category+age p95 (ms)"] = fp95
            print(f"{'ministry, region+category+age':<40} {ffirst:9.1f} {fp50:9.1f} {fp95:9.1f}  {fstatus}")
        figures[f"{label} first view (ms)"] = first
        figures[f"{label} p95 (ms)"] = p95
        print(f"{label:<40} {first:9.1f} {p50:9.1f} {p95:9.1f}  {status}")
    Review.objects.filter(year=year + 1).delete()
    review = actions.start_review(year + 1, by=secretary)
    actions.submit_review(review, by=secretary)
    actions.approve_review(review, by=approver)
    started, cpu_started = time.perf_counter(), cpu()
    version = actions.publish_review(review, by=secretary)
    frozen_s = time.perf_counter() - started
    pdf = reviews.review_pdf(version.frozen, "ar", sha256=version.sha256, number=version.number)
    figures["review: freeze + Arabic PDF (s)"] = time.perf_counter() - started
    print(
        f"yearly review: frozen in {frozen_s:.1f} s, Arabic PDF ({len(pdf) // 1024} KiB) after "
        f"{figures['review: freeze + Arabic PDF (s)']:.1f} s (CPU {cpu() - cpu_started:.1f} s)"
    )
    from django.test import Client

    first, p50, p95, status = measure(Client(), f"/fr/figures/?year={year + 1}", samples)
    figures["public figures page p95 (ms)"] = p95
    print(f"{'public figures page (published review)':<40} {first:9.1f} {p50:9.1f} {p95:9.1f}  {status}")
    version.delete()
    figures["peak memory of the bench process (MiB)"] = peak_mib()
    print(f"peak memory of the bench process: {peak_mib():.0f} MiB")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--then", type=int, default=0, help="a second, larger size (total), to extrapolate from")
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    base_url = os.environ.get("SANAD_DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        print("bench/stats.py needs PostgreSQL: run it through scripts/with-postgres.sh (make bench-stats)")
        return 2
    database_url = prepare_environment(base_url)
    var_dir = tempfile.mkdtemp(prefix="sanad-bench-stats.")
    Path(var_dir, "static").mkdir()
    os.environ.update(
        SANAD_DATABASE_URL=database_url,
        SANAD_VAR_DIR=var_dir,
        SANAD_CACHE_URL="locmem",
        SANAD_DEBUG="false",
        SANAD_ALLOWED_HOSTS="testserver",
        SANAD_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="sanad.settings",
    )
    try:
        python = str(ROOT / ".venv" / "bin" / "python")
        subprocess.run([python, "manage.py", "generate_keys"], cwd=ROOT, check=True, capture_output=True)
        subprocess.run([python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, check=True)
        subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)
        import django

        django.setup()
        from sanad.accounts.models import Organisation, Region
        from sanad.stats import synthetic

        centre = Organisation.objects.create(name="Bench centre", kind="centre")
        ministry = Organisation.objects.create(name="Bench ministry", kind="ministry")
        academy = Organisation.objects.create(
            name="Bench academy", kind="academy", region=Region.objects.get(code="casablanca-settat")
        )
        recipients = [
            Organisation.objects.create(name=f"Bench {kind}", kind=kind)
            for kind in ("police", "platform", "prosecutor")
        ]
        centre_client, _analyst = client_for("bench-analyst", centre, "analyst")
        ministry_client, approver = client_for("bench-ministry", ministry, "ministry")
        academy_client, _academy = client_for("bench-academy", academy, "ministry")
        _secretary_client, secretary = client_for("bench-secretary", ministry, "committee")
        clients = {
            "centre (exact, with today)": (centre_client, "/fr/staff/statistics/"),
            "ministry (national, suppressed)": (ministry_client, "/fr/staff/statistics/"),
            "academy (own region, Arabic)": (academy_client, "/ar/staff/statistics/"),
        }
        year = 2025
        start, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 2, 1, 1, tzinfo=UTC)
        results = []
        loaded = 0
        for size in [args.reports] + ([args.then] if args.then > args.reports else []):
            print(f"Loading {size - loaded:,} synthetic reports (total {size:,})…")
            began = time.perf_counter()
            synthetic.generate(
                size - loaded, start=start, end=end, centre=centre, recipients=recipients, by=secretary,
                seed=size, offset=loaded,
            )  # fmt: skip
            loaded_s = time.perf_counter() - began
            print(f"Loaded in {loaded_s:.0f} s")
            subprocess.run(["psql", database_url, "-qc", "VACUUM ANALYZE"], check=True)
            loaded = size
            figures = run_size(size, clients, args.samples, year, secretary, approver)
            results.append((size, {"load (s)": loaded_s, **figures}))
        if len(results) == 2:
            (small, first), (large, second) = results
            print(f"\nExtrapolated linearly to 10,000,000 reports from {small:,} and {large:,} (not measured):")
            for name, value in first.items():
                slope = (second[name] - value) / (large - small)
                if slope <= 0:  # no growth (a latency measured under a different load): say so, do not extrapolate
                    print(f"  {name:<40} {value:9.1f} → {second[name]:9.1f} → no growth measured")
                    continue
                print(
                    f"  {name:<40} {value:9.1f} → {second[name]:9.1f} → ~{second[name] + slope * (10_000_000 - large):9.1f}"
                )
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(database_url)


if __name__ == "__main__":
    sys.exit(main())
