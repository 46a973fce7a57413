import re
from pathlib import Path

import pytest
from django.conf import settings

from sanad.lib import env

pytestmark = pytest.mark.smoke

DOC = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_every_environment_variable_is_documented():
    assert settings.configured
    documented = set(re.findall(r"`(SANAD_[A-Z_]+)`", DOC.read_text()))
    read = {name for name in env.READ if name.startswith("SANAD_")}
    assert read, "the settings read no variables through sanad.lib.env"
    assert read - documented == set(), "document these in docs/configuration.md"


def test_the_documentation_names_no_variable_the_settings_do_not_read():
    documented = set(re.findall(r"`(SANAD_[A-Z_]+)`", DOC.read_text()))
    read = {name for name in env.READ if name.startswith("SANAD_")}
    assert documented - read == set()
