"""`pip install ./generated` works in a fresh virtualenv (its wheel, built once per run by ``builds``), and
the first example of the client's docs page imports there."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .builds import ROOT, fresh_venv, generated_wheel, pip_install


def client_example_imports() -> str:
    page = (ROOT / "docs" / "client.md").read_text(encoding="utf-8")
    first_example = re.search(r"```python\n(.*?)```", page, re.S)
    assert first_example, "docs/client.md has no Python example"
    lines = first_example.group(1).splitlines()
    imports = [line for line in lines if line.startswith(("from ", "import "))]
    assert imports, "the client page's first example imports nothing"
    return "\n".join(imports)


def test_generated_package_installs_alone(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    python = fresh_venv(env_dir)
    install = pip_install(python, str(generated_wheel(tmp_path)))
    assert install.returncode == 0, install.stderr
    # Run from tmp_path, so that only the installed copy can be imported.
    script = (
        client_example_imports() + "\nimport workspace_scripts_client as p\nprint(p.__file__)\n"
        # The contract core reads the copy of openapi.yaml the wheel must carry.
        "from workspace_scripts_client import contract\nassert contract.request_schema()['x-constraints']\n"
    )
    run = subprocess.run([python, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    assert str(env_dir) in run.stdout, f"imported from outside the fresh venv: {run.stdout}"
    assert sys.prefix not in run.stdout
