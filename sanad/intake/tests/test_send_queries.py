"""What one "send" costs the database: the statements are pinned, so a change that adds one is seen.

bench/intake.py measures the same request under load (bench/submission_queries.py lists it).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.bare_urls import SUBMISSION_STATEMENTS
from sanad.evidence.tests import samples
from sanad.intake.models import Report

from .conftest import ANSWERS, step_url, upload, walk_wizard

pytestmark = pytest.mark.django_db


def _send(client) -> list[str]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.post(step_url("review"), {"next": ""})
    assert response.status_code == 302 and response["Location"] == "/en/report/sent/"
    return [query["sql"] for query in captured.captured_queries]


def test_a_report_without_files_reads_no_evidence(client):
    walk_wizard(client, ANSWERS)
    statements = _send(client)
    assert not any('FROM "evidence_evidence"' in sql for sql in statements)
    assert not any('"intake_statuschange"' in sql for sql in statements)  # the arrival is the report's own time
    # bench/intake.py's reference view sends as many statements, to price the round trips alone.
    assert len(statements) == SUBMISSION_STATEMENTS
    written = [sql.split('"')[1] for sql in statements if sql.startswith("INSERT")]
    # Rate limit, then one INSERT per table the report fills (Report.status_history needs none).
    assert written == [
        "intake_ratebucket",
        "intake_report",
        "intake_reportcategory",
        "intake_reportplatform",
        "intake_identifier",
        "intake_reportterm",
    ]


def test_a_report_with_files_links_them_in_one_statement(client):
    walk_wizard(client, ANSWERS, files=[upload("a.png", samples.png()), upload("b.pdf", samples.pdf())])
    statements = _send(client)
    assert sum('FROM "evidence_evidence"' in sql for sql in statements) == 1
    links = [sql for sql in statements if sql.startswith('INSERT INTO "intake_report_evidence"')]
    assert len(links) == 1
    assert Report.objects.get().evidence.count() == 2
