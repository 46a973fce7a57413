"""A word that only a screenshot holds finds its report, in each script: the portal seals the file,
the worker reads it, intake indexes its words, the queue's search finds the report."""

import pytest
from django.test import Client

from sanad.cases.tests.test_queue_search import search
from sanad.evidence.tests import samples
from sanad.evidence.tests.test_ocr import CHATS
from sanad.intake.models import Report
from sanad.intake.tests.conftest import ANSWERS, step_url, upload, walk_wizard

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("messages", "word"), CHATS.values(), ids=CHATS.keys())
def test_search_finds_the_report_by_a_word_of_its_screenshot(
    analyst, sign_in, django_capture_on_commit_callbacks, messages, word
):
    reporter = Client()
    # The worker's tasks run after the commits, as the task backend runs them.
    with django_capture_on_commit_callbacks(execute=True):
        walk_wizard(reporter, ANSWERS, files=[upload("capture.png", samples.chat_screenshot(messages))])
        assert reporter.post(step_url("review"), {"next": ""}).status_code == 302
    report = Report.objects.get()
    assert word not in report.description
    assert search(sign_in(analyst), word) == [report.reference]
