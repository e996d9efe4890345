"""Builds shared by the packaging tests, all outside the checkout.

A build costs seconds (an isolated build environment each time), and a virtualenv with pip of its own
even more (ensurepip): each wheel is built once per test run, shared by the tests and the pytest-xdist
workers that need it, and the virtualenvs get no pip of their own (this interpreter's pip installs into
them with ``--python``, exactly as into any other).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLKIT_FILES = ["pyproject.toml", "README.md", "LICENSE", "reference_server", "contract_tests"]


def _run_folder(tmp_path: Path) -> Path:
    """The folder of this test run that every pytest-xdist worker shares (pytest removes old ones):
    a test's ``tmp_path`` lies in its worker's folder, which lies in the run's."""
    worker_folder = tmp_path.parent
    return worker_folder.parent if "PYTEST_XDIST_WORKER" in os.environ else worker_folder


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One builder at a time across the workers; the others then find its result."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def copy_toolkit_source(into: Path) -> Path:
    """The toolkit's files copied to ``into`` (a build in place would leave build/ behind)."""
    into.mkdir()
    for name in TOOLKIT_FILES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / name, into / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, into / name)
    return into


def _shared_wheel(tmp_path: Path, name: str, source: Path) -> Path:
    """The wheel of ``source``, built on the first call of this test run, found on the later ones."""
    folder = _run_folder(tmp_path) / f"wheel-{name}"
    folder.mkdir(exist_ok=True)
    with _locked(folder / ".lock"):
        built = list((folder / "dist").glob("*.whl"))
        if not built:
            build = subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
                 "-w", str(folder / "dist"), str(source)],
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert build.returncode == 0, build.stderr
            built = list((folder / "dist").glob("*.whl"))
    [wheel] = built
    return wheel


def toolkit_wheel(tmp_path: Path) -> Path:
    """The toolkit's wheel (built once per test run); ``tmp_path / "source"`` holds a copy of its files."""
    source = copy_toolkit_source(tmp_path / "source")
    return _shared_wheel(tmp_path, "toolkit", source)


def generated_wheel(tmp_path: Path) -> Path:
    """The generated client's wheel, as ``pip install ./generated`` builds it (once per test run)."""
    return _shared_wheel(tmp_path, "client", ROOT / "generated")


def fresh_venv(path: Path) -> Path:
    """A new virtualenv with nothing installed, not even pip (``pip_install`` installs into it); returns
    its python."""
    venv.EnvBuilder(with_pip=False).create(path)
    return path / "bin" / "python"


def pip_install(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pip install`` into the environment of ``python``, run by this interpreter's pip."""
    command = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
               "--disable-pip-version-check", *args]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=600)
