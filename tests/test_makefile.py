"""The Makefile's own behaviour: messages in make's words, and a quiet ``make setup``."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What the suite reads from the environment: cleared, so that only the make variables given count.
SUITE_ENV = [
    "WORKSPACE_BASE_URL",
    "WORKSPACE_TOKEN",
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
]


def make_dry_run(*arguments: str, venv_built: bool = True) -> subprocess.CompletedProcess[str]:
    """``make -n`` (nothing runs); the virtualenv taken as up to date unless ``venv_built`` is false."""
    env = {key: value for key, value in os.environ.items() if key not in SUITE_ENV}
    command = ["make", "-n", *(["-o", ".venv/.installed"] if venv_built else []), *arguments]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


@pytest.mark.parametrize(
    ("variables", "complaint"),
    [
        (["TOKEN=t", "PROJECT_ID=p"], "PROJECT_ID= TOKEN= given without BASE_URL="),
        (["BASE_URL=http://127.0.0.1:9"], "BASE_URL= needs PROJECT_ID="),
        (["BASE_URL=http://127.0.0.1:9", "PROJECT_ID=p"], "BASE_URL= needs TOKEN= or AK= and SK="),
        (["BASE_URL=http://127.0.0.1:9", "PROJECT_ID=p", "AK=a"], "AK= needs SK="),
        (["BASE_URL=http://127.0.0.1:9", "PROJECT_ID=p", "SK=s"], "SK= needs AK="),
    ],
)
def test_make_contract_names_the_make_variables(variables: list[str], complaint: str) -> None:
    result = make_dry_run("contract", *variables)
    assert result.returncode != 0 and complaint in result.stderr, result.stderr
    assert "--project-id" not in result.stderr and "--base-url" not in result.stderr
    assert "pytest" not in result.stdout  # stopped before the suite would run


@pytest.mark.parametrize(
    "variables",
    [
        ["BASE_URL=http://127.0.0.1:9", "PROJECT_ID=p", "TOKEN=t"],
        ["BASE_URL=http://127.0.0.1:9", "PROJECT_ID=p", "AK=a", "SK=s"],
        [],
    ],
)
def test_make_contract_runs_the_suite_when_the_target_is_complete(variables: list[str]) -> None:
    result = make_dry_run("contract", *variables)
    assert result.returncode == 0, result.stderr
    assert "pytest contract_tests" in result.stdout


def quiet_editable_option() -> list[str]:
    """The ``-W`` option make setup gives the interpreter that runs pip, read from ``make -n``."""
    # As if pyproject.toml had changed: make prints the install commands.
    result = make_dry_run("-W", "pyproject.toml", "setup", venv_built=False)
    install = next(line for line in result.stdout.splitlines() if "-e ./generated" in line)
    words = shlex.split(install)
    index = words.index("-W")
    return words[index : index + 2]


def warnings_shown(option: list[str], messages: list[str]) -> str:
    """stderr of an interpreter run with ``option`` that re-raises ``messages`` as pip does."""
    raising = (
        "import warnings\n"
        "from pip._vendor.pyproject_hooks import BuildBackendWarning\n"
        f"for message in {messages!r}:\n"
        "    warnings.warn_explicit(message, BuildBackendWarning, 'editable_wheel.py', 1)\n"
    )
    result = subprocess.run([sys.executable, *option, "-c", raising], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_make_setup_ignores_only_the_editable_install_notice() -> None:
    notice = "Editable installation.\n!!\n    Please be careful with folders in your working directory"
    other = "Some other build backend warning"
    option = quiet_editable_option()
    assert warnings_shown([], [notice]).count("Editable installation") == 1  # shown without the option
    shown = warnings_shown(option, [notice, other])
    assert "Editable installation" not in shown and other in shown
