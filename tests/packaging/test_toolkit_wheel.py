"""The root project's wheel installs away from the checkout: the server and the suite find the contract
through the client package they depend on, not through a path in the repository."""

from __future__ import annotations

import email.parser
import subprocess
import sys
import zipfile
from pathlib import Path

import packaging.requirements

from .builds import ROOT, toolkit_wheel


def test_wheel_finds_the_contract_once_installed(tmp_path: Path) -> None:
    wheel = toolkit_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        assert "contract_tests/conftest.py" in archive.namelist()
        archive.extractall(tmp_path / "site")
    # Import the unpacked copy (its dependencies come from this environment), away from the checkout.
    script = (
        "import contract_tests.spec as s, reference_server as r\n"
        "print(r.__file__); print(s.OPENAPI_PATH); print(len(s.request_examples()))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    server_file, spec_path, examples = run.stdout.split()
    assert server_file.startswith(str(tmp_path / "site"))
    assert spec_path.endswith("workspace_scripts_client/openapi.json"), spec_path
    assert int(examples) > 0
    # `python -m contract_tests` runs the installed copy, its own options known (under `pytest --pyargs
    # contract_tests` they are not: see contract_tests/__main__.py), pytest's root the current folder.
    suite = subprocess.run(
        [sys.executable, "-m", "contract_tests", "--collect-only", "-q", "--max-examples", "5"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert suite.returncode == 0, suite.stdout[-3000:] + suite.stderr
    assert "site/contract_tests/test_clauses.py::" in suite.stdout, suite.stdout[-3000:]


def test_wheel_metadata_declares_the_client_the_plugin_and_the_license(tmp_path: Path) -> None:
    wheel = toolkit_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [dist_info] = {name.split("/")[0] for name in names if ".dist-info/" in name}
        metadata = email.parser.Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
        shipped_license = archive.read(f"{dist_info}/licenses/LICENSE")
        version_file = archive.read("reference_server/_version.py").decode()
    requires = [packaging.requirements.Requirement(line) for line in metadata.get_all("Requires-Dist", [])]
    [client] = [req for req in requires if req.name == "workspace-scripts-client"]
    assert client.specifier.contains("2.0.0") and not client.specifier.contains("3.0.0")
    # Ranges, not pins: the exact versions live in constraints.txt.
    assert not [req for req in requires if any(spec.operator == "==" for spec in req.specifier)], requires
    assert metadata["License-Expression"] == "Apache-2.0" and "LICENSE" in metadata.get_all(
        "License-File", []
    )
    assert shipped_license == (ROOT / "LICENSE").read_bytes()
    assert b"Apache License" in shipped_license and b"Version 2.0" in shipped_license
    assert "pytest11" in entry_points and "reference_server.pytest_plugin" in entry_points
    assert f'__version__ = "{metadata["Version"]}"' in version_file
    assert "reference_server/py.typed" in names
