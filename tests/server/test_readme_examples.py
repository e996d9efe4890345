"""The Python examples of the README's "Reference server" section pass ``mypy --strict`` as a user's own
file would, and run (the after-commit example asserts that a timed-out call left its task)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def server_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Reference server\n")
    end = readme.find("\n## ", start + 1)
    return CODE_BLOCK.findall(readme[start:end])


def test_the_examples_are_found() -> None:
    examples = server_examples()
    assert len(examples) >= 2 and any("after_commit=True" in code for code in examples)


def test_the_examples_pass_mypy_strict(tmp_path: Path) -> None:
    for number, code in enumerate(server_examples()):
        (tmp_path / f"server_example_{number}.py").write_text(code, encoding="utf-8")
    # The editable install hides the package from mypy: point it at the source, as an installed copy would.
    (tmp_path / "mypy.ini").write_text(f"[mypy]\nstrict = True\nmypy_path = {ROOT}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("number", range(len(server_examples())))
def test_the_examples_run(tmp_path: Path, number: int) -> None:
    script = tmp_path / "example.py"
    script.write_text(server_examples()[number], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
