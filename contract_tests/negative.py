"""Who states the part of a request that makes it invalid, for any operation of the contract.

A fuzzed negative case breaks the schema somewhere: in the body, a query or a path parameter. The
failure of a server that accepts it is labelled with the source of what was broken: a negative count
breaks only an assumption of ours (``minimum: 0``), a field taken from the SDK only the SDK, a date-time
format only an assumption, anything else the page.
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

from contract_tests import operations, sources
from contract_tests.operations import Operation

ASSUMED_KEYWORDS = ("minimum",)  # bounds the pages do not state (non-negative counts and timeout)


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in schema.items() if not key.startswith("x-")}


def _valid(schema: dict[str, Any], value: Any) -> bool:
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).is_valid(value)


def _relaxed(schema: dict[str, Any], keywords: tuple[str, ...], blank: frozenset[str]) -> dict[str, Any]:
    relaxed = copy.deepcopy(schema)
    for name, prop in relaxed.get("properties", {}).items():
        if name in blank:
            relaxed["properties"][name] = {}
        for keyword in keywords:
            prop.pop(keyword, None)
    return relaxed


def _sdk_fields(schema: dict[str, Any]) -> frozenset[str]:
    return frozenset(
        name
        for name, prop in schema.get("properties", {}).items()
        if str(prop.get("x-source", "")).startswith("sdk")
    )


def of_body(operation: Operation, body: Any) -> str | None:
    """The source the body breaks, or None when the body is valid."""
    if operation.body_schema is None:
        return None
    schema = _plain(operations.body_schema(operation.body_schema))
    if _valid(schema, body):
        return None
    if _valid(_relaxed(schema, ASSUMED_KEYWORDS, frozenset()), body):
        return sources.ASSUMPTION
    if _valid(_relaxed(schema, (), _sdk_fields(schema)), body):
        return sources.SDK
    return sources.PAGE


def _as_schema_value(parameter: operations.Parameter, value: Any) -> Any:
    if parameter.is_array and not isinstance(value, list):
        return [value]
    return value


def of_parameters(
    operation: Operation, query: dict[str, Any] | None, path: dict[str, Any] | None
) -> str | None:
    """The source the query or path parameters break (the strictest one), or None when all are valid."""
    broken = set()
    for parameter in operation.parameters:
        given = (query if parameter.where == "query" else path) or {}
        if parameter.name not in given:
            continue
        if not _valid(parameter.schema, _as_schema_value(parameter, given[parameter.name])):
            broken.add(parameter.source)
    if not broken:
        return None
    return sources.PAGE if sources.PAGE in broken else sorted(broken)[0]


def source_of(
    operation: Operation, *, body: Any, query: dict[str, Any] | None, path: dict[str, Any] | None
) -> str:
    """The source of a negative case: the page when anything the page states is broken (or nothing we can
    tell is: the negative part is elsewhere, in a header or the media type), else the assumption or SDK."""
    found = {of_body(operation, body), of_parameters(operation, query, path)} - {None}
    if not found or sources.PAGE in found:
        return sources.PAGE
    return sorted(str(item) for item in found)[0]
