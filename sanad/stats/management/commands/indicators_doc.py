from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from sanad.stats.doc import render


class Command(BaseCommand):
    help = "Write docs/indicators.md from the catalogue of indicators (sanad/stats/catalogue.py)."

    def handle(self, *args: object, **options: object) -> None:
        path = Path(settings.BASE_DIR) / "docs" / "indicators.md"
        path.write_text(render(), encoding="utf-8")
        self.stdout.write(f"Wrote {path}")
