"""Views never read a protected object themselves: they ask the gate of its app (`access.py`).

The rule of Zulip's lint (no `Stream.objects.filter` in views) for our models: a view module that
names `Model.objects` for a model holding personal or case data fails here. The gates decide
both who may see the object and in which role, with the same "not found" for missing and
forbidden; a view that fetched the object itself could forget either.
"""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parent.parent / "sanad"
PROTECTED = {
    "Report",
    "ReportDraft",
    "Message",
    "Identifier",
    "Case",
    "CaseReport",
    "Note",
    "Referral",
    "ReferralFile",
    "Evidence",
    "ProtocolRun",
    "Pupil",
    "StepRecord",
    "ParentContact",
    "School",
    "TeamMember",
    "User",
    "AuditEvent",
}


def view_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and (path.name == "views.py" or path.parent.name == "views")
    )


def direct_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id in PROTECTED
        ):
            found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.value.id}.objects")
    return found


def test_views_read_protected_objects_only_through_their_gates():
    assert [read for path in view_modules() for read in direct_reads(path)] == []


def test_the_scan_sees_a_direct_read(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text(
        "from sanad.cases.models import Case\n\ndef view(request, pk):\n    return Case.objects.get(pk=pk)\n"
    )
    assert direct_reads_in(bad) == ["views.py:4 Case.objects"]


def direct_reads_in(path: Path) -> list[str]:
    return [
        f"{path.name}:{node.lineno} {node.value.id}.objects"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute)
        and node.attr == "objects"
        and isinstance(node.value, ast.Name)
        and node.value.id in PROTECTED
    ]
