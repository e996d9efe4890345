"""The route table (reference_server/operations.py) is the contract's: every path, method and
operationId, each with a handler; and the server builds a validator for each."""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from typing import Any

import pytest

from reference_server import create_app, routes
from reference_server.operations import HANDLERS, ROUTES
from reference_server.spec import load_spec

from .constants import CREDENTIALS, PROJECT, TOKEN


def test_every_operation_of_the_contract_is_routed_to_its_handler() -> None:
    contract = {
        (path, method.upper()): operation["operationId"]
        for path, item in load_spec()["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
    }
    routed = {
        (path, method): operation for path, methods in ROUTES.items() for method, operation in methods.items()
    }
    assert routed == contract
    assert set(HANDLERS) == set(contract.values())
    assert create_app(credentials=CREDENTIALS).service.operations == set(contract.values())


def test_remembered_routes_answer_each_path_its_own_and_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Routes are remembered per path; a full memory is emptied, not grown, and a remembered path still
    carries its own ids."""
    monkeypatch.setattr(routes, "MATCHES_KEPT", 3)
    app = create_app(credentials=CREDENTIALS)
    answers = []

    async def call(path: str) -> None:
        scope: dict[str, Any] = {"type": "http", "method": "DELETE", "path": path, "query_string": b""}
        scope |= {"raw_path": path.encode(), "headers": [(b"x-auth-token", TOKEN.encode())]}

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.body":
                answers.append(message["body"])

        await app(scope, receive, send)

    paths = [f"/v2/{PROJECT}/scripts/script-{n}" for n in (1, 2, 3, 4, 2)]
    for path in paths:
        asyncio.run(call(path))
        assert len(app._matched) <= 3
    for path, answer in zip(paths, answers, strict=True):
        assert path.rsplit("/", 1)[1].encode() in answer  # "Script not found: script-N"
