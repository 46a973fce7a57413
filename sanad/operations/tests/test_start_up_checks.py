"""The app refuses to start without compiled translation catalogues, or with a retention period
for an outcome that does not exist."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "SANAD_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    subprocess.run(
        [sys.executable, "manage.py", "generate_keys"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "SANAD_VAR_DIR": str(tmp_path)},
        check=True,
        capture_output=True,
    )
    return tmp_path


def test_an_unknown_outcome_in_the_retention_stops_the_app(keys):
    result = check(keys, SANAD_RETENTION="report:730d,report.forgotten:1d,evidence:365d,message:365d,school_case:1095d")
    assert result.returncode != 0
    assert "sanad.E005" in result.stderr and "forgotten" in result.stderr


def test_uncompiled_catalogues_stop_the_app(keys, tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(ROOT / "sanad" / "locale", locale, ignore=shutil.ignore_patterns("*.mo"))
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'sanad.settings'); django.setup();"
        "from django.conf import settings; from django.core.checks import run_checks;"
        f"settings.LOCALE_PATHS = [{str(locale)!r}];"
        "print([m.id for m in run_checks()])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "SANAD_VAR_DIR": str(keys)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "sanad.E004" in result.stdout
