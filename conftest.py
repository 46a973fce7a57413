import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from whitenoise.middleware import WhiteNoiseMiddleware

from sanad.reference import current

# The personas of the back-office, for every app's tests.
pytest_plugins = ["sanad.personas"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (rate-limit buckets live in the database and roll back)."""
    cache.clear()
    yield
    cache.clear()


def _static_configuration(settings: Any) -> tuple[object, ...]:
    names = sorted(name for name in dir(settings) if name.startswith("WHITENOISE_"))
    fixed = ("DEBUG", "STATIC_ROOT", "STATIC_URL", "STATICFILES_DIRS", "FORCE_SCRIPT_NAME")
    return tuple((name, repr(getattr(settings, name, None))) for name in (*fixed, *names))


@pytest.fixture(autouse=True, scope="session")
def _static_files_read_once() -> Iterator[None]:
    """Django's test client loads the middleware anew for every client, and WhiteNoise then reads
    the headers of every static file (about 0.1 s, a third of a short test). Read them once per
    configuration of the static files: the first middleware of each is made for real, the next
    ones start from its copy (collectstatic ran before the suite; nothing changes the files)."""
    made: dict[tuple[object, ...], dict[str, object]] = {}
    real_init = WhiteNoiseMiddleware.__init__

    def init(self: WhiteNoiseMiddleware, get_response: Any = None, settings: Any = django_settings) -> None:
        key = _static_configuration(settings)
        if key not in made:
            real_init(self, get_response, settings)
            made[key] = dict(vars(self))
            return
        vars(self).update(made[key])
        self.get_response = get_response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "__init__", init)
        yield


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
