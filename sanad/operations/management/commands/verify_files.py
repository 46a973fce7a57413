from django.core.management.base import BaseCommand, CommandError

from sanad.operations.file_check import check_files


class Command(BaseCommand):
    help = (
        "Read back every sealed evidence file and pack and compare each with the hash recorded when it was "
        "made (after a restore, a move to another store, or a doubt). Exit code 1 on any difference."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = check_files()
        for problem in result.problems:
            self.stderr.write(problem)
        summary = (
            f"{result.files_matching} of {result.files} files and {result.packs_matching} of {result.packs} packs "
            "match their recorded hashes"
        )
        if not result.intact:
            raise CommandError(summary)
        self.stdout.write(summary)
