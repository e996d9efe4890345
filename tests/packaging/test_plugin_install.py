"""The toolkit as a user installs it, in a fresh virtualenv: alone it is refused by pip up front (its
metadata names the generated client, which is not on PyPI); with ./generated beside it, a user's test
file that uses only the plugin's fixtures passes with no conftest and no ``-p``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .builds import ROOT, fresh_venv, pip_install, toolkit_wheel

USER_TESTS = ROOT / "tests" / "plugin" / "user_tests.py"


def test_plugin_works_from_a_fresh_install_and_the_toolkit_alone_is_refused(tmp_path: Path) -> None:
    wheel = toolkit_wheel(tmp_path)
    python = fresh_venv(tmp_path / "venv")

    alone = pip_install(python, str(tmp_path / "source"))  # `pip install .` from a copy of the checkout
    assert alone.returncode != 0, "pip installed the toolkit without its client"
    assert "workspace-scripts-client" in alone.stderr, alone.stderr
    probe = subprocess.run(
        [python, "-c", "import reference_server"], capture_output=True, text=True, cwd=tmp_path
    )
    assert "No module named 'reference_server'" in probe.stderr, "pip left a partial install behind"

    # The exact versions CI uses, so the run does not change with every upstream release.
    installed = pip_install(
        python,
        "-c",
        str(ROOT / "constraints.txt"),
        str(wheel),
        str(ROOT / "generated"),
        "huaweicloudsdkworkspace",
    )
    assert installed.returncode == 0, installed.stderr

    project = tmp_path / "users_project"  # nothing but the test file: no conftest, no pytest options
    project.mkdir()
    shutil.copy(USER_TESTS, project / "test_user_automation.py")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "PYTHON"))}
    run = subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider", "-v"],
        capture_output=True, text=True, cwd=project, env=env, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    expected = USER_TESTS.read_text().count("\ndef test_") + USER_TESTS.read_text().count("\n    def test_")
    assert f"{expected} passed" in run.stdout, run.stdout[-2000:]
    where = subprocess.run(
        [python, "-c", "import reference_server.pytest_plugin as p; print(p.__file__)"],
        capture_output=True, text=True, cwd=project, env=env,
    )  # fmt: skip
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout + where.stderr
