"""Where the contract lives, and the parts of it the suite reads directly."""

from __future__ import annotations

import copy
from typing import Any

# The contract core of the client package: one way to find the contract, also once installed.
from workspace_scripts_client.contract import REQUEST_SCHEMA, request_schema
from workspace_scripts_client.contract import SPEC_PATH as OPENAPI_PATH
from workspace_scripts_client.contract import load_spec as load

__all__ = [
    "OPENAPI_PATH",
    "load",
    "request_schema",
    "request_examples",
    "id_list_fields",
    "integer_fields",
    "declared_fields",
    "sdk_fields",
    "page_view",
]

OPERATION_PATH = "/v2/{project_id}/script-executions"
# The suite fuzzes every operation of the contract (the whole Script API group).
FUZZED_OPERATIONS = tuple(
    operation["operationId"]
    for item in load()["paths"].values()
    for operation in item.values()
    if isinstance(operation, dict) and "operationId" in operation
)
# Table "Status Codes" of the page, as openapi.yaml lists it.
ERROR_STATUSES = frozenset({400, 401, 403, 404, 405, 500, 503})


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its local ``$ref`` chain followed within ``document``."""
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def request_examples() -> dict[str, dict[str, Any]]:
    """The named request examples of openapi.yaml: bodies the contract itself calls valid."""
    content = load()["paths"][OPERATION_PATH]["post"]["requestBody"]["content"]["application/json"]
    return {name: example["value"] for name, example in content["examples"].items()}


def id_list_fields() -> list[str]:
    """Request fields typed "Array of strings" in Table 3."""
    properties = request_schema()["properties"]
    return [name for name, prop in properties.items() if prop.get("type") == "array"]


def integer_fields() -> list[str]:
    """Request fields typed "Integer" in Table 3."""
    return [name for name, prop in request_schema()["properties"].items() if prop.get("type") == "integer"]


def sdk_fields() -> frozenset[str]:
    """Request fields that come from the official SDK, not from the page (``x-source: sdk``)."""
    return frozenset(name for name, prop in request_schema()["properties"].items() if _from_sdk(prop))


def declared_fields() -> frozenset[str]:
    """Every field Table 3 names; the page says nothing about others (the SDK's fields among them)."""
    return frozenset(request_schema()["properties"]) - sdk_fields()


def _from_sdk(node: dict[str, Any]) -> bool:
    return str(node.get("x-source", "")).startswith("sdk")


def page_view(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` without the request fields and rules taken from the SDK: what a server that follows
    the reference page alone must satisfy (such a server may refuse or ignore the SDK's fields)."""
    view = copy.deepcopy(document)
    schema = view["components"]["schemas"][REQUEST_SCHEMA]
    schema["properties"] = {name: p for name, p in schema["properties"].items() if not _from_sdk(p)}
    schema["x-constraints"] = [rule for rule in schema.get("x-constraints", []) if not _from_sdk(rule)]
    return view
