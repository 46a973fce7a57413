from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sanad.operations import erasure, retention


class Command(BaseCommand):
    help = (
        "Erase what retention says has expired (docs/retention.md): unfinished drafts, then files, messages, "
        "national cases and school cases past their period, except those under a legal hold. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list what is due, erase nothing")

    def handle(self, *args: object, dry_run: bool = False, **options: object) -> None:
        now = timezone.now()
        if dry_run:
            for item in retention.due(now):
                held = " (held: kept)" if item.held else ""
                self.stdout.write(
                    f"{item.what} {item.reference} closed {item.closed_at:%Y-%m-%d}, due {item.erase_at:%Y-%m-%d}{held}"
                )
            return
        summary = erasure.erase_expired(now)
        done = ", ".join(f"{count} {what}" for what, count in sorted(summary.erased.items())) or "nothing"
        self.stdout.write(f"erased: {done}; kept by a hold: {summary.skipped_held}; failed: {summary.failed}")
        if summary.failed:
            self.stderr.write("Some erasures failed (see the log); they are tried again at the next run.")
            raise SystemExit(1)
