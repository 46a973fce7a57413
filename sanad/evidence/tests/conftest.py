from pathlib import Path

import pytest


@pytest.fixture
def evidence_dir(settings, tmp_path) -> Path:
    """An empty evidence storage of this test's own, on disk: where the sealed files land."""
    location = tmp_path / "evidence"
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(location)}},
    }
    return location
