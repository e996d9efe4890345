"""Cross-field rules of the request body, read from ``x-constraints`` in openapi.yaml (never retyped).

An evaluator of its own, on purpose: the client and the server share ``workspace_scripts_client.contract``,
and a test oracle should not share the code it judges (``tests/contract`` checks the two agree)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contract_tests import spec


@dataclass(frozen=True)
class Constraint:
    name: str
    field: str
    other: str
    message: str

    def applies_to(self, body: Any) -> bool:
        """The page states the rule for bodies carrying both fields as numbers."""
        return isinstance(body, dict) and all(_is_number(body.get(name)) for name in (self.field, self.other))

    def broken_by(self, body: Any) -> bool:
        return self.applies_to(body) and not body[self.field] < body[self.other]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def load_constraints() -> list[Constraint]:
    constraints = []
    for entry in spec.request_schema().get("x-constraints", []):
        if entry["kind"] == "not_both":
            continue  # the SDK's exclusivity rule: see EXCLUSIONS
        if entry["kind"] != "less_than":
            # A rule kind the suite cannot evaluate must not be silently ignored.
            raise ValueError(
                f"openapi.yaml x-constraints: unsupported kind {entry['kind']!r} in {entry['name']}"
            )
        constraints.append(Constraint(entry["name"], entry["field"], entry["other"], entry["message"]))
    return constraints


@dataclass(frozen=True)
class Exclusion:
    """Fields that must not be sent together (kind ``not_both``; from the SDK, not the page)."""

    name: str
    fields: tuple[str, ...]
    message: str

    def broken_by(self, body: Any) -> bool:
        return isinstance(body, dict) and all(name in body for name in self.fields)


def load_exclusions() -> list[Exclusion]:
    return [
        Exclusion(entry["name"], tuple(entry["fields"]), entry["message"])
        for entry in spec.request_schema().get("x-constraints", [])
        if entry["kind"] == "not_both"
    ]


CONSTRAINTS = load_constraints()
EXCLUSIONS = load_exclusions()


def broken_constraints(body: Any) -> list[Constraint]:
    return [constraint for constraint in CONSTRAINTS if constraint.broken_by(body)]
