#!/usr/bin/env bash
# The demo: SQLite, synthetic data, a task worker and the scheduler, the portal on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh runtime
export PATH="$PWD/.venv/bin:$PATH"
export SANAD_DEBUG="${SANAD_DEBUG:-true}"
python manage.py generate_keys
python manage.py migrate --no-input -v0
# Referrals of a demo database made before referrals were frozen snapshots (a no-op otherwise).
python manage.py freeze_referrals >/dev/null
python manage.py demo_data
python manage.py demo_staff
python manage.py demo_schools
python manage.py demo_training
python manage.py demo_stats
python manage.py demo_api
python manage.py run_worker > var/worker.log 2>&1 &
worker=$!
# The scheduler enqueues the periodic tasks (school step reminders) for the worker.
python manage.py run_schedule > var/schedule.log 2>&1 &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM
echo "Task worker and scheduler running (logs: var/worker.log, var/schedule.log)."
echo "Portal: http://127.0.0.1:8000  (Ctrl-C stops them all)"
python manage.py runserver --noreload 127.0.0.1:8000
