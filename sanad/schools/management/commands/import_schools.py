"""`manage.py import_schools FILE [--check]`: schools from a CSV file, all rows or none.

Prints the report (every refused line with its reasons) and exits with code 1 when the
file or any row is refused. `--check` validates without writing. Columns and accepted
values: docs/import-csv.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from sanad.schools import imports


class ImportCommand(BaseCommand):
    kind = imports.SCHOOLS

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8, comma or semicolon separated)")
        parser.add_argument("--check", action="store_true", help="validate and print the report; write nothing")

    def handle(self, *args: object, file: Path, check: bool = False, **options: object) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        # The server's operators read English, as in the other commands.
        with translation.override("en"):
            report = imports.check(self.kind, data) if check else imports.run_import(self.kind, data, by=None)
            for line in report.text():
                self.stdout.write(line)
        if not report.ok:
            raise CommandError("file refused" if report.problem else f"{len(report.refused)} line(s) refused")


class Command(ImportCommand):
    help = "Import schools from a CSV file (code,name,region,province,level); nothing is written if a row is refused."
