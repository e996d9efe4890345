"""Every Python example of the documentation passes ``mypy --strict`` as a user's own file would (outside
the repository's mypy configuration), and those marked to run are run: as a script, or as a test file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs.examples import BLOCK, ROOT, Example, all_examples, documentation_files, examples_in

pytest_plugins = ["pytester"]

EXAMPLES = all_examples()


def test_every_python_fence_is_an_example() -> None:
    """No Python block escapes the checks by a fence the pattern does not see (indented, or ``py``)."""
    for path in documentation_files():
        text = path.read_text(encoding="utf-8")
        fences = re.findall(r"^\s*```\s*(?:python|py|python3)\b", text, re.MULTILINE)
        assert len(fences) == len(examples_in(path)), f"{path}: a Python block the checker does not read"


def test_the_examples_are_found() -> None:
    """At least the examples the single-page README held (client 5, server 2, plugin 1), and
    generated/README.md's."""
    by_page = {path.name: len(examples_in(path)) for path in documentation_files()}
    assert by_page["client.md"] >= 5 and by_page["server.md"] >= 2 and by_page["plugin.md"] >= 1
    assert len(examples_in(ROOT / "generated" / "README.md")) >= 1
    checks = [example.check for example in EXAMPLES]
    assert checks.count("run") >= 2 and checks.count("pytest") >= 1


def test_the_pattern_reads_a_check_comment() -> None:
    text = "intro\n<!-- check: run -->\n```python\nprint(1)\n```\n\n```python\nx = 1\n```\n"
    found = [(match.group("check"), match.group("code")) for match in BLOCK.finditer(text)]
    assert found == [("run", "print(1)\n"), (None, "x = 1\n")]


def test_every_example_passes_mypy_strict(tmp_path: Path) -> None:
    for example in EXAMPLES:
        (tmp_path / f"{example.name}.py").write_text(example.code, encoding="utf-8")
    # The editable installs hide the toolkit's packages from mypy: point it at the source, as an installed
    # copy would be found.
    (tmp_path / "mypy.ini").write_text(f"[mypy]\nstrict = True\nmypy_path = {ROOT}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"in {len(EXAMPLES)} source files" in result.stdout, result.stdout


def _marked(check: str) -> list[Example]:
    return [example for example in EXAMPLES if example.check == check]


@pytest.mark.parametrize("example", _marked("run"), ids=lambda example: example.name)
def test_the_examples_marked_run_run(tmp_path: Path, example: Example) -> None:
    script = tmp_path / "example.py"
    script.write_text(example.code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("example", _marked("pytest"), ids=lambda example: example.name)
def test_the_test_files_pass(pytester: pytest.Pytester, example: Example) -> None:
    """Run as a user runs it: a folder holding that file alone, the plugin found through its entry point."""
    pytester.makepyfile(**{f"test_{example.name}": example.code})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    tests = len(re.findall(r"^\s*def test_", example.code, re.MULTILINE))
    assert tests >= 1
    result.assert_outcomes(passed=tests)
