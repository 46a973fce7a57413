"""docs/audit-events.md lists every audit action the code writes, and only those."""

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parent.parent
ACTION = re.compile(r"^[a-z_]+\.[a-z_]+$")


def documented() -> set[str]:
    found = set()
    for line in (ROOT / "docs" / "audit-events.md").read_text().splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            found |= set(re.findall(r"`([a-z_]+\.[a-z_]+)`", first_cell))
    return found


def _code() -> list[ast.AST]:
    paths = (ROOT / "sanad").rglob("*.py")
    return [
        ast.parse(path.read_text()) for path in paths if "tests" not in path.parts and "migrations" not in path.parts
    ]


def written() -> set[str]:
    """The actions given as a literal to record(…) (its second argument, or `action=`)."""
    found = set()
    for tree in _code():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name != "record":
                continue
            arguments = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "action")]
            for argument in arguments:
                for constant in ast.walk(argument):  # a literal, or both sides of a conditional
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                        found.add(constant.value)
    return {action for action in found if ACTION.match(action)}


def literals() -> set[str]:
    return {
        node.value
        for tree in _code()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and ACTION.match(node.value)
    }


def test_every_action_written_is_documented():
    assert written() - documented() == set()


def test_every_documented_action_is_in_the_code():
    assert documented() - literals() == set()
