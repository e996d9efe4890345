"""The suite's own structure: its modules import one another without a circle, and importing the suite does
not import the reference server (needed only to start the bundled one)."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.contract.runner import ROOT

PACKAGE = ROOT / "contract_tests"


def imports_of(module: str) -> set[str]:
    """The suite modules ``module`` imports anywhere in its file: deferred and type-only imports count too,
    since a circle hidden inside a function is still a circle."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "contract_tests":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("contract_tests."):
            found.add(str(node.module).split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("contract_tests.")}
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    return (found & modules) - {module}


def cycle_through(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """One import path leading from ``start`` back to itself, if any."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        module, path = stack.pop()
        for imported in sorted(graph[module]):
            if imported == start:
                return [*path, start]
            if imported not in seen:
                seen.add(imported)
                stack.append((imported, [*path, imported]))
    return None


def test_the_suites_modules_import_each_other_without_a_circle() -> None:
    graph = {path.stem: imports_of(path.stem) for path in PACKAGE.glob("*.py")}
    assert "sources" in graph["report"] and "report" in graph["target"]  # the walk sees real imports
    cycles = {module: cycle for module in graph if (cycle := cycle_through(module, graph))}
    assert not cycles, " ; ".join(" -> ".join(cycle) for cycle in cycles.values())


def test_cycle_finder_finds_a_circle() -> None:
    assert cycle_through("a", {"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_through("a", {"a": {"b"}, "b": set()}) is None


def test_importing_the_suite_does_not_import_the_server() -> None:
    code = (
        "import sys, contract_tests, contract_tests.conftest, contract_tests.reporting; "
        "print(contract_tests.__version__); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'reference_server'))"
    )
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    version, loaded = result.stdout.splitlines()
    assert version.count(".") == 2
    assert loaded == "[]", loaded
