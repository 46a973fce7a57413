#!/usr/bin/env bash
# pytest with the test environment: fresh keys in a temporary folder, a throwaway
# PostgreSQL cluster (unless SANAD_DATABASE_URL is set), tasks run at once, a memory cache.
#   scripts/pytest.sh sanad/intake/tests -q
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
SANAD_VAR_DIR=$(mktemp -d /tmp/sanad-test.XXXXXX)
export SANAD_VAR_DIR
trap 'rm -rf "$SANAD_VAR_DIR"' EXIT
export SANAD_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend"
export SANAD_CACHE_URL=locmem
export SANAD_EMAIL_BACKEND=memory
python manage.py generate_keys >/dev/null
scripts/with-postgres.sh pytest -p no:cacheprovider "$@"
