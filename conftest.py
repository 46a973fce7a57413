import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit buckets live in the cache: each test starts with none."""
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
