"""Where the contract lives, and the parts of it the suite reads directly."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"
OPERATION_PATH = "/v2/{project_id}/script-executions"
REQUEST_SCHEMA = "ExecuteScriptOrCommandReq"
# Table "Status Codes" of the page, as openapi.yaml lists it.
ERROR_STATUSES = frozenset({400, 401, 403, 404, 405, 500, 503})


@cache
def load() -> dict[str, Any]:
    with OPENAPI_PATH.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


def request_schema() -> dict[str, Any]:
    schema: dict[str, Any] = load()["components"]["schemas"][REQUEST_SCHEMA]
    return schema


def request_examples() -> dict[str, dict[str, Any]]:
    """The named request examples of openapi.yaml: bodies the contract itself calls valid."""
    content = load()["paths"][OPERATION_PATH]["post"]["requestBody"]["content"]["application/json"]
    return {name: example["value"] for name, example in content["examples"].items()}


def id_list_fields() -> list[str]:
    """Request fields typed "Array of strings" in Table 3."""
    properties = request_schema()["properties"]
    return [name for name, prop in properties.items() if prop.get("type") == "array"]
