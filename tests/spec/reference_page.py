"""The API reference page's tables, read from ``reference_page.yaml`` (the page written down as data).

The page is the source the contract was written from; the fidelity tests compare the two, so an edit of
openapi.yaml that drifts from the page fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PAGE = Path(__file__).with_name("reference_page.yaml")
TYPES = {"String", "Integer", "Array of strings"}


@dataclass(frozen=True)
class Row:
    table: int
    title: str
    name: str
    type: str
    mandatory: bool | None  # None where the table has no "Mandatory" column (responses)
    status: int | None  # the status a response table belongs to
    location: str  # path, header, body or response
    constraint: dict[str, Any] | None = None  # a rule the row's description states


@cache
def page() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PAGE.read_text(encoding="utf-8"))
    return data


def _row(table: int, title: str, status: int | None, entry: dict[str, Any]) -> Row:
    return Row(
        table, title, entry["name"], entry["type"], entry.get("mandatory"), status, entry["in"],
        entry.get("constraint"),
    )  # fmt: skip


def rows() -> list[Row]:
    """Every parameter row of every numbered table, in page order."""
    found = [
        _row(table["number"], table["title"], table.get("status"), entry)
        for table in page()["tables"]
        for entry in table["rows"]
    ]
    errors = page()["error_tables"]
    for offset, status in enumerate(errors["statuses"]):
        found += [_row(errors["first_number"] + offset, errors["title"], status, e) for e in errors["rows"]]
    return found


def status_codes() -> dict[int, str]:
    """The closing "Status Codes" table: code -> its description."""
    return {int(code): text for code, text in page()["status_codes"].items()}
