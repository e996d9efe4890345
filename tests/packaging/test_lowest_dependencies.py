"""The generated client on the lowest version of each dependency its metadata allows (``>=`` bounds read
from generated/pyproject.toml), in a fresh virtualenv: ``lowest_dependencies_use.py`` makes every one of
them work. A bound below what the code needs fails here (jsonschema-rs 0.20 did: no validate_formats)."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

from .builds import ROOT, fresh_venv, generated_wheel, pip_install

USE = Path(__file__).with_name("lowest_dependencies_use.py")


def lowest_versions() -> list[str]:
    """``name==lowest`` for each dependency of the generated client (each must state a lower bound)."""
    metadata = tomllib.loads((ROOT / "generated" / "pyproject.toml").read_text(encoding="utf-8"))
    pins = []
    for requirement in metadata["project"]["dependencies"]:
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)(,.*)?", requirement.strip())
        assert found, f"{requirement!r}: no lower bound stated"
        pins.append(f"{found.group(1)}=={found.group(2)}")
    return pins


def _release(version: str) -> tuple[int, ...]:
    """``0.27`` and ``0.27.0`` alike."""
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_the_client_works_on_the_lowest_versions_it_allows(tmp_path: Path) -> None:
    pins = lowest_versions()
    assert any(pin.startswith("jsonschema-rs==") for pin in pins) and len(pins) >= 5, pins
    python = fresh_venv(tmp_path / "venv")
    installed = pip_install(python, *pins)
    assert installed.returncode == 0, installed.stderr[-3000:]
    client = pip_install(python, "--no-deps", str(generated_wheel(tmp_path)))
    assert client.returncode == 0, client.stderr[-3000:]
    names = [pin.split("==")[0] for pin in pins]
    script = f"import importlib.metadata as m; print(' '.join(m.version(n) for n in {names!r}))"
    versions = subprocess.run([python, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    lowest = [_release(pin.split("==")[1]) for pin in pins]
    assert [_release(v) for v in versions.stdout.split()] == lowest, versions.stdout + versions.stderr
    run = subprocess.run([python, str(USE)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert run.stdout.count("refused:") == 3 and "every dependency did its part" in run.stdout, run.stdout
