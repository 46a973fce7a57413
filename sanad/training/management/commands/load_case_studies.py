from django.core.management.base import BaseCommand

from sanad.training.loading import load_library


class Command(BaseCommand):
    help = "Install or update the case studies and question sets shipped with Sanad (safe to run again)."

    def handle(self, *args: object, **options: object) -> None:
        loaded = load_library()
        self.stdout.write(
            f"Case studies: {loaded.created} new, {loaded.updated} updated, {loaded.unchanged} unchanged."
        )
