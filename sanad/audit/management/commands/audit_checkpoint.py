from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanad.audit import keys
from sanad.audit.log import acknowledge_restore, write_checkpoint


class Command(BaseCommand):
    help = (
        "Write a signed checkpoint of the audit chain's head to every sink of SANAD_AUDIT_CHECKPOINTS "
        "(the scheduler does it regularly). --after-restore records that a restore from backup ended "
        "the chain at the restored head. --public-key prints the key that checks the signatures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--after-restore", metavar="REASON", help="acknowledge a restore from backup, with why")
        parser.add_argument("--public-key", action="store_true", help="print the checkpoints' public key and exit")

    def handle(
        self, *args: object, after_restore: str | None = None, public_key: bool = False, **options: object
    ) -> None:
        if public_key:
            self.stdout.write(keys.public_key_text())
            return
        if after_restore is not None:
            if not after_restore.strip():
                raise CommandError("--after-restore needs a reason")
            record = acknowledge_restore(after_restore)
            self.stdout.write(f"restore recorded: the chain now ends at event #{record.seq}")
            return
        checkpoint = write_checkpoint()
        if checkpoint is None:
            self.stdout.write("audit log empty: nothing to anchor")
        else:
            self.stdout.write(f"checkpoint written: event #{checkpoint.seq} {checkpoint.hash}")
