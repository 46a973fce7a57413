"""The one-way import graph of docs/architecture.md holds."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parent.parent / "sanad"
ALLOWED = {
    "lib": set(),
    "reference": {"lib"},
    "accounts": {"audit", "lib"},
    "audit": {"lib"},
    "evidence": {"audit", "accounts", "lib"},
    "triage": {"lib"},
    "intake": {"reference", "triage", "evidence", "audit", "accounts", "lib"},
    "schools": {"reference", "evidence", "audit", "accounts", "lib"},
    "cases": {"reference", "intake", "schools", "triage", "evidence", "audit", "accounts", "lib"},
    # Training reads the real screens' partials and scoring inputs; nothing imports training.
    "training": {"reference", "cases", "intake", "schools", "triage", "audit", "accounts", "lib"},
    "operations": {"reference", "cases", "intake", "schools", "triage", "evidence", "audit", "accounts", "lib"},
    "stats": {"lib", "reference", "accounts", "audit", "evidence", "triage", "intake", "schools", "cases"},
    "api": {"lib", "reference", "accounts", "audit", "evidence", "triage", "intake", "schools", "cases"},
}
# The project package itself (settings, urls) wires the apps together.
PROJECT_MODULES = {
    "settings",
    "urls",
    "wsgi",
    "asgi",
    "conftest",
    "testing",
    "personas",
    "formats",
    "templates",
    "static",
    "locale",
}


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "sanad" and len(parts) > 1 and parts[1] not in PROJECT_MODULES:
                found.add(parts[1])
    return found


def violations() -> list[str]:
    problems = []
    for app_dir in sorted(p for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        app = app_dir.name
        if app in PROJECT_MODULES:
            continue
        if app not in ALLOWED:
            problems.append(f"{app}: not in the allowed graph (add it to docs/architecture.md and this test)")
            continue
        for path in app_dir.rglob("*.py"):
            if "tests" in path.parts:
                continue
            for imported in imports_of(path) - {app} - ALLOWED[app]:
                problems.append(f"{path.relative_to(ROOT.parent)} imports sanad.{imported}")
    return problems


def test_apps_import_only_what_the_architecture_allows():
    assert violations() == []


def test_the_guard_sees_triage_reach_for_the_portal(tmp_path, monkeypatch):
    app = tmp_path / "sanad" / "triage"
    app.mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "bad.py").write_text("from sanad.intake.models import Report\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path / "sanad")
    assert violations() == ["sanad/triage/bad.py imports sanad.intake"]


def test_the_guard_sees_a_forbidden_import(tmp_path, monkeypatch):
    app = tmp_path / "sanad" / "intake"
    app.mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "bad.py").write_text("from sanad.cases.models import Case\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path / "sanad")
    assert violations() == ["sanad/intake/bad.py imports sanad.cases"]
