import base64
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Write fresh keys under var/secrets/ (the demo's), leaving existing ones alone."
    requires_system_checks: list[str] = []

    def handle(self, *args: object, **options: object) -> None:
        directory = Path(settings.SECRETS_DIR)
        directory.mkdir(parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
        kek = "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
        for filename, value in {
            "kek": kek,
            "index_key": secrets.token_urlsafe(48),
            "audit_key": secrets.token_urlsafe(48),
            "secret_key": secrets.token_urlsafe(48),
        }.items():
            path = directory / filename
            if path.exists():
                continue
            path.write_text(value + "\n")
            os.chmod(path, 0o600)
            self.stdout.write(f"wrote {path}")
