import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "configuration.md"


@pytest.fixture(scope="module")
def read_by_settings() -> set[str]:
    """The variables the settings module reads, loaded fresh in its own process."""
    script = "import json, sanad.settings; from sanad.lib.env import READ; print(json.dumps(sorted(READ)))"
    output = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, text=True)
    return {name for name in json.loads(output.stdout) if name.startswith("SANAD_")}


def documented() -> set[str]:
    return set(re.findall(r"`(SANAD_[A-Z_]+)`", DOC.read_text()))


def test_every_environment_variable_is_documented(read_by_settings):
    assert read_by_settings, "the settings read no variables through sanad.lib.env"
    assert read_by_settings - documented() == set(), "document these in docs/configuration.md"


def test_the_documentation_names_no_variable_the_settings_do_not_read(read_by_settings):
    assert documented() - read_by_settings == set()
