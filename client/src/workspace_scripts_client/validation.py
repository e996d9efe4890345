"""Checking JSON bodies against the schemas that ``make generate`` copied from openapi.yaml.

``schemas.SCHEMAS`` holds each model's schema by name (types, bounds, and the ``x-constraints`` cross-field
rules). fastjsonschema checks the standard part; this module adds the ``x-constraints`` kinds it knows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .schemas import SCHEMAS


class RequestValidationError(ValueError):
    """A request body that breaks openapi.yaml; ``field`` names the offending field, ``problem`` says how."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.problem = message
        super().__init__(f"invalid request body: {message}")


Check = Callable[[dict[str, Any]], None]


def _less_than(rule: dict[str, Any]) -> Check:
    field, other = rule["field"], rule["other"]

    def check(body: dict[str, Any]) -> None:
        # The rule applies only when both fields are present.
        if field in body and other in body and not body[field] < body[other]:
            raise RequestValidationError(
                field, f"{rule['message']} ({field}={body[field]!r}, {other}={body[other]!r})"
            )

    return check


CONSTRAINT_KINDS: dict[str, Callable[[dict[str, Any]], Check]] = {"less_than": _less_than}


def _schema_check(schema: dict[str, Any]) -> Check:
    import fastjsonschema  # noqa: PLC0415 - loaded on first use, keeping the package's import fast

    validate = fastjsonschema.compile(schema)

    def check(body: dict[str, Any]) -> None:
        try:
            validate(body)
        except fastjsonschema.JsonSchemaValueException as error:
            name = error.name or "data"
            field = name.removeprefix("data").lstrip(".") or "body"
            detail = error.message.removeprefix(name).strip()
            raise RequestValidationError(field, f"{field} {detail} (got {error.value!r})") from None

    return check


def constraint_checks(schema: dict[str, Any]) -> list[Check]:
    checks = []
    for rule in schema.get("x-constraints", []):
        if rule["kind"] not in CONSTRAINT_KINDS:
            raise NotImplementedError(
                f"x-constraints rule {rule.get('name')!r}: unknown kind {rule['kind']!r}"
            )
        checks.append(CONSTRAINT_KINDS[rule["kind"]](rule))
    return checks


_checks: dict[type, list[Check]] = {}


def _checks_for(model: type) -> list[Check]:
    # Compiled once per model, on first use, so importing the package stays cheap.
    if model not in _checks:
        schema = SCHEMAS[model.__name__]
        _checks[model] = [_schema_check(schema), *constraint_checks(schema)]
    return _checks[model]


def check_request(model: type, body: dict[str, Any]) -> None:
    """Raise ``RequestValidationError`` unless ``body`` (a model's ``to_dict()``) satisfies its schema."""
    for check in _checks_for(model):
        check(body)


def schema_problem(model: type, data: Any) -> str | None:
    """Why ``data`` does not match the model's schema, or None when it does."""
    try:
        check_request(model, data)
    except RequestValidationError as error:
        return error.problem
    return None
