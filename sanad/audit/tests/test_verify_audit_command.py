"""`manage.py verify_audit` names the first broken event, or counts an intact chain."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sanad.audit.log import record
from sanad.audit.tests.tampering import change_detail, delete_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_events(db):
    for n in range(1, 11):
        record(None, "case.viewed", object_type="case", object_id=n, n=n)


def test_an_intact_chain_is_counted(ten_events):
    out = io.StringIO()
    call_command("audit_checkpoint", stdout=io.StringIO())
    call_command("verify_audit", stdout=out)
    assert out.getvalue().strip() == "audit chain intact: 10 events, 1 checkpoints"


def test_a_detail_changed_in_sql_is_named_by_its_seq(ten_events):
    change_detail(6, '{"n": 1000}')
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit")
    assert str(failure.value) == "audit chain broken at event #6: content was changed"


def test_a_deleted_middle_event_is_reported_missing_at_its_seq(ten_events):
    delete_event(5)
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit")
    assert str(failure.value) == "audit chain broken at event #5: missing event"
