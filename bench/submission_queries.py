"""The SQL of one report submission (the wizard's final "send" POST), counted in-process.

Walks the wizard with Django's test client against the configured database, then captures
every query of the send. Run by bench/intake.py with its environment; alone:
    scripts/with-postgres.sh sh -c '.venv/bin/python manage.py migrate -v0 && \
        .venv/bin/python manage.py collectstatic --no-input -v0 && \
        .venv/bin/python bench/submission_queries.py'
(it writes one draft, one session and one report into that database).
"""

import os
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

# Replace this folder on the path: bench/queue.py would shadow the standard library's queue.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare_settings")
warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic here

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.wizard_answers import STEP_ANSWERS  # noqa: E402

PREFIX = "/fr/report/step/"


def _shape(sql: str) -> str:
    """One line per query, values elided, long column lists shortened."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql, count=1)
    sql = re.sub(r"\(([^()]*,){3,}[^()]*\)", "(…)", sql)
    return sql[:150]


def main() -> None:
    address = os.environ.get("BENCH_CLIENT_ADDRESS", "10.99.0.1")
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_FOR=address, REMOTE_ADDR="127.0.0.1")
    for slug, answers in STEP_ANSWERS:
        response = client.post(PREFIX + slug + "/", answers)
        assert response.status_code == 302, (slug, response.status_code)
    # The GET of the review page, as a browser does before pressing "send".
    client.get(PREFIX + "review/")
    with CaptureQueriesContext(connection) as captured:
        response = client.post(PREFIX + "review/", {"next": ""})
    assert response.status_code == 302 and response["Location"] == "/fr/report/sent/", response
    shapes = [_shape(query["sql"]) for query in captured.captured_queries]
    print(f"queries in one submission (send POST): {len(shapes)}")
    for shape, count in Counter(shapes).items():
        print(f"  {count} × {shape}")


if __name__ == "__main__":
    main()
