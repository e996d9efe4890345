"""The contract's labelled statements (``x-source``, ``x-decisions``) as the rows of docs/decisions.md.

``python -m tests.docs.decisions --write`` rewrites the table in docs/decisions.md (between its markers);
tests/docs/test_decisions.py checks the page holds exactly the table the contract gives.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workspace_scripts_client.contract import load_spec

Row = tuple[str, str, str]  # what, source, the contract's own words


def _words(node: dict[str, Any]) -> str:
    text = " ".join(str(node.get("text") or node.get("description") or node.get("message", "")).split())
    return text.replace("|", "\\|")


def _rules(owner: str, node: dict[str, Any]) -> Iterator[Row]:
    for rule in node.get("x-constraints", []):
        yield f"{owner} rule `{rule['name']}`", rule.get("x-source", "page"), _words(rule)


def _properties(name: str, schema: dict[str, Any]) -> Iterator[Row]:
    if "x-source" in schema:
        yield f"`{name}`", schema["x-source"], _words(schema)
    for prop, node in schema.get("properties", {}).items():
        if "x-source" in node:
            yield f"`{name}.{prop}`", node["x-source"], _words(node)
    yield from _rules(f"`{name}`", schema)


def rows() -> list[Row]:
    spec = load_spec()
    found: list[Row] = []
    for path_item in spec["paths"].values():
        for method, op in path_item.items():
            if method == "parameters":
                continue
            name = op["operationId"]
            for param in op.get("parameters", []):
                if "x-source" in param:
                    what = f"{name} `{param['name']}` ({param['in']})"
                    found.append((what, param["x-source"], _words(param)))
            found.extend(
                (f"{name}: {d['name']}", d["x-source"], _words(d)) for d in op.get("x-decisions", [])
            )
            found.extend(_rules(name, op))
    for param in spec["components"]["parameters"].values():
        if "x-source" in param:
            found.append((f"`{param['name']}` ({param['in']})", param["x-source"], _words(param)))
    for name, schema in spec["components"]["schemas"].items():
        found.extend(_properties(name, schema))
    return found


def table() -> str:
    lines = ["| what | source | decision |", "| --- | --- | --- |"]
    lines += [f"| {what} | `{source}` | {text} |" for what, source, text in rows()]
    return "\n".join(lines)


PAGE = Path(__file__).resolve().parents[2] / "docs" / "decisions.md"
START, END = "<!-- table: from openapi.yaml -->", "<!-- end of table -->"


def page_table() -> str:
    text = PAGE.read_text(encoding="utf-8")
    return text[text.index(START) + len(START) : text.index(END)].strip()


def write() -> None:
    text = PAGE.read_text(encoding="utf-8")
    head, tail = text[: text.index(START) + len(START)], text[text.index(END) :]
    PAGE.write_text(f"{head}\n{table()}\n{tail}", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write()
    else:
        print(table())
