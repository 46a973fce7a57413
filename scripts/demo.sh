#!/usr/bin/env bash
# The demo: SQLite, synthetic data, a task worker, the portal on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh runtime
export PATH="$PWD/.venv/bin:$PATH"
export SANAD_DEBUG="${SANAD_DEBUG:-true}"
python manage.py generate_keys
python manage.py migrate --no-input -v0
python manage.py createcachetable
python manage.py demo_data
python manage.py demo_staff
python manage.py db_worker > var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Task worker running (log: var/worker.log). Portal: http://127.0.0.1:8000  (Ctrl-C stops both)"
python manage.py runserver --noreload 127.0.0.1:8000
