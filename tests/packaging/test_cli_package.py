"""The command line is a package of its own: the plain client installs without its dependencies, and
``pip install ./generated ./cli`` gives a working ``workspace-scripts``."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions, requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .builds import ROOT, fresh_venv, generated_wheel, pip_install

CLI = ROOT / "cli"
CLI_ONLY = {"click", "rich"}  # what the command line adds to the client's dependencies


def cli_imports() -> set[str]:
    found: set[str] = set()
    for path in (CLI / "workspace_scripts_cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - {"workspace_scripts_cli"} - set(sys.stdlib_module_names)


def test_every_import_of_the_cli_is_declared() -> None:
    declared = {canonicalize_name(Requirement(line).name) for line in requires("workspace-scripts-cli") or []}
    providers = {**packages_distributions(), "workspace_scripts_client": ["workspace-scripts-client"]}
    modules = cli_imports()
    assert {"click", "rich", "httpx", "workspace_scripts_client"} <= modules  # the scan sees imports
    undeclared = {
        module: providers.get(module)
        for module in modules
        if not declared & {canonicalize_name(name) for name in providers.get(module, ["?"])}
    }
    # httpx comes with the client (the CLI only catches its errors): declared there, at the client's range.
    assert set(undeclared) <= {"httpx"}, f"imported but not declared in cli/pyproject.toml: {undeclared}"


def test_the_version_is_stated_once_in_each_place_and_agrees() -> None:
    from workspace_scripts_cli import __version__

    metadata = tomllib.loads((CLI / "pyproject.toml").read_text(encoding="utf-8"))
    assert metadata["project"]["version"] == __version__


def requirement_closure(distribution: str) -> set[str]:
    """Every distribution ``distribution`` pulls in (no extras), from the installed packages' metadata."""
    seen: set[str] = set()
    todo = [distribution]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for line in requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_the_plain_client_pulls_in_nothing_of_the_cli() -> None:
    closure = requirement_closure("workspace-scripts-client")
    assert {"httpx", "attrs"} <= closure  # the walk follows requirements
    assert not closure & CLI_ONLY, f"pip install ./generated would pull in {closure & CLI_ONLY}"
    assert requirement_closure("workspace-scripts-cli") >= CLI_ONLY


def test_the_documented_install_gives_a_working_command(tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv")
    client = generated_wheel(tmp_path)
    install = pip_install(python, "-c", str(ROOT / "constraints.txt"), str(client), str(CLI))
    assert install.returncode == 0, install.stderr
    command = python.parent / "workspace-scripts"
    run = subprocess.run([command, "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Usage: workspace-scripts" in run.stdout
    where = subprocess.run(
        [python, "-c", "import workspace_scripts_cli as p; print(p.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    ).stdout  # fmt: skip
    assert str(tmp_path / "venv") in where, f"imported from outside the fresh venv: {where}"
