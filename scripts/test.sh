#!/usr/bin/env bash
# The whole suite from a fresh clone: install, lint and types, the PostgreSQL run (rules, pages and
# browser journeys), the restore drill (docs/backup.md), then the SQLite smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
echo "== lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== types"
.venv/bin/mypy
echo "== PostgreSQL: the whole suite, on every core"
scripts/pytest.sh -n "${SANAD_TEST_WORKERS:-auto}" "$@"
echo "== Restore drill: back up, destroy, restore into a fresh cluster and store, verify"
.venv/bin/python scripts/restore_drill.py
echo "== SQLite: smoke"
SANAD_DATABASE_URL="sqlite:///$(mktemp -d /tmp/sanad-smoke.XXXXXX)/smoke.sqlite3" scripts/pytest.sh -m smoke -q
