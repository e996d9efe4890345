"""Turns a request body into a checked dict, using only rules read from the contract.

The JSON Schema of ``ExecuteScriptOrCommandReq`` is compiled once with fastjsonschema (draft 4, the
JSON Schema OpenAPI 3.0 is based on: ``1.0`` is not an integer); cross-field rules come from the
schema's ``x-constraints`` extension.
"""

from __future__ import annotations

import json
from typing import Any

import fastjsonschema
from workspace_scripts_client.contract import compile_constraints

from . import errors
from .errors import ServiceError
from .spec import request_schema

MAX_BODY_BYTES = 1024 * 1024
MAX_DEPTH = 32

# Body of POST /_reference/faults (not part of the contract, so its schema lives here).
FAULT_REQUEST = fastjsonschema.compile(
    {
        "$schema": "http://json-schema.org/draft-04/schema#",  # draft 4: 1.0 is not an integer
        "type": "object",
        "required": ["count"],
        "properties": {
            "count": {"type": "integer", "minimum": 0, "maximum": 1_000_000},
            "status": {"type": ["integer", "null"], "enum": [500, 503, None], "default": None},
            "delay_seconds": {"type": "number", "minimum": 0, "maximum": 300, "default": 0},
        },
        "additionalProperties": False,
    }
)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


# Built once: json.loads would build a decoder per call when given parse_constant.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, computed without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def decode_json(body: bytes) -> Any:
    """Strict UTF-8 JSON (no NaN/Infinity, at most MAX_DEPTH levels deep); ServiceError otherwise."""
    try:
        data = _DECODER.decode(body.decode("utf-8"))
    except RecursionError:
        raise ServiceError(errors.TOO_DEEP) from None
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
        raise ServiceError(errors.MALFORMED_JSON, f"{errors.MALFORMED_JSON.message} {exc}") from None
    # Cheap pre-test first: only a body with many brackets can be deep.
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and _depth(data) > MAX_DEPTH:
        raise ServiceError(errors.TOO_DEEP, f"{errors.TOO_DEEP.message} (limit: {MAX_DEPTH} levels)")
    return data


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
            raise ServiceError(errors.SCHEMA_VIOLATION, f"Invalid request body: {exc.message}") from None
        for rule in self._constraints:
            found = rule(data)
            if found is not None:
                raise ServiceError(errors.RULE_VIOLATION, found.message)
        checked: dict[str, Any] = data
        return checked
