#!/usr/bin/env bash
# One image, one role per container: web, worker, scheduler, migrate, erase, verify-audit.
set -euo pipefail
cd /opt/sanad
case "${1:-web}" in
  web)          exec gunicorn -c gunicorn.conf.py sanad.wsgi ;;
  worker)       exec python manage.py run_worker --no-startup-delay ;;
  scheduler)    exec python manage.py run_schedule ;;
  migrate)      exec python manage.py migrate --no-input ;;
  erase)        exec python manage.py erase_expired ;;
  verify-audit) exec python manage.py verify_audit ;;
  *)            exec "$@" ;;
esac
