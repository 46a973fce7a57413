"""record() appends events linked by hashes; verify() finds the first broken link."""

import pytest

from sanad.accounts.models import Organisation, User
from sanad.audit.log import record, verify
from sanad.audit.models import AuditEvent, AuditHead
from sanad.audit.tests.tampering import change_action_and_rehash, change_detail, delete_event

pytestmark = pytest.mark.django_db
GENESIS = "0" * 64


@pytest.fixture
def analyst(db):
    centre = Organisation.objects.create(name="Centre (test)", kind=Organisation.Kind.CENTRE)
    return User.objects.create(username="analyst", organisation=centre, role=User.Role.ANALYST)


def test_each_event_carries_the_hash_of_the_one_before(analyst):
    first = record(None, "system.started")
    second = record(analyst, "case.opened", object_type="case", object_id=7, report=3, urgency="P1")
    third = record(analyst, "case.assigned", object_type="case", object_id=7, old=None, new=analyst.pk)

    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3
    stored = AuditEvent.objects.get(seq=2)
    assert stored.hash == stored.compute_hash()
    assert (stored.actor_name, stored.role, stored.object_id) == ("analyst", "analyst", "7")
    assert stored.detail == {"report": 3, "urgency": "P1"}
    assert "new" in third.detail
    assert "old" not in third.detail  # None values are left out
    head = AuditHead.objects.get()
    assert (head.last_seq, head.last_hash) == (3, third.hash)


def test_an_intact_chain_verifies(analyst):
    for n in range(5):
        record(analyst, "case.viewed", object_type="case", object_id=n)
    assert verify() is None


def test_an_empty_log_verifies(db):
    assert verify() is None


def test_a_changed_detail_breaks_the_chain_at_that_event(analyst):
    for n in range(5):
        record(analyst, "case.viewed", object_type="case", object_id=n, n=n)
    change_detail(3, '{"n": 99}')
    broken = verify()
    assert broken is not None
    assert (broken.seq, broken.reason) == (3, "content was changed")


def test_a_recomputed_hash_still_breaks_the_next_link(analyst):
    for n in range(4):
        record(analyst, "case.viewed", object_type="case", object_id=n)
    event = AuditEvent.objects.get(seq=2)
    event.action = "case.closed"
    change_action_and_rehash(2, event.action, event.compute_hash())
    broken = verify()
    assert (broken.seq, broken.reason) == (3, "link to the previous event does not match")


def test_a_removed_event_is_reported_missing(analyst):
    for n in range(5):
        record(analyst, "case.viewed", object_type="case", object_id=n)
    delete_event(4)
    broken = verify()
    assert (broken.seq, broken.reason) == (4, "missing event")


def test_a_removed_last_event_is_reported(analyst):
    for n in range(3):
        record(analyst, "case.viewed", object_type="case", object_id=n)
    delete_event(3)
    broken = verify()
    assert (broken.seq, broken.reason) == (3, "events missing at the end of the chain")
