#!/usr/bin/env bash
# pytest with the test environment: fresh keys and collected static files in a temporary folder, a throwaway
# PostgreSQL cluster (unless SANAD_DATABASE_URL is set), tasks run at once, a memory cache.
#   scripts/pytest.sh sanad/intake/tests -q
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
SANAD_VAR_DIR=$(mktemp -d /tmp/sanad-test.XXXXXX)
export SANAD_VAR_DIR
trap 'rm -rf "$SANAD_VAR_DIR"' EXIT
export SANAD_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend"
export SANAD_EMAIL_BACKEND=memory
python manage.py generate_keys >/dev/null
# Static files under their hashed names, as deployed (the pages name them from the manifest).
python manage.py collectstatic --no-input -v0
scripts/with-postgres.sh pytest -p no:cacheprovider "$@"
