"""Turns a request body into a checked dict, using only rules read from the contract.

The JSON Schema of ``ExecuteScriptOrCommandReq`` is compiled once with fastjsonschema (draft 4, the
JSON Schema OpenAPI 3.0 is based on: ``1.0`` is not an integer); cross-field rules come from the
schema's ``x-constraints`` extension.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import fastjsonschema
from workspace_scripts_client import schema_errors
from workspace_scripts_client.contract import compile_constraints

from . import errors
from .errors import ServiceError
from .spec import load_spec, request_schema

MAX_BODY_BYTES = 1024 * 1024
MAX_DEPTH = 32
# Far above any count or timeout, far below Python's own 4,300-digit limit (whose message would leak).
MAX_NUMBER_DIGITS = 100
JSON_MEDIA_TYPE = "application/json"

# Body of POST /_reference/faults (not part of the contract, so its schema lives here; docs/server.md's
# table of its fields is checked against it).
FAULT_REQUEST_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",  # draft 4: 1.0 is not an integer
    "type": "object",
    "required": ["count"],
    "properties": {
        "count": {"type": "integer", "minimum": 0, "maximum": 1_000_000},
        "status": {"type": ["integer", "null"], "enum": [500, 503, None], "default": None},
        "delay_seconds": {"type": "number", "minimum": 0, "maximum": 300, "default": 0},
        "after_commit": {"type": "boolean", "default": False},
        "drop_connection": {"type": "boolean", "default": False},
    },
    "additionalProperties": False,
}
FAULT_REQUEST = fastjsonschema.compile(FAULT_REQUEST_SCHEMA)


class _NumberTooLong(ValueError):
    pass


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(f"an integer has {len(digits.lstrip('-'))} digits")
    return int(digits)


def _parse_float(text: str) -> float:
    value = float(text)
    if len(text) > MAX_NUMBER_DIGITS + 10 or math.isinf(value):  # 1e999 would be stored as Infinity
        raise _NumberTooLong(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is out of range")
    return value


# Built once: json.loads would build a decoder per call when given hooks. (The integer hook costs about
# 0.1 us per number; a regex pre-scan for long numbers cost more than that.)
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_int=_parse_int, parse_float=_parse_float)
# A \uD800-\uDFFF escape in the text is the only way a lone surrogate gets into a decoded string.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _media_type(content_type: str) -> tuple[str, dict[str, str]]:
    """``application/json; charset="UTF-8"`` -> ("application/json", {"charset": "utf-8"})."""
    kind, *params = content_type.split(";")
    parsed = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), parsed


def check_content_type(content_type: str) -> None:
    """JSON bodies must say so; a charset other than UTF-8 is refused rather than guessed at (JSON
    exchanged between systems is UTF-8, RFC 8259 section 8.1)."""
    if content_type == JSON_MEDIA_TYPE:  # what nearly every client sends
        return
    kind, params = _media_type(content_type)
    if kind != JSON_MEDIA_TYPE:
        raise ServiceError(errors.NOT_JSON)
    charset = params.get("charset", "utf-8")
    if charset not in ("utf-8", "utf8"):
        raise ServiceError(
            errors.NOT_JSON, f"The request body must be UTF-8 JSON; charset={charset} is not supported."
        )


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, computed without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _strings(value: Any) -> Iterator[str]:
    """Every string in parsed JSON, object keys included, without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only surrogates cannot be encoded
        return True
    return False


def decode_json(body: bytes) -> Any:
    """Strict UTF-8 JSON (no NaN/Infinity, no lone surrogates, numbers of sane length, at most MAX_DEPTH
    levels deep); ServiceError otherwise."""
    try:
        data = _DECODER.decode(body.decode("utf-8"))
    except RecursionError:
        raise ServiceError(errors.TOO_DEEP) from None
    except _NumberTooLong as exc:
        message = f"{errors.NUMBER_TOO_LONG.message} ({exc}; at most {MAX_NUMBER_DIGITS} digits)"
        raise ServiceError(errors.NUMBER_TOO_LONG, message) from None
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
        raise ServiceError(errors.MALFORMED_JSON, f"{errors.MALFORMED_JSON.message} {exc}") from None
    # Cheap pre-tests first: only a body with many brackets can be deep, only one with a \uD8.. escape
    # can hold a lone surrogate.
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and _depth(data) > MAX_DEPTH:
        raise ServiceError(errors.TOO_DEEP, f"{errors.TOO_DEEP.message} (limit: {MAX_DEPTH} levels)")
    if _SURROGATE_ESCAPE.search(body) and any(_has_lone_surrogate(text) for text in _strings(data)):
        message = "The request body holds a lone UTF-16 surrogate (\\uD800-\\uDFFF), which is not text."
        raise ServiceError(errors.MALFORMED_JSON, message)
    return data


def describe(exc: fastjsonschema.JsonSchemaValueException) -> str:
    """The failure naming the field as the client does (``gray_count must be integer``)."""
    return schema_errors.describe(exc).message


