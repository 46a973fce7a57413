from django.core.management.base import BaseCommand

from sanad.intake import ratelimit
from sanad.intake.actions import purge_drafts


class Command(BaseCommand):
    help = (
        "Delete unfinished drafts past SANAD_DRAFT_LIFETIME, receipts past their display time "
        "and rate-limit buckets past their window (run from cron)."
    )

    def handle(self, *args: object, **options: object) -> None:
        drafts, buckets = purge_drafts(), ratelimit.purge_expired()
        self.stdout.write(f"{drafts} drafts purged, {buckets} expired rate-limit buckets deleted")
