#!/usr/bin/env bash
# Installs what Sanad needs on a fresh Debian machine, idempotently:
#   scripts/bootstrap.sh runtime   Debian libraries + .venv with the runtime dependencies
#   scripts/bootstrap.sh dev       the same + PostgreSQL, Chromium and the test tools
# Only Debian's packages and PyPI are used: never a downloaded browser or binary.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"

# libpango: WeasyPrint lays out the evidence-pack PDFs (Arabic shaping) with it.
# ffmpeg: ffprobe checks uploaded audio and video, ffmpeg decodes video keyframes (hashes, thumbnails).
# tesseract-ocr with ara, fra, eng: the text of screenshots. g++ and python3-dev build pdqhash.
# postgresql-client and rsync: the nightly backup (scripts/backup.sh).
debs=(gettext libmagic1 libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-dejavu-core python3-venv
  ffmpeg tesseract-ocr tesseract-ocr-ara tesseract-ocr-fra tesseract-ocr-eng g++ python3-dev postgresql-client rsync)
if [ "$profile" = dev ]; then
  # nginx and openssl: the tests check deploy/nginx/sanad.conf with `nginx -t`.
  debs+=(postgresql chromium nginx openssl)
fi

missing=()
for pkg in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
requirements=requirements.txt
[ "$profile" = dev ] && requirements=requirements-dev.txt
stamp=".venv/.installed-$profile"
if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi

# Translations are compiled from the committed .po catalogues.
if compgen -G "sanad/locale/*/LC_MESSAGES/django.po" >/dev/null; then
  .venv/bin/python manage.py compilemessages --ignore=.venv >/dev/null
fi
