"""Every ``x-constraints`` rule of the contract, bodies and query strings alike, evaluated by the suite.

The suite's own evaluator on purpose (``rules`` says why): the client and the server share
``workspace_scripts_client.contract``; a test oracle must not share the code it judges.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, TypeGuard

from contract_tests import operations
from contract_tests.operations import Operation, source_of


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _given(values: Any, name: str) -> bool:
    return isinstance(values, dict) and name in values and values[name] is not None


def _truthy(value: Any, wanted: Any) -> bool:
    """A query value as sent (``"true"``, ``"True"``, ``True``) equal to the rule's ``equals``."""
    if isinstance(wanted, bool) and isinstance(value, str):
        return value.lower() == str(wanted).lower()
    return bool(value == wanted)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    fields: tuple[str, ...]
    message: str
    source: str
    when: str | None = None
    equals: Any = None

    def broken_by(self, values: Any) -> bool:
        """Whether ``values`` (a body, or the query parameters by name) breaks the rule."""
        if not isinstance(values, dict):
            return False
        if self.kind == "less_than":
            low, high = values.get(self.fields[0]), values.get(self.fields[1])
            return _number(low) and _number(high) and not low < high
        if self.kind == "not_both":
            return all(_given(values, name) for name in self.fields)
        if self.kind == "exactly_one":
            return sum(_given(values, name) for name in self.fields) != 1
        if self.kind == "requires":
            assert self.when is not None
            if not _given(values, self.when):
                return False
            if self.equals is not None and not _truthy(values[self.when], self.equals):
                return False
            return not all(_given(values, name) for name in self.fields)
        raise AssertionError(f"unreachable: {self.kind}")


KINDS = ("less_than", "not_both", "exactly_one", "requires")


def _rule(entry: dict[str, Any]) -> Rule:
    kind = entry["kind"]
    if kind not in KINDS:
        # A rule the suite cannot evaluate must not be ignored in silence.
        raise ValueError(f"openapi.yaml x-constraints: unsupported kind {kind!r} in {entry['name']}")
    fields = (entry["field"], entry["other"]) if kind == "less_than" else tuple(entry["fields"])
    return Rule(
        entry["name"],
        kind,
        fields,
        entry["message"],
        source_of(entry),
        entry.get("when"),
        entry.get("equals"),
    )


@cache
def body_rules(schema_name: str) -> tuple[Rule, ...]:
    return tuple(_rule(entry) for entry in operations.body_schema(schema_name).get("x-constraints", []))


def query_rules(operation: Operation) -> tuple[Rule, ...]:
    return tuple(_rule(entry) for entry in operation.constraints)


def rules_of(operation: Operation) -> tuple[Rule, ...]:
    own = body_rules(operation.body_schema) if operation.body_schema else ()
    return (*own, *query_rules(operation))


def broken(operation: Operation, *, body: Any = None, query: dict[str, Any] | None = None) -> list[Rule]:
    """The rules of ``operation`` that ``body`` or ``query`` break."""
    found = [rule for rule in query_rules(operation) if rule.broken_by(query or {})]
    if operation.body_schema:
        found += [rule for rule in body_rules(operation.body_schema) if rule.broken_by(body)]
    return found
