"""Who states each clause the suite checks, and which of them fail a run.

- ``page``: the reference page (a table row, a documented status);
- ``http``: HTTP itself (``Allow`` on a 405, a 5xx means the server failed);
- ``assumption``: a guess of our contract the page does not state (non-negative counts and timeout,
  ``X-Request-Id`` on every answer, ...);
- ``sdk``: fields and rules taken from the official SDK, not the page (``command``, ``command_type``,
  their ``not_both`` rule).

Against the real service a failure must mean "the service breaks its documentation": assumptions do not
fail a live run, SDK-only clauses fail only our own bundled server, unless ``--strict`` is given (the
run's settings decide: ``settings.is_fatal``).
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

from contract_tests import spec

PAGE, HTTP, ASSUMPTION, SDK = "page", "http", "assumption", "sdk"
SOURCES = (PAGE, HTTP, ASSUMPTION, SDK)

# Bounds the page does not state: the contract marks its non-negative counts as assumptions.
ASSUMED_KEYWORDS = ("minimum",)


def check(source: str) -> str:
    if source not in SOURCES:
        raise ValueError(f"unknown clause source {source!r}: one of {', '.join(SOURCES)}")
    return source


def of_rule(name: str) -> str:
    """The source of an ``x-constraints`` rule, from its ``x-source`` (the page's unless marked)."""
    for entry in spec.request_schema().get("x-constraints", []):
        if entry.get("name") == name:
            return SDK if str(entry.get("x-source", PAGE)).startswith(SDK) else PAGE
    return PAGE


def _without(schema: dict[str, Any], keywords: tuple[str, ...], fields: frozenset[str]) -> dict[str, Any]:
    relaxed = copy.deepcopy(schema)
    for name, prop in relaxed.get("properties", {}).items():
        if name in fields:
            relaxed["properties"][name] = {}
        for keyword in keywords:
            prop.pop(keyword, None)
    return relaxed


def _valid(schema: dict[str, Any], body: Any) -> bool:
    return jsonschema.Draft4Validator(schema).is_valid(body)


def of_invalid_body(body: Any) -> str:
    """Which source makes ``body`` invalid: ``assumption`` when only an assumed bound breaks it,
    ``sdk`` when only the SDK-only fields do, else ``page`` (the page's own types are broken)."""
    schema = {key: value for key, value in spec.request_schema().items() if not key.startswith("x-")}
    if _valid(schema, body):
        return PAGE  # the body is fine: the negative part is elsewhere (path, headers), a page matter
    if _valid(_without(schema, ASSUMED_KEYWORDS, frozenset()), body):
        return ASSUMPTION
    if _valid(_without(schema, (), spec.sdk_fields()), body):
        return SDK
    return PAGE
