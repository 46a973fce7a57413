#!/usr/bin/env bash
# The whole suite from a fresh clone: install, lint, PostgreSQL tests (with the browser
# journeys), then the SQLite smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
export PATH="$PWD/.venv/bin:$PATH"
# Tests get their own keys and folders: nothing of the demo's var/ is touched.
SANAD_VAR_DIR=$(mktemp -d /tmp/sanad-test.XXXXXX)
export SANAD_VAR_DIR
trap 'rm -rf "$SANAD_VAR_DIR"' EXIT
python manage.py generate_keys >/dev/null

echo "== lint"
ruff check .
ruff format --check .
echo "== PostgreSQL: the whole suite"
scripts/with-postgres.sh pytest -p no:cacheprovider "$@"
echo "== SQLite: smoke"
SANAD_DATABASE_URL="sqlite:///$SANAD_VAR_DIR/smoke.sqlite3" pytest -p no:cacheprovider -m smoke -q