class RequestValidator:
    def __init__(self, schema: dict[str, Any] | None = None) -> None:
        schema = schema if schema is not None else request_schema()
        draft4 = {**schema, "$schema": "http://json-schema.org/draft-04/schema#"}
        self._validate = fastjsonschema.compile(draft4)
        # An unknown rule kind fails here, at start-up (UnknownConstraintKind, a ValueError).
        self._constraints = compile_constraints(schema)

    def parse(self, body: bytes) -> dict[str, Any]:
        """Decode and check a body (already known to be at most MAX_BODY_BYTES); ServiceError if bad."""
        if not body.strip():
            raise ServiceError(errors.EMPTY_BODY)
        return self.check(decode_json(body))

    def check(self, data: Any) -> dict[str, Any]:
        """Schema, then cross-field rules, on an already decoded body."""
        try:
            self._validate(data)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise ServiceError(errors.SCHEMA_VIOLATION, f"Invalid request body: {describe(exc)}") from None
        for rule in self._constraints:
            found = rule(data)
            if found is not None:
                raise ServiceError(errors.RULE_VIOLATION, found.message)
        checked: dict[str, Any] = data
        return checked


# Query values arrive as text; the contract types them. Integers and booleans are read here, anything
# else is left as text for the schema to refuse with its own message.
_INTEGER = re.compile(rf"[+-]?[0-9]{{1,{MAX_NUMBER_DIGITS}}}")
_BOOLEANS = {"true": True, "false": False}
QUERIES_KEPT = 4096  # accepted query strings remembered per operation; the memory is emptied when full


def inline_refs(node: Any, spec: dict[str, Any]) -> Any:
    """``node`` with every local ``$ref`` replaced by what it points to (the contract has no cycles)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = spec
            for part in ref[2:].split("/"):
                target = target[part]
            return inline_refs(target, spec)
        return {key: inline_refs(value, spec) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(item, spec) for item in node]
    return node


def _read_query_value(schema: dict[str, Any], text: str) -> Any:
    kind = schema.get("type")
    if kind == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "boolean":  # any letter case: the Python SDK sends True (contract decision)
        return _BOOLEANS.get(text.lower(), text)
    return text


class OperationValidator:
    """Path parameters, query parameters and body of one operation, checked against the contract: each
    parameter's schema, the body's schema and ``x-constraints`` of the body and of the operation (one
    evaluator for both, from the client package)."""

    def __init__(self, operation_id: str, path_item: dict[str, Any], operation: dict[str, Any]) -> None:
        spec = load_spec()
        self.operation_id = operation_id
        parameters = inline_refs([*path_item.get("parameters", []), *operation.get("parameters", [])], spec)
        self._path = {p["name"]: p["schema"] for p in parameters if p["in"] == "path"}
        self._query = {p["name"]: p["schema"] for p in parameters if p["in"] == "query"}
        self._check_path = self._compile(self._path, [name for name in self._path if name != "project_id"])
        self._check_query = self._compile(self._query, [p["name"] for p in parameters if p.get("required")])
        self._query_rules = compile_constraints(operation)
        self._queries: dict[str, dict[str, Any]] = {}
        body = operation.get("requestBody")
        self.body_required = bool(body and body.get("required"))
        self._body = (
            RequestValidator(inline_refs(body["content"][JSON_MEDIA_TYPE]["schema"], spec)) if body else None
        )

    @staticmethod
    def _compile(properties: dict[str, Any], required: list[str]) -> Any:
        schema = {
            "$schema": "http://json-schema.org/draft-04/schema#",
            "type": "object",
            "properties": properties,
            "required": [name for name in required if name in properties] or None,
        }
        if schema["required"] is None:
            del schema["required"]
        return fastjsonschema.compile(schema)

    @property
    def has_body(self) -> bool:
        return self._body is not None

    def path(self, params: dict[str, str]) -> dict[str, str]:
        checked = {name: value for name, value in params.items() if name != "project_id"}
        try:
            self._check_path(checked)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise ServiceError(
                errors.PARAMETER_VIOLATION, f"Invalid path parameter: {describe(exc)}"
            ) from None
        return checked

    def query(self, query_string: str) -> dict[str, Any]:
        """The documented query parameters, typed; unknown ones are ignored. Array parameters are read
        from repeated keys (a comma inside a value belongs to the value); any other parameter sent twice
        is refused, since which one counts would be a guess. An accepted query string is remembered (a
        poller sends the same one again and again; bounded, since they carry ids); each caller gets its
        own copy."""
        values = self._queries.get(query_string)
        if values is None:
            values = self._read_query(query_string)
            if len(self._queries) >= QUERIES_KEPT:
                self._queries.clear()
            self._queries[query_string] = values
        return {name: list(value) if isinstance(value, list) else value for name, value in values.items()}

    def _read_query(self, query_string: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, texts in parse_qs(query_string, keep_blank_values=True).items():
            schema = self._query.get(name)
            if schema is None:
                continue
            if schema.get("type") == "array":
                values[name] = [_read_query_value(schema.get("items", {}), text) for text in texts]
            elif len(texts) > 1:
                message = f"Invalid query parameter: {name} was sent {len(texts)} times; send it once."
                raise ServiceError(errors.PARAMETER_VIOLATION, message)
            else:
                values[name] = _read_query_value(schema, texts[0])
        try:
            self._check_query(values)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise ServiceError(
                errors.PARAMETER_VIOLATION, f"Invalid query parameter: {describe(exc)}"
            ) from None
        for rule in self._query_rules:
            found = rule(values)
            if found is not None:
                raise ServiceError(errors.PARAMETER_RULE_VIOLATION, found.message)
        return values

    def body(self, body: bytes) -> dict[str, Any]:
        if self._body is None:
            return {}
        if not body.strip() and not self.body_required:
            return {}
        return self._body.parse(body)
