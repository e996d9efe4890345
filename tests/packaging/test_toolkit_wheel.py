"""The root project's wheel installs away from the checkout: the server and the suite find the contract
through the client package they depend on, not through a path in the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT_FILES = ["pyproject.toml", "README.md", "reference_server", "contract_tests"]


def test_wheel_finds_the_contract_once_installed(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy, so the build leaves nothing behind in the checkout
    source.mkdir()
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
         "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("*.whl")
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
