"""Checking requests against openapi.yaml before sending, and answers' bodies after reading them.

A JSON body is checked against the contract's schema of its model's name; path and query parameters
against the operation's parameter schemas. Both come from the copy of the contract shipped in the package,
made plain JSON Schema by ``schemas``. The standard part is checked twice over only when it fails:
jsonschema-rs (compiled Rust, about five times faster than fastjsonschema on a page of 100 records) says
yes or no, and on a no fastjsonschema finds the failure again to word it (``schema_errors``, the same words
as the reference server's). ``contract.compile_constraints``, the one evaluator, checks the
``x-constraints`` rules: a body schema's rules over its fields, an operation's rules over its query
parameters. Both validators are loaded and compiled on first use, once per schema.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .contract import Rule, compile_constraints, load_spec
from .schema_errors import describe
from .schemas import json_schema, parameters_schema

# Where a request's values travel; the error's message and ``location`` say which.
BODY, PATH, QUERY = "body", "path", "query"
_PLACES = {BODY: "request body", PATH: "path parameter", QUERY: "query parameter"}


class RequestValidationError(ValueError):
    """A request that breaks openapi.yaml: ``field`` names the offending field or parameter, ``location`` is
    where it travels (``body``, ``path`` or ``query``), ``problem`` says how. Nothing was sent."""

    def __init__(self, field: str, message: str, location: str = BODY) -> None:
        self.field = field
        self.problem = message
        self.location = location
        super().__init__(f"invalid {_PLACES[location]}: {message}")


Check = Callable[[Mapping[str, Any]], None]


def _schema_check(schema: dict[str, Any], location: str) -> Check:
    import jsonschema_rs  # noqa: PLC0415 - loaded on first use, keeping the package's import fast

    plain = json_schema(schema)
    # Draft 7, fastjsonschema's default; formats (date-time) asserted, as fastjsonschema asserts them.
    validator = jsonschema_rs.Draft7Validator(plain, validate_formats=True)
    wording: list[Check] = []  # fastjsonschema's check, compiled on the first failure

    def check(values: Mapping[str, Any]) -> None:
        try:
            valid: bool | None = validator.is_valid(values)
        except ValueError:  # a value JSON has no type for (a set, a date): fastjsonschema alone judges it
            valid = None
        if valid:
            return
        if not wording:
            wording.append(_wording_check(plain, location))
        wording[0](values)  # raises, in schema_errors' words
        if valid is None:
            return
        # Reached only if the two validators disagree: the stricter verdict stands, in jsonschema-rs' words.
        first = next(iter(validator.iter_errors(values)))
        field = ".".join(map(str, first.instance_path)) or location
        raise RequestValidationError(field, f"{field}: {first.message}", location)

    return check


def _wording_check(plain: dict[str, Any], location: str) -> Check:
    import fastjsonschema  # noqa: PLC0415 - only a failing value needs it

    # use_default=False: fastjsonschema would otherwise write the defaults into the values being checked.
    validate = fastjsonschema.compile(plain, use_default=False)

    def check(values: Mapping[str, Any]) -> None:
        try:
            validate(values)
        except fastjsonschema.JsonSchemaValueException as error:
            problem = describe(error, root=location)
            shown = f" (got {error.value!r})" if problem.about_value else ""
            raise RequestValidationError(problem.field, problem.message + shown, location) from None

    return check


def constraint_checks(schema: Mapping[str, Any], location: str = BODY) -> list[Check]:
    """The ``x-constraints`` rules as checks raising ``RequestValidationError`` (evaluator: ``contract``)."""

    def raising(rule: Rule) -> Check:
        def check(values: Mapping[str, Any]) -> None:
            found = rule(values)
            if found is not None:
                raise RequestValidationError(found.field, found.message, location)

        return check

    return [raising(rule) for rule in compile_constraints(schema)]


_checks: dict[type, list[Check]] = {}
_parameter_checks: dict[tuple[str, str], tuple[list[Check], list[Check]]] = {}


def _checks_for(model: type) -> list[Check]:
    # Compiled once per model, on first use, so importing the package stays cheap.
    if model not in _checks:
        schema = load_spec()["components"]["schemas"][model.__name__]
        _checks[model] = [_schema_check(schema, BODY), *constraint_checks(schema)]
    return _checks[model]


def check_request(model: type, body: Mapping[str, Any]) -> None:
    """Raise ``RequestValidationError`` unless ``body`` (a model's ``to_dict()``) satisfies its schema."""
    for check in _checks_for(model):
        check(body)


def check_parameters(method: str, path: str, path_values: Mapping[str, Any], query: Mapping[str, Any]) -> None:
    """Raise ``RequestValidationError`` unless the path and query values (as sent: unset ones left out)
    satisfy the parameter schemas of the operation at ``method`` ``path`` (openapi.yaml's spelling), and the
    query its ``x-constraints`` rules."""
    key = (method, path)
    if key not in _parameter_checks:
        operation = load_spec()["paths"][path][method.lower()]
        path_checks = [_schema_check(parameters_schema(method, path, PATH), PATH)]
        query_schema = parameters_schema(method, path, QUERY)
        # An operation without query parameters (the POSTs) has nothing to check there: no cost per call.
        query_checks = [_schema_check(query_schema, QUERY)] if query_schema["properties"] else []
        _parameter_checks[key] = (path_checks, query_checks + constraint_checks(operation, QUERY))
    path_checks, query_checks = _parameter_checks[key]
    for check in path_checks:
        check(path_values)
    for check in query_checks:
        check(query)


def schema_problem(model: type, data: Any) -> str | None:
    """Why ``data`` does not match the model's schema, or None when it does."""
    try:
        check_request(model, data)
    except RequestValidationError as error:
        return error.problem
    return None
