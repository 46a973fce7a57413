#!/usr/bin/env bash
# The nightly backup (docs/backup.md), run by deploy/systemd/sanad-backup.timer as the sanad user:
#   - the database: pg_dump in PostgreSQL's custom format, one dated file a night;
#   - the sealed files (SANAD_EVIDENCE_STORAGE=file): a dated copy where unchanged files are hard
#     links to the previous night's, so each night is complete and costs only what changed.
# Never the keys: they are backed up apart, by hand, once (docs/backup.md). Copies older than
# SANAD_BACKUP_KEEP_DAYS go: erased data leaves the backups within that time.
#   SANAD_BACKUP_DIR       where to write (default /var/backups/sanad); ship it off the machine
#   SANAD_BACKUP_KEEP_DAYS how many days to keep (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${SANAD_BACKUP_DIR:-/var/backups/sanad}"
keep="${SANAD_BACKUP_KEEP_DAYS:-30}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
: "${SANAD_DATABASE_URL:?SANAD_DATABASE_URL must name the PostgreSQL database}"
umask 077
mkdir -p "$dest/database" "$dest/files"

# pg_dump takes a consistent snapshot while the app runs; libpq reads the postgres:// URL itself.
pg_dump --format=custom --compress=6 --file="$dest/database/sanad-$stamp.dump.partial" "$SANAD_DATABASE_URL"
mv "$dest/database/sanad-$stamp.dump.partial" "$dest/database/sanad-$stamp.dump"

storage="${SANAD_EVIDENCE_STORAGE:-file}"
if [ "$storage" = file ]; then
  source_dir="${SANAD_EVIDENCE_DIR:-${SANAD_VAR_DIR:-var}/evidence}"
  mkdir -p "$source_dir"
  link=()
  [ -d "$dest/files/latest" ] && link=(--link-dest="$dest/files/latest")
  rsync -a --delete "${link[@]}" "$source_dir/" "$dest/files/$stamp/"
  ln -sfn "$stamp" "$dest/files/latest"
else
  echo "evidence is in the object store: its replication or versioning backs it up (docs/backup.md)"
fi

# Keep SANAD_BACKUP_KEEP_DAYS days, never the newest.
find "$dest/database" -name 'sanad-*.dump' -mtime "+$keep" -delete
find "$dest/files" -mindepth 1 -maxdepth 1 -type d -mtime "+$keep" ! -name "$stamp" -exec rm -rf {} +

echo "backup $stamp: database $(du -sh "$dest/database/sanad-$stamp.dump" | cut -f1)," \
  "sealed files $(du -sh "$dest/files" | cut -f1) in all"
