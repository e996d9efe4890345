"""How a JSON Schema failure is put into words: by the field's name as written in the body
(``gray_count``, ``script_ids[1]``), not by the validator's own path (``data.gray_count``) or phrasing
(``data must contain ['count'] properties``).

The client (before sending) and the reference server (its answers and its own input files) both word
their failures here, so the same mistake reads the same on either side. It reads fastjsonschema's
``JsonSchemaValueException`` by its attributes, without importing fastjsonschema (the client loads that
only on first use).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# fastjsonschema's name for the document itself, the head of every path it reports.
_DOCUMENT = "data"


class SchemaFailure(Protocol):
    """What fastjsonschema's JsonSchemaValueException carries."""

    @property
    def message(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def value(self) -> Any: ...
    @property
    def rule(self) -> str | None: ...
    @property
    def rule_definition(self) -> Any: ...
    @property
    def definition(self) -> Any: ...


@dataclass(frozen=True)
class SchemaProblem:
    field: str  # the field to blame, e.g. "script_ids[1]"; the root's name for the whole document
    message: str  # a sentence naming that field: "gray_count must be integer"
    about_value: bool  # the message is about the field's own value (worth showing), not a missing key


def _join(parent: str, child: object) -> str:
    return f"{parent}.{child}" if parent else str(child)


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _integral(bound: Any) -> Any:
    """0.0 -> 0: a bound read as a float still reads as the integer the contract wrote."""
    return int(bound) if isinstance(bound, float) and bound.is_integer() else bound


def describe(failure: SchemaFailure, root: str = "body") -> SchemaProblem:
    """``failure`` in the words of the document's author; ``root`` names the whole document."""
    name = failure.name or _DOCUMENT
    path = name.removeprefix(_DOCUMENT).lstrip(".")
    field = path or root
    value, rule, rule_definition = failure.value, failure.rule, failure.rule_definition
    if rule == "required" and isinstance(value, Mapping) and isinstance(rule_definition, list):
        missing = [_join(path, key) for key in rule_definition if key not in value]
        if missing:
            verb = "is" if len(missing) == 1 else "are"
            return SchemaProblem(missing[0], f"{_listed(missing)} {verb} required", about_value=False)
    if rule == "additionalProperties" and rule_definition is False and isinstance(value, Mapping):
        known = failure.definition.get("properties", {}) if isinstance(failure.definition, Mapping) else {}
        unknown = [_join(path, key) for key in sorted(map(str, value)) if key not in known]
        if unknown:
            noun = "field" if len(unknown) == 1 else "fields"
            return SchemaProblem(unknown[0], f"unknown {noun} {_listed(unknown)}", about_value=False)
    if rule in ("minimum", "maximum") and isinstance(rule_definition, int | float):
        word = "bigger" if rule == "minimum" else "smaller"
        detail = f"must be {word} than or equal to {_integral(rule_definition)}"
    else:
        detail = failure.message.removeprefix(name).strip()
    return SchemaProblem(field, f"{field} {detail}", about_value=True)
