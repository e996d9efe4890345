"""Every Python example of the README's Client section and of generated/README.md passes ``mypy --strict``,
checked as a user's own files would be (outside the repository's mypy configuration)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def section(markdown: str, heading: str) -> str:
    """The text under ``## heading``, up to the next second-level heading."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


def examples() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    generated = (ROOT / "generated" / "README.md").read_text(encoding="utf-8")
    found = {
        f"readme_client_{n}": code for n, code in enumerate(CODE_BLOCK.findall(section(readme, "Client")))
    }
    found.update({f"generated_readme_{n}": code for n, code in enumerate(CODE_BLOCK.findall(generated))})
    return found


def test_the_examples_are_found() -> None:
    found = examples()
    assert sum(name.startswith("readme_client_") for name in found) >= 4
    assert any(name.startswith("generated_readme_") for name in found)


def test_every_client_example_passes_mypy_strict(tmp_path: Path) -> None:
    for name, code in examples().items():
        (tmp_path / f"{name}.py").write_text(code, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
