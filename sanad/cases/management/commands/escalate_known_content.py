from django.core.management.base import BaseCommand

from sanad.cases.actions import escalate_known_content


class Command(BaseCommand):
    help = (
        "Raise open cases and waiting reports that hold a file on a known-content hash list to "
        "SANAD_KNOWN_CONTENT_URGENCY at once (the scheduler does it every SANAD_PICKUP_SECONDS), e.g. after importing a list."
    )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{escalate_known_content()} cases raised")
