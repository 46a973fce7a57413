#!/usr/bin/env bash
# The proof of docs/deploy.md: from a clean clone of this repository, its steps on this machine,
# on loopback only. Where the doc uses systemd (this machine has none), each unit's own
# ExecStart and Environment lines are read from deploy/systemd/ and run as they are; nginx runs
# with deploy/nginx/sanad.conf, its names, ports and paths filled in as an operator would.
# Then a reporter sends a report with a file through the proxy and follows it with the
# receipt, the administrator finds it, and the proxy's and the app's logs are searched for the
# client's address (requests leave from 127.0.0.77, an address of their own).
#   scripts/production-start.sh            (as root; takes a few minutes: a fresh .venv)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
client_address=127.0.0.77
https_port=8443
http_port=8080

work=$(mktemp -d /tmp/sanad-production.XXXXXX)
chmod 755 "$work"
opt="$work/opt/sanad" etc="$work/etc/sanad" var="$work/var/lib/sanad" run="$work/run/sanad" logs="$work/log"
mkdir -p "$etc" "$var" "$run" "$logs" "$work/pg"
pids=()
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres=()
[ "$(id -u)" -eq 0 ] && as_postgres=(runuser -u postgres --)

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  "${as_postgres[@]}" "$bindir/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
started=$(date +%s)

step "1. A clean clone, Debian's packages and the pinned dependencies (scripts/bootstrap.sh runtime)"
git clone --quiet "$repo" "$opt"
(cd "$opt" && git log -1 --format='commit %h %s')
command -v nginx >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
(cd "$opt" && scripts/bootstrap.sh runtime)
py="$opt/.venv/bin/python"

step "2. PostgreSQL: a database and its owner"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_postgres[@]}" "$bindir/initdb" -D "$work/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_postgres[@]}" "$bindir/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
"$bindir/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE ROLE sanad LOGIN PASSWORD 'production-check'" -c "CREATE DATABASE sanad OWNER sanad"
echo "PostgreSQL on 127.0.0.1:$pg_port"

step "3. Keys, generated once and kept apart (docs/backup.md)"
(cd "$opt" && SANAD_VAR_DIR="$etc" "$py" manage.py generate_keys)
printf '%s' "$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" > "$etc/secrets/metrics_token"

step "4. The settings: deploy/sanad.env.example, filled in"
sed -e "s#^SANAD_ALLOWED_HOSTS=.*#SANAD_ALLOWED_HOSTS=localhost#" \
    -e "s#^SANAD_SITE_URL=.*#SANAD_SITE_URL=https://localhost:$https_port#" \
    -e "s#^SANAD_VAR_DIR=.*#SANAD_VAR_DIR=$var#" \
    -e "s#^SANAD_DATABASE_URL=.*#SANAD_DATABASE_URL=postgres://sanad:production-check@127.0.0.1:$pg_port/sanad#" \
    -e "s#^SANAD_EVIDENCE_DIR=.*#SANAD_EVIDENCE_DIR=$var/evidence#" \
    -e "s#^SANAD_EMAIL_BACKEND=.*#SANAD_EMAIL_BACKEND=console#" \
    -e "/^SANAD_EMAIL_PASSWORD_FILE=/d" \
    -e "s#/etc/sanad/secrets#$etc/secrets#g" \
    -e "s#^GUNICORN_WORKERS=.*#GUNICORN_WORKERS=2#" \
    "$opt/deploy/sanad.env.example" > "$etc/sanad.env"
# What systemd does for each unit: EnvironmentFile (KEY=value lines, taken as written), then
# LoadCredential for the three keys (%d).
while IFS= read -r line; do export "${line?}"; done < <(grep -E '^[A-Z_]+=' "$etc/sanad.env")
export SANAD_KEK_FILE="$etc/secrets/kek" SANAD_INDEX_KEY_FILE="$etc/secrets/index_key" SANAD_SECRET_KEY_FILE="$etc/secrets/secret_key"
grep -v '^#' "$etc/sanad.env" | grep -v '^$' | sed 's/PASSWORD=.*/PASSWORD=…/; s#@127.0.0.1#@…#' | sed 's/^/  /'

step "5. Migrations, compiled catalogues, static files, and Django's deployment checks"
cd "$opt"
"$py" manage.py migrate --no-input -v0
"$py" manage.py collectstatic --no-input -v0
"$py" manage.py check --deploy --fail-level WARNING

step "6. The first administrator, with an authenticator (manage.py create_admin)"
printf 'une phrase de passe longue pour l administration\n' > "$work/admin-password"
"$py" scripts/production_check.py enrol-admin --out "$work/admin.json" \
  "$py" manage.py create_admin premier.admin --email premier.admin@sanad.invalid --password-file "$work/admin-password" \
  | tail -n 1

