from datetime import date
from pathlib import Path
from typing import cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sanad.evidence import hash_lists


class Command(BaseCommand):
    help = (
        "Import a known-content hash list (a new version of it if it exists): CSV with the columns "
        "signal_type,value[,category], or a ThreatExchange/HMA signal file (one 'signal_type value' a line). "
        "Every analysed file is matched against it at once. See docs/evidence.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the list's name, e.g. NCMEC_MD5 or PARTNER_PDQ")
        parser.add_argument("path", help="the file to read")
        parser.add_argument("--format", choices=hash_lists.FORMATS, default="csv")
        parser.add_argument("--source", required=True, help="who shares the list")
        parser.add_argument("--category", required=True, help="what the content is, in the source's words")
        parser.add_argument(
            "--date", type=date.fromisoformat, default=None, help="the list's date (YYYY-MM-DD; today if left out)"
        )
        parser.add_argument("--only-add", action="store_true", help="add entries, remove none (a delta)")

    def handle(self, *args: object, **options: object) -> None:
        try:
            text = Path(str(options["path"])).read_text(encoding="utf-8-sig")
            signals = hash_lists.parse(text, str(options["format"]))
        except (OSError, UnicodeDecodeError, hash_lists.BadHashListFile) as error:
            raise CommandError(str(error)) from None
        hash_list = hash_lists.import_list(
            str(options["name"]),
            signals,
            source=str(options["source"]),
            category=str(options["category"]),
            listed_on=cast(date | None, options["date"]) or timezone.localdate(),  # --date: date.fromisoformat
            only_add=bool(options["only_add"]),
        )
        live = hash_list.entries.filter(removed_in__isnull=True).count()
        self.stdout.write(f"{hash_list.name} version {hash_list.version}: {live} hashes in force")
        self.stdout.write("Now run `manage.py escalate_known_content` to raise the cases holding known files.")
