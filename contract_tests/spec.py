"""Where the contract lives, and the parts of it the suite reads directly."""

from __future__ import annotations

from typing import Any

# One way to find the contract for every product: the reference server's, which also works once installed.
from reference_server.spec import SPEC_PATH as OPENAPI_PATH
from reference_server.spec import load_spec as load
from reference_server.spec import request_schema

__all__ = [
    "OPENAPI_PATH",
    "load",
    "request_schema",
    "request_examples",
    "id_list_fields",
    "integer_fields",
    "declared_fields",
]

OPERATION_PATH = "/v2/{project_id}/script-executions"
# Table "Status Codes" of the page, as openapi.yaml lists it.
ERROR_STATUSES = frozenset({400, 401, 403, 404, 405, 500, 503})


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


def declared_fields() -> frozenset[str]:
    """Every field Table 3 names; the page says nothing about others."""
    return frozenset(request_schema()["properties"])
