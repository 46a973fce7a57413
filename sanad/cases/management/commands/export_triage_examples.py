"""Write the analysts' answers to the triage assistant as labelled examples, one JSON line each.

    python manage.py export_triage_examples --output /secure/place/examples.jsonl
    .venv/bin/python bench/triage.py --examples /secure/place/examples.jsonl

A line holds the report's words (decrypted) and what the analyst said they show: the urgency
they call for, the danger signals and the categories, with what the assistant had suggested.
That is the format of the development set and of `suggest_triage`, so the examples score the
assistant and show which rules to write (docs/triage-assistant.md). The file is personal data:
it stays on the centre's machines and never goes into the repository. The export is audited.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sanad.audit.log import record
from sanad.cases.models import TriageReview


class Command(BaseCommand):
    help = "Write the analysts' reviews of the triage assistant as labelled examples (JSON lines, with the text)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, required=True, help="the file to write (it must not exist)")

    def handle(self, *args: object, output: Path, **options: object) -> None:
        try:
            handle = output.open("x", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot create {output}: {error.strerror}") from None
        count = 0
        with handle:
            for review in TriageReview.objects.select_related("report").order_by("reviewed_at", "pk").iterator():
                example = {
                    "text": review.report.description,
                    "urgency": review.urgency,
                    "signals": review.signals,
                    "categories": review.categories,
                    "suggested": review.suggested,
                    "engine": review.engine,
                    "reviewed_at": review.reviewed_at.isoformat(),
                }
                handle.write(json.dumps(example, ensure_ascii=False) + "\n")
                count += 1
        record(None, "triage.examples_exported", count=count)
        self.stdout.write(f"{count} example(s) written to {output}")
