"""Loads openapi.yaml once and resolves its local ``$ref`` pointers, for the spec tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
OPERATION_PATH = "/v2/{project_id}/script-executions"


@cache
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def resolve(node: Any) -> Any:
    """Follow ``$ref`` (local pointers only: the contract is one file) until a concrete node."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operation() -> dict[str, Any]:
    return spec()["paths"][OPERATION_PATH]["post"]


def parameters() -> list[dict[str, Any]]:
    path_item = spec()["paths"][OPERATION_PATH]
    return [resolve(p) for p in path_item.get("parameters", []) + operation().get("parameters", [])]


def request_schema() -> dict[str, Any]:
    body = resolve(operation()["requestBody"])
    return resolve(body["content"]["application/json"]["schema"])


def response(status: int) -> dict[str, Any]:
    return resolve(operation()["responses"][str(status)])
