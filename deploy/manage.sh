#!/usr/bin/env bash
# manage.py with the production settings, as the app's user: what the systemd units run, by hand.
#   deploy/manage.sh migrate --no-input
#   deploy/manage.sh create_admin n.alaoui --email n.alaoui@centre.ma
# SANAD_ENV_FILE (default /etc/sanad/sanad.env), SANAD_SECRETS_DIR (default /etc/sanad/secrets)
# and SANAD_USER (default sanad) say where things are when they are elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file="${SANAD_ENV_FILE:-/etc/sanad/sanad.env}"
secrets="${SANAD_SECRETS_DIR:-/etc/sanad/secrets}"
user="${SANAD_USER:-sanad}"
# Read KEY=value lines as systemd's EnvironmentFile does: taken as written, spaces included.
settings=()
while IFS= read -r line; do settings+=("$line"); done < <(grep -E '^[A-Z_][A-Z0-9_]*=' "$env_file")
settings+=("SANAD_KEK_FILE=$secrets/kek" "SANAD_INDEX_KEY_FILE=$secrets/index_key" "SANAD_SECRET_KEY_FILE=$secrets/secret_key")
run=()
[ "$(id -un)" != "$user" ] && run=(runuser -u "$user" --)
exec "${run[@]}" env "${settings[@]}" .venv/bin/python manage.py "$@"
