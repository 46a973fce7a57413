"""manage.py suggest_triage: JSON lines in, the app's own suggestion out."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from sanad.triage.suggestion import suggest

pytestmark = pytest.mark.smoke


def run(lines: list[str], *args: str) -> list[dict]:
    out = io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO("\n".join(lines) + "\n")
    try:
        call_command("suggest_triage", *args, stdout=out)
    finally:
        sys.stdin = stdin
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_answer_per_line_as_the_app_suggests():
    texts = ["bghit nmout", "il me traite de connard tous les jours", "rien de grave"]
    answers = run([json.dumps({"text": text}, ensure_ascii=False) for text in texts])
    assert answers == [suggest(text).as_json() for text in texts]
    assert answers[0] == {"urgency": "P0", "signals": ["self_harm"], "categories": []}


def test_why_names_the_rules_and_their_phrases():
    [answer] = run([json.dumps({"text": "je veux mourir"})], "--why")
    assert answer["why"] == [{"finds": "self_harm", "rule": "want to die", "phrases": ["veux mourir"]}]


def test_a_bad_line_gets_an_error_and_the_others_are_still_answered():
    lines = ["not json", json.dumps({"texte": "x"}), json.dumps({"text": "je veux mourir"})]
    out = io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO("\n".join(lines) + "\n")
    try:
        with pytest.raises(CommandError):
            call_command("suggest_triage", stdout=out)
    finally:
        sys.stdin = stdin
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [("error" in answer) for answer in answers] == [True, True, False]
    assert answers[2]["signals"] == ["self_harm"]
