"""Reads the tables of the API reference page (the plain-text copy in ../shared/seed) into rows.

The page is the source the contract was written from; the fidelity tests compare the two, so an edit of
openapi.yaml that drifts from the page fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PAGE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "ExecuteScriptOrCommand.txt"

TYPES = {"String", "Integer", "Array of strings"}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_TABLE = re.compile(r"^Table (\d+) (.+)$")
_STATUS = re.compile(r"^Status code: (\d{3})$")


@dataclass(frozen=True)
class Row:
    table: int
    title: str
    name: str
    type: str
    mandatory: bool | None  # None where the table has no "Mandatory" column (responses)
    status: int | None  # the status a response table belongs to


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_rows(text: str) -> list[Row]:
    """Every parameter row of every numbered table, in page order."""
    lines = _lines(text)
    rows: list[Row] = []
    table, title, status = 0, "", None
    i = 0
    while i < len(lines):
        line, after = lines[i], lines[i + 1 : i + 3]
        if match := _STATUS.match(line):
            status = int(match.group(1))
        elif match := _TABLE.match(line):
            table, title = int(match.group(1)), match.group(2)
        elif table and _NAME.match(line) and len(after) == 2:
            if after[0] in {"Yes", "No"} and after[1] in TYPES:
                rows.append(Row(table, title, line, after[1], after[0] == "Yes", None))
                i += 2
            elif after[0] in TYPES:
                rows.append(Row(table, title, line, after[0], None, status))
                i += 1
        i += 1
    return rows


def status_codes(text: str) -> dict[int, str]:
    """The closing "Status Codes" table: code -> its description."""
    lines = _lines(text)
    start = lines.index("Status Codes")
    end = lines.index("Error Codes", start)
    body = lines[start + 1 : end]
    codes: dict[int, str] = {}
    for line, description in zip(body, body[1:], strict=False):
        if re.fullmatch(r"\d{3}", line):
            codes[int(line)] = description
    return codes


def table_titles(text: str) -> dict[int, str]:
    return {int(m.group(1)): m.group(2) for line in _lines(text) if (m := _TABLE.match(line))}
