from django.core.management.base import BaseCommand

from sanad.stats import refresh


class Command(BaseCommand):
    help = "Rebuild the statistics' aggregate tables now (the worker does it on its schedule)."

    def handle(self, *args: object, **options: object) -> None:
        done = refresh.refresh_all()
        self.stdout.write(f"Figures rebuilt in {done.seconds:.1f} s")
