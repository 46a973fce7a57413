from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanad.audit import checkpoints
from sanad.audit.log import verify
from sanad.audit.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Check the audit log's keyed hash chain, and that it still holds every event its signed "
        "checkpoints (outside the database) anchor; report the first broken link."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints",
            dest="copies",
            metavar="PATH",
            action="append",
            type=Path,
            help="a copy of the checkpoints (syslog or e-mail archive) to check against; repeatable. "
            "By default the file sinks of SANAD_AUDIT_CHECKPOINTS.",
        )

    def handle(self, *args: object, copies: list[Path] | None = None, **options: object) -> None:
        anchors = checkpoints.read(copies) if copies else checkpoints.read()
        broken = verify(anchors=anchors)
        if broken is not None:
            raise CommandError(f"audit chain broken at event #{broken.seq}: {broken.reason}")
        count = AuditEvent.objects.count()
        anchored = [anchor for anchor in anchors if anchor.kind == "checkpoint"]
        if count and not anchored:
            raise CommandError(
                f"audit chain of {count} events has no checkpoint outside the database: "
                "run `manage.py audit_checkpoint` (and keep the scheduler running)"
            )
        self.stdout.write(f"audit chain intact: {count} events, {len(anchored)} checkpoints")
