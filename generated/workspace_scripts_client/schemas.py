"""The contract's OpenAPI 3.0 schemas as plain JSON Schema, for fastjsonschema.

Two things differ between the dialects and matter here: ``$ref`` points into the whole contract
(``#/components/...``), which a schema compiled on its own cannot reach, and ``nullable: true`` allows
``null``, which JSON Schema spells as a type. ``json_schema`` inlines the one and rewrites the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .contract import load_spec

MAX_DEPTH = 32  # the contract's schemas nest a few levels; a cycle would be a contract bug


def resolve(node: Mapping[str, Any]) -> dict[str, Any]:
    """``node`` itself, or what its local ``$ref`` (``#/components/...``) points at."""
    seen = 0
    while "$ref" in node:
        seen += 1
        if seen > MAX_DEPTH:
            raise ValueError(f"openapi.yaml: $ref chain too long at {node['$ref']!r}")
        target: Any = load_spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return dict(node)


def json_schema(schema: Mapping[str, Any], depth: int = 0) -> dict[str, Any]:
    """``schema`` with every ``$ref`` inlined and ``nullable: true`` written as a ``"null"`` type."""
    if depth > MAX_DEPTH:
        raise ValueError("openapi.yaml: schema nested too deeply (a $ref cycle?)")
    out = resolve(schema)
    if out.pop("nullable", False):
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    for key in ("properties", "patternProperties"):
        if key in out:
            out[key] = {name: json_schema(sub, depth + 1) for name, sub in out[key].items()}
    for key in ("items", "additionalProperties", "not"):
        if isinstance(out.get(key), Mapping):
            out[key] = json_schema(out[key], depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        if key in out:
            out[key] = [json_schema(sub, depth + 1) for sub in out[key]]
    return out


def operation_parameters(method: str, path: str) -> list[dict[str, Any]]:
    """The parameters of the operation at ``method`` ``path`` (as openapi.yaml spells the path), the path
    item's own included, each ``$ref`` resolved."""
    path_item = load_spec()["paths"][path]
    shared = [resolve(p) for p in path_item.get("parameters", [])]
    own = [resolve(p) for p in path_item[method.lower()].get("parameters", [])]
    names = {(p["name"], p["in"]) for p in own}
    return [p for p in shared if (p["name"], p["in"]) not in names] + own


def parameters_schema(method: str, path: str, location: str) -> dict[str, Any]:
    """One object schema over the operation's parameters ``in: location`` (``path`` or ``query``)."""
    parameters = [p for p in operation_parameters(method, path) if p["in"] == location]
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {p["name"]: json_schema(p.get("schema", {})) for p in parameters},
    }
    required = [p["name"] for p in parameters if p.get("required")]
    if required:
        schema["required"] = required
    return schema
