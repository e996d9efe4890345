"""The toolkit as a user installs it, in a fresh virtualenv: alone it is refused by pip up front (its
metadata names the generated client, which is not on PyPI); with ./generated beside it and nothing else,
the README's test file to copy (read from README.md, not a copy of it) passes with no conftest and no
``-p``: only the plugin's fixtures and the client."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.docs.examples import examples_in

from .builds import ROOT, fresh_venv, generated_wheel, pip_install, toolkit_wheel


def readme_test_file() -> str:
    [example] = [example for example in examples_in(ROOT / "README.md") if example.check == "pytest"]
    return example.code


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
        str(generated_wheel(tmp_path)),  # ./generated, built once per test run
    )
    assert installed.returncode == 0, installed.stderr

    project = tmp_path / "users_project"  # nothing but the test file: no conftest, no pytest options
    project.mkdir()
    code = readme_test_file()
    (project / "test_rollout.py").write_text(code, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "PYTHON"))}
    run = subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider", "-v"],
        capture_output=True, text=True, cwd=project, env=env, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    expected = len(re.findall(r"^\s*def test_", code, re.MULTILINE))
    assert expected >= 1 and f"{expected} passed" in run.stdout, run.stdout[-2000:]
    # The plugin ran from the fresh install, and the official SDK was not there to help.
    script = "import importlib.util as u, reference_server.pytest_plugin as p; print(p.__file__)"
    script += "; print(u.find_spec('huaweicloudsdkcore'))"
    where = subprocess.run([python, "-c", script], capture_output=True, text=True, cwd=project, env=env)
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout + where.stderr
    assert where.stdout.split()[-1] == "None", where.stdout
