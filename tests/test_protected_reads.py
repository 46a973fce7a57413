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
    "Notification",
    "KnownRelease",
    "AuditEvent",
    "Notice",
    "ApiToken",
    "WebhookEndpoint",
    "Delivery",
    "IdempotentAnswer",
}

SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def view_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and (path.name == "views.py" or path.parent.name == "views")
    )


def direct_reads(path: Path) -> list[str]:
    """`Model.objects` and `get_object_or_404(Model, ...)` for a protected model."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            named = node.value
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in SHORTCUTS and node.args:
            named = node.args[0]
        else:
            continue
        if isinstance(named, ast.Name) and named.id in PROTECTED:
            found.append(f"{path.name}:{node.lineno} {named.id}")
    return found


def test_views_read_protected_objects_only_through_their_gates():
    assert [f"{path.relative_to(ROOT.parent)} {read}" for path in view_modules() for read in direct_reads(path)] == []


def test_the_scan_sees_a_direct_read(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text(
        "from sanad.cases.models import Case\n\ndef view(request, pk):\n    return Case.objects.get(pk=pk)\n"
    )
    assert direct_reads(bad) == ["views.py:4 Case"]


def test_the_scan_sees_a_shortcut(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text(
        "from django.shortcuts import get_object_or_404\n"
        "from sanad.intake.models import Report\n\n"
        "def view(request, pk):\n    return get_object_or_404(Report, pk=pk)\n"
    )
    assert direct_reads(bad) == ["views.py:5 Report"]
