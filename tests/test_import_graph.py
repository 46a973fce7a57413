"""The one-way import graph of docs/architecture.md holds."""

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parent.parent / "sanad"
DOC = ROOT.parent / "docs" / "architecture.md"


def allowed_graph(text: str) -> dict[str, set[str]]:
    """The graph as docs/architecture.md states it, under "Allowed imports": `app -> a, b`,
    `-> nothing of ours`, `-> any domain app` (every app of the list not in "nothing imports", plus
    any app named after it on the line). Parenthesised words are comments."""
    block = text.split("Allowed imports", 1)[1].split("```")[1]
    rules = {}
    leaves: set[str] = set()
    for line in block.strip().splitlines():
        if line.startswith("nothing imports "):
            named = re.sub(r"\([^)]*\)", "", line.removeprefix("nothing imports ")).strip()
            leaves = set(re.split(r",\s*|\s+or\s+", named))
            continue
        app, _, targets = (part.strip() for part in line.partition("->"))
        rules[app] = re.sub(r"\([^)]*\)", "", targets).split(",")
    graph = {}
    for app, targets in rules.items():
        names = {target.strip() for target in targets}
        if names == {"nothing of ours"}:
            graph[app] = set()
        elif any(name.startswith("any domain app") for name in names):
            # plus the leaves it names on the same line (`operations -> any domain app, stats (…)`)
            named = {name for name in names if name in rules}
            graph[app] = (set(rules) - leaves - {app}) | named
        else:
            graph[app] = names
    return graph


ALLOWED = allowed_graph(DOC.read_text())
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
            problems.append(f"{app}: not in the allowed graph of docs/architecture.md")
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


def test_the_graph_is_read_from_the_architecture_doc():
    assert ALLOWED["lib"] == set()
    assert ALLOWED["intake"] == {"reference", "triage", "evidence", "audit", "accounts", "lib"}
    # "any domain app" is every app of the list except those nothing may import.
    assert "cases" in ALLOWED["stats"]
    # The leaves are imported only through the edges the doc names on a line of its own.
    assert not {"api", "operations"} & set().union(*ALLOWED.values())
    assert [app for app, targets in ALLOWED.items() if "stats" in targets] == ["operations"]
    assert sorted(app for app, targets in ALLOWED.items() if "training" in targets) == ["stats"]


def test_stats_reads_training_through_its_figures_module_only():
    """docs/architecture.md: `stats -> training (read-only: its figures module only)`."""
    found = []
    for path in (ROOT / "stats").rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sanad.training"):
                names = (
                    [node.module]
                    if node.module != "sanad.training"
                    else [f"sanad.training.{a.name}" for a in node.names]
                )
                found += [name for name in names if name != "sanad.training.figures"]
            elif isinstance(node, ast.Import):
                found += [
                    a.name
                    for a in node.names
                    if a.name.startswith("sanad.training") and a.name != "sanad.training.figures"
                ]
    assert found == []
