"""The Python examples of the documentation: every ```python block of docs/, README.md and
generated/README.md, each a complete file, with how it is checked beyond ``mypy --strict``.

A block is also run when the line before its fence says so: ``<!-- check: run -->`` runs it as a script,
``<!-- check: pytest -->`` runs it as a test file, the way a user would, with the plugin found through its
entry point."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A fence at the start of a line, with an optional check comment on the line before it.
BLOCK = re.compile(
    r"^(?:<!-- check: (?P<check>[a-z]+) -->\n)?```python[^\n]*\n(?P<code>.*?)^```", re.DOTALL | re.MULTILINE
)
CHECKS = {"run", "pytest"}


@dataclass(frozen=True)
class Example:
    source: Path
    number: int  # its place among the file's Python blocks, from 0
    code: str
    check: str | None  # None: mypy --strict only

    @property
    def name(self) -> str:
        """A module name unique across the documentation (docs/live-mode.md, block 2 -> docs_live_mode_2)."""
        stem = str(self.source.relative_to(ROOT).with_suffix(""))
        return re.sub(r"\W", "_", stem) + f"_{self.number}"


def documentation_files() -> list[Path]:
    return [ROOT / "README.md", ROOT / "generated" / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def examples_in(path: Path) -> list[Example]:
    text = path.read_text(encoding="utf-8")
    found = []
    for number, match in enumerate(BLOCK.finditer(text)):
        check = match.group("check")
        if check is not None and check not in CHECKS:
            raise ValueError(f"{path}: unknown check {check!r} before Python block {number}")
        found.append(Example(path, number, match.group("code"), check))
    return found


def all_examples() -> list[Example]:
    return [example for path in documentation_files() for example in examples_in(path)]
