from django.core.management.base import BaseCommand

from sanad.intake.actions import purge_drafts


class Command(BaseCommand):
    help = "Delete unfinished drafts past SANAD_DRAFT_LIFETIME and receipts past their display time (run from cron)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{purge_drafts()} drafts purged")
