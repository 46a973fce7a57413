#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster of our own (initdb in a temporary
# folder, a private port), then removes the cluster. Never relies on a server something
# else started. When SANAD_DATABASE_URL is already set, just runs the command.
#   scripts/with-postgres.sh pytest ...
set -euo pipefail
if [ -n "${SANAD_DATABASE_URL:-}" ]; then
  exec "$@"
fi
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed: run scripts/bootstrap.sh dev" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/sanad-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
run=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  run=(runuser -u postgres --)
fi
cleanup() {
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM
"${run[@]}" "$bindir/initdb" -D "$dir/data" -U sanad -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
export SANAD_DATABASE_URL="postgres://sanad@127.0.0.1:$port/sanad"
"${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U sanad sanad
echo "Throwaway PostgreSQL on 127.0.0.1:$port ($dir)"
"$@"
