"""No Django signals for the domain's flow: one app asks another by a call in the allowed
direction, or by reading its state (STYLE.md). A signal hides the one edge the import graph and
a reader cannot see."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke
ROOT = Path(__file__).resolve().parent.parent / "sanad"


def signal_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("django.dispatch"):
            found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} imports {node.module}")
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("django.db.models.signals"):
            found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} imports {node.module}")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"connect", "send"}
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in {"post_save", "pre_save", "post_delete", "pre_delete", "m2m_changed"}
        ):
            found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.value.attr}.{node.attr}")
    return found


def test_no_signal_anywhere_under_sanad():
    assert [use for path in sorted(ROOT.rglob("*.py")) for use in signal_uses(path)] == []


def test_the_scan_sees_a_signal(tmp_path):
    sneaky = ROOT / "cases" / "_sneaky_for_test.py"
    try:
        sneaky.write_text("from django.dispatch import Signal\nescalated = Signal()\n")
        assert signal_uses(sneaky) == ["sanad/cases/_sneaky_for_test.py:1 imports django.dispatch"]
    finally:
        sneaky.unlink()
