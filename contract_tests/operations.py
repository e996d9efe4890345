"""The contract's operations as the suite reads them from openapi.yaml, and one way to call any of them.

Every hand-made request of the Script API clauses goes through ``call``: it is prepared and sent by the
run's guarded session (``guard.session()``), authenticated like the fuzzed requests, so live mode's guard
sees every byte and a timeout is a finding naming its clause.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote

import pytest
import requests

from contract_tests import guard, report, sources, spec
from contract_tests.target import REQUEST_TIMEOUT, Target

ORIGINAL = "ExecuteScriptOrCommand"  # the operation the suite began with, and fuzzes the most
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # "path" or "query"
    schema: dict[str, Any]
    required: bool
    source: str  # x-source of the parameter: "page" unless marked

    @property
    def is_array(self) -> bool:
        return self.schema.get("type") == "array"


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the template, "/v2/{project_id}/scripts/{script_id}"
    success: int  # the documented 2xx status
    success_has_body: bool
    body_schema: str | None  # name of the request body's schema in components
    parameters: tuple[Parameter, ...] = ()
    constraints: tuple[dict[str, Any], ...] = ()  # x-constraints on the operation (query rules)
    links: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return f"{self.operation_id} ({self.method} {self.path.removeprefix('/v2/{project_id}')})"

    def parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)

    def query(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.where == "query")

    def path_ids(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters if p.where == "path" and p.name != "project_id")


def source_of(node: Mapping[str, Any]) -> str:
    """The clause source for a node of the contract: its ``x-source`` mapped onto the suite's sources."""
    given = str(node.get("x-source", sources.PAGE))
    if given.startswith("sdk"):
        return sources.SDK
    return sources.ASSUMPTION if given == "assumption" else sources.PAGE


@cache
def all_operations() -> tuple[Operation, ...]:
    document = spec.load()
    found = []
    for path, item in document["paths"].items():
        shared = [spec.resolve(document, p) for p in item.get("parameters", [])]
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            own = [spec.resolve(document, p) for p in operation.get("parameters", [])]
            parameters = tuple(
                Parameter(
                    p["name"],
                    p["in"],
                    spec.resolve(document, p.get("schema", {})),
                    bool(p.get("required")),
                    source_of(p),
                )
                for p in [*shared, *own]
            )
            success = min(int(code) for code in operation["responses"] if code.startswith("2"))
            answer = spec.resolve(document, operation["responses"][str(success)])
            body = operation.get("requestBody")
            body_schema = None
            if body is not None:
                ref = spec.resolve(document, body)["content"]["application/json"]["schema"]["$ref"]
                body_schema = ref.rsplit("/", 1)[-1]
            found.append(
                Operation(
                    operation["operationId"],
                    method.upper(),
                    path,
                    success,
                    "content" in answer,
                    body_schema,
                    parameters,
                    tuple(operation.get("x-constraints", [])),
                    tuple(answer.get("links", {})),
                )
            )
    return tuple(found)


def by_id(operation_id: str) -> Operation:
    return next(op for op in all_operations() if op.operation_id == operation_id)


def of_case(case: Any) -> Operation:
    """The operation a Schemathesis case is for."""
    method, path = case.operation.method.upper(), case.operation.path
    return next(op for op in all_operations() if op.method == method and op.path == path)


def operation_ids() -> list[str]:
    return [op.operation_id for op in all_operations()]


def methods_of(path: str) -> frozenset[str]:
    return frozenset(op.method for op in all_operations() if op.path == path)


def paths() -> list[str]:
    return list(dict.fromkeys(op.path for op in all_operations()))


def body_schema(name: str) -> dict[str, Any]:
    """A request body schema of components, ``$ref``s of its properties resolved."""
    document = spec.load()
    schema = dict(document["components"]["schemas"][name])
    schema["properties"] = {
        key: spec.resolve(document, value) for key, value in schema.get("properties", {}).items()
    }
    return schema


def request_example(operation: Operation) -> Any:
    """The body openapi.yaml gives as this operation's example (the first named one when several)."""
    document = spec.load()
    path_item = document["paths"][operation.path][operation.method.lower()]
    content = spec.resolve(document, path_item["requestBody"])["content"]["application/json"]
    if "example" in content:
        return content["example"]
    return next(iter(content["examples"].values()))["value"]


def url(
    target: Target,
    operation: Operation,
    path_ids: Mapping[str, str] | None = None,
    *,
    project_id: str | None = None,
) -> str:
    values = {"project_id": project_id or target.project_id, **(path_ids or {})}
    path = operation.path
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return target.base_url.rstrip("/") + path


def call(
    target: Target,
    operation: Operation,
    *,
    path_ids: Mapping[str, str] | None = None,
    query: Mapping[str, Any] | None = None,
    body: Any = None,
    raw_body: bytes | None = None,
    method: str | None = None,
    credentials: bool = True,
    headers: Mapping[str, str] | None = None,
    project_id: str | None = None,
) -> requests.Response:
    """One request to ``operation`` (or ``method`` on its path); ``query`` values that are lists travel as
    repeated keys, booleans as ``true``/``false``."""
    params: list[tuple[str, str]] = []
    for name, value in (query or {}).items():
        for item in value if isinstance(value, list | tuple) else [value]:
            params.append((name, json.dumps(item) if isinstance(item, bool) else str(item)))
    data = raw_body
    if data is None and body is not None:
        data = json.dumps(body).encode()
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    kwargs: dict[str, Any] = {}
    if credentials:
        all_headers = {**target.headers(), **all_headers}
        kwargs = target.transport_kwargs()
    request = requests.Request(
        method or operation.method,
        url(target, operation, path_ids, project_id=project_id),
        params=params,
        data=data,
        headers=all_headers,
        **kwargs,
    )
    session = guard.session()
    prepared = session.prepare_request(request)
    refusal = session.guard.refusal(prepared.method or "", prepared.url or "", guard._as_bytes(prepared.body))
    if refusal is not None:
        # Live mode would not send it (a script that is not the suite's, a desktop tag not given, ...).
        pytest.skip(f"live mode does not send {operation.operation_id} so: {refusal}")
    try:
        return session.send(prepared, timeout=REQUEST_TIMEOUT)
    except requests.Timeout:
        raise report.unanswered(report.curl(prepared), REQUEST_TIMEOUT) from None


def json_body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
