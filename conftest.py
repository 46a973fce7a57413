import json
from collections.abc import Callable, Iterator

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection

from sanad.reference import current

# The personas of the back-office, for every app's tests.
pytest_plugins = ["sanad.personas"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (rate-limit buckets live in the database and roll back)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Staff personas are made for every test; the production hasher's cost is no test's subject.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path):
    """Each test anchors its audit chain in its own file: checkpoints of another test's chain
    would make this one look cut short."""
    settings.SANAD_AUDIT_CHECKPOINTS = [f"file:{tmp_path / 'audit-checkpoints.jsonl'}"]


def stored_values() -> Iterator[tuple[str, str, bytes]]:
    """Every value of every column of every table, as bytes, and what the sessions hold decoded."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            # The table name comes from the database's own catalogue, not from input.
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    yield table, column, _as_bytes(value)
    for session in Session.objects.all():
        yield "django_session (decoded)", "session_data", json.dumps(session.get_decoded()).encode()


def _as_bytes(value: object) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value).encode()
    return str(value).encode()


@pytest.fixture
def find_in_database() -> Callable[[bytes], list[tuple[str, str]]]:
    """Where (table, column) the database holds these bytes, anywhere."""

    def find(needle: bytes) -> list[tuple[str, str]]:
        return sorted({(table, column) for table, column, value in stored_values() if needle in value})

    return find


@pytest.fixture(autouse=True)
def _fresh_reference_data():
    """Each process keeps a copy of the reference data; a test's rows roll back with it."""
    current.forget()
    yield
    current.forget()
