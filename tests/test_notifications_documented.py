"""docs/notifications.md lists every kind of notification the code can send, and no other."""

import re
from pathlib import Path

import pytest

from sanad.audit.notify import KINDS

pytestmark = pytest.mark.smoke
DOC = Path(__file__).resolve().parent.parent / "docs" / "notifications.md"


def documented() -> set[str]:
    return set(re.findall(r"^\| `([a-z0-9_]+)` \|", DOC.read_text(), flags=re.MULTILINE))


def test_every_kind_is_documented_and_nothing_else():
    assert documented() == set(KINDS)


def test_every_kind_is_sent_somewhere():
    """A kind nobody sends is a stale line of the table (or a notification that was forgotten)."""
    sources = "".join(
        path.read_text() for path in (DOC.parent.parent / "sanad").rglob("*.py") if "tests" not in path.parts
    )
    for kind in KINDS:
        assert f'kind="{kind}"' in sources or f'"{kind}"' in sources.replace(f'"{kind}": _(', ""), kind
