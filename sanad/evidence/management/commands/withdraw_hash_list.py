from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanad.evidence import hash_lists
from sanad.evidence.models import HashList


class Command(BaseCommand):
    help = "Withdraw a known-content hash list: it matches nothing more, and files only it made known are shown again (blurred)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")

    def handle(self, *args: object, **options: object) -> None:
        try:
            hash_list = hash_lists.withdraw_list(str(options["name"]))
        except HashList.DoesNotExist:
            raise CommandError(f"no hash list named {options['name']!r}") from None
        self.stdout.write(f"{hash_list.name} (version {hash_list.version}) withdrawn")
