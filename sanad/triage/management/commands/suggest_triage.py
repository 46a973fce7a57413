"""Suggest danger signals, urgency and categories for texts, one JSON object per line.

    echo '{"text": "bghit nmout"}' | python manage.py suggest_triage
    {"urgency": "P0", "signals": ["self_harm"], "categories": []}

It calls exactly what the portal's send calls (sanad.triage.suggestion.suggest), so anyone
can score the assistant on their own texts. A line that is not a JSON object with a
"text" string gets {"error": ...} in its place, and the command ends with status 1.
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sanad.triage.suggestion import suggest


class Command(BaseCommand):
    help = 'Reads {"text": "..."} lines on standard input, writes the triage suggestion for each line.'
    # It reads no data and no keys: it runs on a machine with none configured.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--why", action="store_true", help="also print the rules that matched and their phrases")

    def handle(self, *args: Any, **options: Any) -> None:
        errors = 0
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            text = _text_of(line)
            if text is None:
                errors += 1
                answer: dict[str, object] = {"error": f'line {number}: expected a JSON object with a "text" string'}
            else:
                suggestion = suggest(text)
                answer = suggestion.as_json()
                if options["why"]:
                    answer["why"] = [
                        {
                            "finds": item.finds,
                            "rule": item.rule,
                            "phrases": [text[start:end] for start, end in item.spans],
                        }
                        for item in suggestion.findings
                    ]
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
        if errors:
            raise CommandError(f"{errors} line(s) were not a JSON object with a text", returncode=1)


def _text_of(line: str) -> str | None:
    try:
        found = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(found, dict) or not isinstance(found.get("text"), str):
        return None
    return found["text"]
