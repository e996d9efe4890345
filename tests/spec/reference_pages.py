"""The API reference pages of the Script group, read from ``pages/<OperationId>.yaml`` (one page a file).

Each file writes one page's tables down as data in our own words: the operation's method and path, every
row of its parameter and response tables (location, mandatory flag, type and whatever limits, default or
value list the row states), the rules across fields its text states, its success status and its error
statuses. A row the page could not be read for but the official SDK has says ``source: sdk``. The
fidelity tests compare openapi.yaml with these files, so an edit that drifts from a page fails and names
the row it breaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PAGES = Path(__file__).with_name("pages")
SEED = "ExecuteScriptOrCommand"  # the page the contract was first written from
TYPES = {"String", "Integer", "Boolean", "DateTime", "Array of strings", "Array of objects"}
LOCATIONS = {"path", "query", "header", "body", "response"}
SOURCES = {"page", "sdk"}
# What a row may state besides its type, and the JSON Schema keyword each becomes.
FACTS = {
    "enum": "enum",
    "default": "default",
    "minimum": "minimum",
    "maximum": "maximum",
    "min_length": "minLength",
    "max_length": "maxLength",
}


@dataclass(frozen=True)
class Row:
    operation: str
    table: str  # the table's title
    number: int | None  # the seed page numbers its tables; the others are read by title
    name: str
    location: str  # path, query, header, body or response
    type: str
    mandatory: bool | None  # None for response rows (those tables have no "Mandatory" column)
    status: int | None  # the status a response table belongs to
    within: tuple[str, ...] = ()  # response rows of a nested table: the array fields leading to its items
    source: str = "page"  # "sdk" where the row comes from the official SDK, not from a page
    facts: Mapping[str, Any] = field(default_factory=dict)  # enum, default, bounds, as the row states
    values: tuple[int, ...] | None = None  # the integer values the row lists (execute_order)
    object: str | None = None  # the SDK's model name of an array's items
    constraint: Mapping[str, Any] | None = None  # a rule the row's description states (seed page)

    @property
    def id(self) -> str:
        """Names the operation and the row, e.g. ``ListScriptTasks:200:script_tasks[].status``."""
        where = self.location if self.status is None else str(self.status)
        trail = "".join(f"{part}[]." for part in self.within)
        return f"{self.operation}:{where}:{trail}{self.name}"


@dataclass(frozen=True)
class Rule:
    """A rule across fields (or query parameters) that the page states."""

    operation: str
    location: str  # body or query
    kind: str
    fields: frozenset[str]  # every field the rule names
    when: str | None = None
    equals: Any = None

    @property
    def id(self) -> str:
        return f"{self.operation}:{self.location}:{self.kind}({','.join(sorted(self.fields))})"


@dataclass(frozen=True)
class Page:
    operation: str
    method: str
    path: str
    success_status: int
    success_body: bool
    rows: tuple[Row, ...]
    rules: tuple[Rule, ...]
    behaviours: tuple[str, ...]  # ids of behaviour the page states (the contract's x-decisions names)
    status_codes: Mapping[int, str]
    models: Mapping[str, str]  # table title -> the SDK's model name for it
    raw: Mapping[str, Any]

    @property
    def error_statuses(self) -> set[int]:
        return {code for code in self.status_codes if code >= 400}


# Every key a row may have: a misspelt fact (``max_lenght``) must fail, not be ignored.
ROW_KEYS = {"name", "in", "type", "mandatory", "about", "source", "values", "object", "constraint", "also_on"}
ROW_KEYS |= set(FACTS) | {"type_on_older_copy"}


def _row(operation: str, table: Mapping[str, Any], status: int | None, entry: Mapping[str, Any]) -> Row:
    unknown = set(entry) - ROW_KEYS
    assert not unknown, (
        f"{operation}, table {table['title']}, row {entry.get('name')}: unknown keys {unknown}"
    )
    within = tuple(table["within"].split(".")) if table.get("within") else ()
    values = tuple(entry["values"]) if "values" in entry else None
    facts = {key: entry[key] for key in FACTS if key in entry}
    return Row(
        operation, table["title"], table.get("number"), entry["name"], entry["in"], entry["type"],
        entry.get("mandatory"), status, within, entry.get("source", "page"), facts, values,
        entry.get("object"), entry.get("constraint"),
    )  # fmt: skip


def _rules(operation: str, data: Mapping[str, Any], rows: list[Row]) -> list[Rule]:
    found = [
        Rule(operation, r["in"], r["kind"], frozenset(r["fields"]) | {r.get("when")} - {None},
             r.get("when"), r.get("equals"))
        for r in data.get("rules", [])
    ]  # fmt: skip
    for row in rows:  # the seed page states its one rule in the row it constrains
        if row.constraint:
            found.append(Rule(operation, row.location, row.constraint["kind"],
                              frozenset({row.name, row.constraint["other"]})))  # fmt: skip
    return found


PAGE_KEYS = {
    "operation", "success", "tables", "rules", "behaviours", "authorization", "error_tables", "status_codes",
    "example_request", "example_response", "sdk_regions",
}  # fmt: skip
TABLE_KEYS = {"title", "number", "status", "within", "sdk_model", "rows"}
RULE_KEYS = {"name", "in", "kind", "fields", "when", "equals"}


def _check_keys(path: Path, data: Mapping[str, Any]) -> None:
    assert not set(data) - PAGE_KEYS, f"{path.name}: unknown keys {set(data) - PAGE_KEYS}"
    for table in data["tables"]:
        assert not set(table) - TABLE_KEYS, (
            f"{path.name}, {table['title']}: unknown keys {set(table) - TABLE_KEYS}"
        )
    for rule in data.get("rules", []):
        assert not set(rule) - RULE_KEYS, (
            f"{path.name}, rule {rule['name']}: unknown keys {set(rule) - RULE_KEYS}"
        )


def _page(path: Path) -> Page:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    _check_keys(path, data)
    op = data["operation"]
    rows = [
        _row(op["id"], table, table.get("status"), entry)
        for table in data["tables"]
        for entry in table["rows"]
    ]
    errors = data["error_tables"]
    for offset, status in enumerate(errors["statuses"]):
        number = errors["first_number"] + offset if "first_number" in errors else None
        table = {"title": errors["title"], "number": number}
        rows += [_row(op["id"], table, status, entry) for entry in errors["rows"]]
    models = {table["title"]: table["sdk_model"] for table in data["tables"] if "sdk_model" in table}
    return Page(
        op["id"], op["method"], op["path"], data["success"]["status"], data["success"]["body"], tuple(rows),
        tuple(_rules(op["id"], data, rows)), tuple(b["id"] for b in data.get("behaviours", [])),
        {int(code): text for code, text in data["status_codes"].items()}, models, data,
    )  # fmt: skip


@cache
def pages() -> dict[str, Page]:
    """Every page, by operation id (the file's name)."""
    found = {path.stem: _page(path) for path in sorted(PAGES.glob("*.yaml"))}
    for name, page in found.items():
        assert page.operation == name, f"{name}.yaml describes {page.operation}"
    return found


def rows() -> list[Row]:
    """Every row of every page, in page order."""
    return [row for page in pages().values() for row in page.rows]


def rules() -> list[Rule]:
    return [rule for page in pages().values() for rule in page.rules]
