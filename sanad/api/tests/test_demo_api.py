"""The demo prints a working token of the demo platform, with notices in various states."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from sanad.cases.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path


def demo_api() -> str:
    out = io.StringIO()
    call_command("demo_api", stdout=out)
    return out.getvalue()


def test_the_printed_token_reads_the_demo_notices_and_a_second_run_changes_nothing():
    call_command("demo_staff", stdout=io.StringIO())
    printed = demo_api()
    secret = re.search(r"token \(notices:read notices:answer\): (\S+)", printed).group(1)
    states = sorted(Notice.objects.values_list("state", flat=True))
    assert states == ["expired", "refused", "removed", "restricted", "sent"]
    assert demo_api() == printed and Notice.objects.count() == 5
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/notices")
    assert answer.status_code == 200 and len(answer.json()) == 5


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="SANAD_DEBUG"):
        demo_api()
