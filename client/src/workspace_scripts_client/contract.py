"""The contract core shared by every product: where ``openapi.yaml`` is, and its cross-field rules.

``make generate`` ships the contract in this package as ``openapi.json``; the reference server and the
contract suite read it from here, so an installed client, server or suite carries the contract it was
built from. ``compile_constraints`` is the one evaluator of the ``x-constraints`` rules: the client checks
requests with it before sending, the server before accepting them. (The contract suite keeps its own,
independent evaluator on purpose: a test oracle should not share the code it judges.)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard

SPEC_PATH = Path(__file__).with_name("openapi.json")
OPERATION_PATH = "/v2/{project_id}/script-executions"
REQUEST_SCHEMA = "ExecuteScriptOrCommandReq"


@cache
def load_spec() -> dict[str, Any]:
    """The whole contract, parsed once."""
    spec: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


def request_schema() -> dict[str, Any]:
    """The JSON Schema of the request body, ``x-constraints`` included."""
    schema: dict[str, Any] = load_spec()["components"]["schemas"][REQUEST_SCHEMA]
    return schema


@dataclass(frozen=True)
class Violation:
    """A body (or a set of query parameters) that breaks one ``x-constraints`` rule."""

    rule: str  # the rule's name in openapi.yaml
    field: str  # the field to blame
    message: str  # the rule's message and the values that break it


Rule = Callable[[Mapping[str, Any]], Violation | None]


class UnknownConstraintKind(ValueError):
    """openapi.yaml states a rule this evaluator cannot check: failing loudly beats ignoring it."""


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _less_than(entry: Mapping[str, Any]) -> Rule:
    name, field, other, message = entry["name"], entry["field"], entry["other"], entry["message"]

    def check(body: Mapping[str, Any]) -> Violation | None:
        # Applies when both are numbers; a field of the wrong type is the schema's to refuse.
        low, high = body.get(field), body.get(other)
        if _is_number(low) and _is_number(high) and not low < high:
            return Violation(name, field, f"{message} (got {field}={low!r}, {other}={high!r})")
        return None

    return check


def _not_both(entry: Mapping[str, Any]) -> Rule:
    name, fields, message = entry["name"], tuple(entry["fields"]), entry["message"]

    def check(body: Mapping[str, Any]) -> Violation | None:
        if all(field in body for field in fields):
            return Violation(name, fields[-1], f"{message} (got {' and '.join(fields)})")
        return None

    return check


def _requires(entry: Mapping[str, Any]) -> Rule:
    # ``when`` present (and equal to ``equals`` where given) needs every one of ``fields`` present.
    name, when, fields, message = entry["name"], entry["when"], tuple(entry["fields"]), entry["message"]
    has_value, expected = "equals" in entry, entry.get("equals")

    def check(values: Mapping[str, Any]) -> Violation | None:
        if when not in values or (has_value and values[when] != expected):
            return None
        missing = [field for field in fields if field not in values]
        if missing:
            return Violation(name, missing[0], f"{message} (missing {' and '.join(missing)})")
        return None

    return check


def _exactly_one(entry: Mapping[str, Any]) -> Rule:
    name, fields, message = entry["name"], tuple(entry["fields"]), entry["message"]

    def check(values: Mapping[str, Any]) -> Violation | None:
        given = [field for field in fields if field in values]
        if len(given) != 1:
            got = " and ".join(given) if given else "neither"
            return Violation(name, (given or fields)[-1], f"{message} (got {got})")
        return None

    return check


KINDS: dict[str, Callable[[Mapping[str, Any]], Rule]] = {
    "less_than": _less_than,
    "not_both": _not_both,
    "requires": _requires,
    "exactly_one": _exactly_one,
}


def compile_constraints(schema: Mapping[str, Any]) -> list[Rule]:
    """One check per ``x-constraints`` entry of ``schema``; ``UnknownConstraintKind`` for a kind not known.

    ``schema`` is a body schema, whose rules read the body's fields, or an operation object, whose rules
    read its query parameters (a mapping of name to value, as the request sends them)."""
    rules = []
    for entry in schema.get("x-constraints", []):
        kind = entry.get("kind")
        if kind not in KINDS:
            raise UnknownConstraintKind(f"x-constraints rule {entry.get('name')!r}: unknown kind {kind!r}")
        rules.append(KINDS[kind](entry))
    return rules


def operation(operation_id: str) -> dict[str, Any]:
    """The operation object of ``operation_id`` (its parameters, responses and ``x-constraints``)."""
    for path_item in load_spec()["paths"].values():
        for method, op in path_item.items():
            if method != "parameters" and op.get("operationId") == operation_id:
                found: dict[str, Any] = op
                return found
    raise KeyError(f"openapi.yaml has no operation {operation_id!r}")


def violations(schema: Mapping[str, Any], body: Mapping[str, Any]) -> list[Violation]:
    """Every rule of ``schema`` that ``body`` breaks (compiles the rules each call: for tests and tools)."""
    return [found for rule in compile_constraints(schema) if (found := rule(body)) is not None]
