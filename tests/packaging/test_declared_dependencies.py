"""The toolkit declares every package it imports: an undeclared one installs by luck here (a dev extra or a
dependency of a dependency brings it) and is an ImportError in a user's environment."""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions, requires

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .builds import ROOT

OWN = {"reference_server", "contract_tests"}
# Installed editable from ./generated, whose install record names no module.
EDITABLE = {"workspace_scripts_client": "workspace-scripts-client"}


def imported_modules() -> set[str]:
    found: set[str] = set()
    for package in OWN:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - OWN - set(sys.stdlib_module_names)


def test_every_imported_package_is_a_declared_dependency() -> None:
    declared = {
        canonicalize_name(requirement.name)
        for line in requires("workspace-scripts-toolkit") or []
        if (requirement := Requirement(line)).marker is None  # not an extra
    }
    providers = packages_distributions()
    modules = imported_modules()
    assert {"schemathesis", "uvicorn", "workspace_scripts_client"} <= modules  # the scan sees imports
    undeclared: dict[str, list[str]] = {}
    for module in sorted(modules):
        names = providers.get(module) or [EDITABLE.get(module, "?")]
        if not declared & {canonicalize_name(name) for name in names}:
            undeclared[module] = names
    assert not undeclared, f"imported but not in pyproject.toml's dependencies: {undeclared}"
