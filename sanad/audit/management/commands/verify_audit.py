from django.core.management.base import BaseCommand, CommandError

from sanad.audit.log import verify
from sanad.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit log's hash chain; report the first broken link."

    def handle(self, *args: object, **options: object) -> None:
        broken = verify()
        if broken is not None:
            raise CommandError(f"audit chain broken at event #{broken.seq}: {broken.reason}")
        self.stdout.write(f"audit chain intact: {AuditEvent.objects.count()} events")
