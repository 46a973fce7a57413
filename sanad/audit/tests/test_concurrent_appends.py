"""Appends from many connections at once still make one chain: the head row is locked."""

import threading

import pytest
from django.db import connection

from sanad.audit.log import record, verify
from sanad.audit.models import AuditEvent

WRITERS = 6
EACH = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_a_single_chain():
    if connection.vendor != "postgresql":
        pytest.skip("row locking is what is tested; SQLite serialises whole-database writes")
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            start.wait()
            for n in range(EACH):
                record(None, "test.append", object_type="writer", object_id=writer, n=n)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, WRITERS * EACH + 1))
    assert verify() is None
