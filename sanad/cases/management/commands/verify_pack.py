"""Check an evidence pack (a ZIP archive we sent with a referral) against our records.

    python manage.py verify_pack sanad-C-XXXXXXXX-police-12.zip

Prints "intact" and the referral it belongs to, or each problem found; exits with 1 when
the archive is not intact, so scripts can rely on the exit code.
"""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from sanad.cases import pack


class Command(BaseCommand):
    help = "Check an evidence pack against the records: its SHA-256, each entry, each file's capture hash."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the ZIP archive to check")

    def handle(self, *args: object, path: Path, **options: object) -> None:
        try:
            archive = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        # One language for logs and scripts, whatever the deployment's default.
        with translation.override("en"):
            # The operator at the command line holds the whole database: every referral is theirs to check.
            result = pack.verify_pack(archive, may_see=lambda referral: True)
            self.stdout.write(f"sha256 {hashlib.sha256(archive).hexdigest()}")
            if result.referral is not None:
                referral = result.referral
                self.stdout.write(
                    f"referral {referral.pk} of case {referral.case.reference} "
                    f"to {referral.organisation.name} ({referral.target}), sent {referral.sent_at.isoformat()}"
                )
            if result.intact:
                self.stdout.write(self.style.SUCCESS("intact"))
                return
            for problem in result.problems:
                self.stdout.write(self.style.ERROR(f"problem: {problem}"))
        raise CommandError("not intact", returncode=1)
