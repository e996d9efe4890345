"""The README's test file for users ("Using the fake in your own tests") passes as written, run the way a
user runs it: a folder holding that file alone, the plugin found through its entry point."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_user_test_file() -> str:
    section = README.read_text(encoding="utf-8").split("\n## Using the fake in your own tests\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    examples = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(examples) == 1, "the section should hold exactly one Python file to copy"
    return examples[0]


def test_readme_test_file_passes(pytester: pytest.Pytester) -> None:
    source = readme_user_test_file()
    pytester.makepyfile(test_cleanup_job=source)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    tests = len(re.findall(r"^\s*def test_", source, re.M))
    assert tests >= 4
    result.assert_outcomes(passed=tests)


def test_readme_test_file_passes_mypy_strict(tmp_path: Path) -> None:
    (tmp_path / "test_cleanup_job.py").write_text(readme_user_test_file(), encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    # A user's install is a plain one; this checkout's is editable through an import hook, which mypy
    # does not follow, so it is pointed at the source instead.
    env = {**os.environ, "MYPYPATH": str(README.parent)}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "test_cleanup_job.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