step "7. The services of deploy/systemd/, each with its own ExecStart and Environment"
unit_command() {  # the unit's ExecStart, with its Environment lines, paths of this machine
  local unit="$1"
  sed -n -e 's/^Environment=//p' -e 's/^ExecStart=//p' "$opt/deploy/systemd/$unit" \
    | sed -e "s#/opt/sanad#$opt#g" -e "s#/run/sanad#$run#g" -e "s#/var/lib/sanad#$var#g" \
          -e "s#%d/#$etc/secrets/#g" -e "s#%i#1#g"
}
start_unit() {
  local unit="$1" log="$2" lines env=() command
  mapfile -t lines < <(unit_command "$unit")
  command="${lines[-1]}"
  for line in "${lines[@]:0:${#lines[@]}-1}"; do read -r -a words <<<"$line"; env+=("${words[@]}"); done
  (cd "$opt" && exec env "${env[@]}" $command >"$logs/$log" 2>&1) &
  pids+=($!)
  echo "  $unit: $command"
}
mkdir -p "$run/metrics"
start_unit sanad-web.service web.log
start_unit sanad-worker@.service worker-1.log
start_unit sanad-worker@.service worker-2.log
start_unit sanad-scheduler.service scheduler.log
for _ in $(seq 50); do [ -S "$run/gunicorn.sock" ] && break; sleep 0.2; done
[ -S "$run/gunicorn.sock" ] || { cat "$logs/web.log"; exit 1; }

step "8. nginx with deploy/nginx/sanad.conf: localhost, loopback ports, a self-signed certificate"
mkdir -p "$work/nginx/tls" "$work/nginx/temp"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/nginx/tls/privkey.pem" -out "$work/nginx/tls/fullchain.pem" 2>/dev/null
sed -e "s/sanad.example.ma/localhost/g" \
    -e "s/listen 80;/listen 127.0.0.1:$http_port;/" -e "s/listen 443 ssl http2;/listen 127.0.0.1:$https_port ssl http2;/" \
    -e "/listen \[::\]/d" \
    -e "s#https://\$host\$request_uri#https://\$host:$https_port\$request_uri#" \
    -e "s#/etc/ssl/sanad#$work/nginx/tls#g" -e "s#/var/log/nginx#$logs#g" -e "s#/run/sanad#$run#g" \
    "$opt/deploy/nginx/sanad.conf" > "$work/nginx/sanad.conf"
cat > "$work/nginx/nginx.conf" <<EOF
user $(id -un);
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $logs/nginx-main.error.log emerg;
events { worker_connections 256; }
http {
    client_body_temp_path $work/nginx/temp/body;
    proxy_temp_path $work/nginx/temp/proxy;
    fastcgi_temp_path $work/nginx/temp/fastcgi;
    uwsgi_temp_path $work/nginx/temp/uwsgi;
    scgi_temp_path $work/nginx/temp/scgi;
    access_log off;
    include $work/nginx/sanad.conf;
}
EOF
nginx -t -q -c "$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf"
echo "  nginx on https://localhost:$https_port (and :$http_port redirecting), loopback only"

step "9. A report end to end, through the proxy, from $client_address"
"$py" scripts/production_check.py journey --port "$https_port" --cafile "$work/nginx/tls/fullchain.pem" \
  --source "$client_address" --admin-file "$work/admin.json" --password "$(cat "$work/admin-password")"
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --interface "$client_address" "http://localhost:$http_port/fr/")
echo "plain HTTP answers $redirect"
# What Prometheus reads on the app's machine, with its token: every gunicorn process summed.
metrics=$(curl -s --unix-socket "$run/gunicorn.sock" -H "Host: localhost" \
  -H "Authorization: Bearer $(cat "$etc/secrets/metrics_token")" http://localhost/metrics)
echo "/metrics: $(grep -c '^sanad_' <<<"$metrics") samples; requests timed: $(grep '^sanad_http_request_duration_seconds_count' <<<"$metrics" | awk '{s+=$2} END {print s}');" \
  "$(grep '^sanad_reports_stored' <<<"$metrics"); $(grep -c -F "$client_address" <<<"$metrics" || true) with $client_address"
echo "/metrics without the token: $(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$run/gunicorn.sock" -H 'Host: localhost' http://localhost/metrics)"
sleep 2  # the workers verify the uploaded file's hash

step "10. The logs: the proxy's and the app's, searched for the client's address"
found=0
for log in "$logs"/*.log; do
  lines=$(wc -l <"$log")
  hits=$(grep -c -F "$client_address" "$log" || true)
  found=$((found + hits))
  printf '  %-28s %5s lines, %s with %s\n' "$(basename "$log")" "$lines" "$hits" "$client_address"
done
echo "  a line of the proxy's access log:  $(grep -m1 'POST /fr/report/step/review/' "$logs/sanad.access.log")"
echo "  a line of the app's access log:    $(grep -m1 'POST /fr/report/step/review/' "$logs/web.log")"
echo "  the workers verified the file:     $(cat "$logs"/worker-*.log | grep -c 'verify_evidence state=SUCCESSFUL') verification(s)"
if [ "$found" -ne 0 ]; then
  echo "FAILED: the client's address is in the logs" >&2
  exit 1
fi
echo
echo "PRODUCTION START PASSED in $(( $(date +%s) - started )) s: the production configuration served a report end to end behind nginx, and no log holds the client's address."
