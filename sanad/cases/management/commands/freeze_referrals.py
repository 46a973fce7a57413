from django.core.management.base import BaseCommand

from sanad.cases.actions import ensure_snapshot
from sanad.cases.models import Referral


class Command(BaseCommand):
    help = (
        "Freeze the referrals sent before referrals carried a snapshot of what was sent (run once after "
        "upgrading; safe to run again). Each is frozen as its case is now, and the freezing is audited."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = 0
        for referral in Referral.objects.filter(snapshot_sealed__isnull=True).iterator():
            ensure_snapshot(referral)
            count += 1
        self.stdout.write(f"{count} referrals frozen")
