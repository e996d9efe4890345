"""Builds shared by the packaging tests, all outside the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLKIT_FILES = ["pyproject.toml", "README.md", "LICENSE", "reference_server", "contract_tests"]


def toolkit_wheel(tmp_path: Path) -> Path:
    """The toolkit's wheel, built from a copy of its files (a build in place would leave build/ behind)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in TOOLKIT_FILES:
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
    return wheel


def fresh_venv(path: Path) -> Path:
    """A new virtualenv with nothing but pip; returns its python."""
    venv.EnvBuilder(with_pip=True).create(path)
    return path / "bin" / "python"


def pip_install(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)
