"""Reading the Markdown tables of docs/ as rows of cells."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def cells(line: str) -> list[str]:
    """The cells of one table row (`|` inside code spans is written `\\|` in Markdown)."""
    inner = line.strip().strip("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def table_after(page: str, header: list[str]) -> list[list[str]]:
    """The body rows of the table whose header row is ``header``, on docs/<page>."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("|") and cells(line) == header:
            rows = []
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append(cells(row))
            return rows
    raise AssertionError(f"docs/{page} has no table with the header {header}")


def code_span(cell: str) -> str:
    """The text of a cell that is one code span (`` `WKS.0001` `` -> WKS.0001)."""
    match = re.fullmatch(r"`([^`]+)`", cell)
    assert match, f"not a single code span: {cell!r}"
    return match.group(1)
