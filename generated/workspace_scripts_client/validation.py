"""Checking JSON bodies against the schemas that ``make generate`` copied from openapi.yaml.

Each model's schema is the contract's schema of the same name (types, bounds, and the ``x-constraints``
cross-field rules), read from the copy shipped in the package. fastjsonschema checks the standard part;
``contract.compile_constraints`` the ``x-constraints`` rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .contract import Rule, compile_constraints, load_spec
from .schema_errors import describe


class RequestValidationError(ValueError):
    """A request body that breaks openapi.yaml; ``field`` names the offending field, ``problem`` says how."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.problem = message
        super().__init__(f"invalid request body: {message}")


Check = Callable[[dict[str, Any]], None]


def _schema_check(schema: dict[str, Any]) -> Check:
    import fastjsonschema  # noqa: PLC0415 - loaded on first use, keeping the package's import fast

    validate = fastjsonschema.compile(schema)

    def check(body: dict[str, Any]) -> None:
        try:
            validate(body)
        except fastjsonschema.JsonSchemaValueException as error:
            problem = describe(error)
            shown = f" (got {error.value!r})" if problem.about_value else ""
            raise RequestValidationError(problem.field, problem.message + shown) from None

    return check


def constraint_checks(schema: dict[str, Any]) -> list[Check]:
    """The ``x-constraints`` rules as checks raising ``RequestValidationError`` (evaluator: ``contract``)."""

    def raising(rule: Rule) -> Check:
        def check(body: dict[str, Any]) -> None:
            found = rule(body)
            if found is not None:
                raise RequestValidationError(found.field, found.message)

        return check

    return [raising(rule) for rule in compile_constraints(schema)]


_checks: dict[type, list[Check]] = {}


def _checks_for(model: type) -> list[Check]:
    # Compiled once per model, on first use, so importing the package stays cheap.
    if model not in _checks:
        schema = load_spec()["components"]["schemas"][model.__name__]
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
