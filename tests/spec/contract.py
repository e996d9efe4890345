"""Loads openapi.yaml once and finds its operations, parameters and schemas, for the spec tests.

Local ``$ref`` pointers are followed (the contract is one file) and ``allOf`` is merged, so a test sees a
field where a reader of the contract would. Nodes are returned as they are stored, never copied: two
operations that share a schema share its property objects, which is how the tests tell that one
documented row backs a node the contract uses in several places.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@cache
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def resolve(node: Any) -> Any:
    """Follow ``$ref`` (local pointers only) until a concrete node."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation object) for every operation, in file order."""
    for path, item in spec()["paths"].items():
        for method in METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def find(operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """(METHOD, path, operation object) of ``operation_id``."""
    matches = [found for found in operations() if found[2].get("operationId") == operation_id]
    assert len(matches) == 1, (
        f"openapi.yaml must have exactly one operation {operation_id}, has {len(matches)}"
    )
    return matches[0]


def operation(operation_id: str) -> dict[str, Any]:
    return find(operation_id)[2]


def parameters(operation_id: str) -> list[dict[str, Any]]:
    """The operation's parameters, its path item's included (an operation's own wins, as in OpenAPI)."""
    _, path, op = find(operation_id)
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for param in spec()["paths"][path].get("parameters", []) + op.get("parameters", []):
        param = resolve(param)
        merged[(param["name"], param["in"])] = param
    return list(merged.values())


def security(operation_id: str) -> list[dict[str, Any]]:
    """The security requirements in force for the operation (its own, else the document's)."""
    op = operation(operation_id)
    found: list[dict[str, Any]] = op["security"] if "security" in op else spec().get("security", [])
    return found


def request_schema(operation_id: str) -> dict[str, Any] | None:
    body = operation(operation_id).get("requestBody")
    if body is None:
        return None
    schema: dict[str, Any] = resolve(resolve(body)["content"]["application/json"]["schema"])
    return schema


def response(operation_id: str, status: int) -> dict[str, Any]:
    found: dict[str, Any] = resolve(operation(operation_id)["responses"][str(status)])
    return found


def response_schema(operation_id: str, status: int) -> dict[str, Any] | None:
    content = response(operation_id, status).get("content")
    if content is None:
        return None
    schema: dict[str, Any] = resolve(content["application/json"]["schema"])
    return schema


def flatten(schema: Any) -> dict[str, Any]:
    """The schema with ``$ref`` followed and ``allOf`` merged: keywords of the parts, ``properties`` and
    ``required`` joined (the property objects themselves, not copies)."""
    schema = resolve(schema)
    if not isinstance(schema, dict) or "allOf" not in schema:
        return schema if isinstance(schema, dict) else {}
    merged: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for part in [flatten(p) for p in schema["allOf"]] + [{k: v for k, v in schema.items() if k != "allOf"}]:
        properties.update(part.get("properties", {}))
        required += part.get("required", [])
        merged.update({k: v for k, v in part.items() if k not in {"properties", "required"}})
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def items_of(schema: Any) -> dict[str, Any]:
    """The flattened item schema of an array schema."""
    return flatten(flatten(schema).get("items", {}))
