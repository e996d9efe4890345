"""For every operation, this client sends what the official SDK (huaweicloudsdkworkspace 3.1.219) sends.

Both make the same call (``operations.OPERATIONS``) to one recording server, signed with AK/SK; the two
requests must agree on the method, the raw path, the raw query (byte for byte: the SDK sends its sorted,
percent-encoded canonical query, and so does this client), the JSON body (parsed: the SDK writes ``", "``
between items, httpx ``","``), the Content-Type and the list of signed headers.

The same holds for the asynchronous calls: our ``asyncio_detailed`` and ``asyncio`` against the SDK's
``WorkspaceAsyncClient`` (whose ``*_async`` methods answer a future), with the same sample calls.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkworkspace.v2 import WorkspaceAsyncClient, WorkspaceClient
from workspace_scripts_client import create_client
from workspace_scripts_client.types import EmptyResponse

from . import operations
from .constants import AK, PROJECT, SK
from .operations import OPERATIONS, Operation


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    raw_query: str
    query: dict[str, list[str]]  # raw (still percent-encoded) values per key, in the order sent
    body: Any
    content_type: str | None
    signed: str


def seen(method: str, target: str, headers: Any, content: bytes) -> Seen:
    path, _, query = target.partition("?")
    values: dict[str, list[str]] = {}
    for pair in filter(None, query.split("&")):
        key, _, value = pair.partition("=")
        values.setdefault(key, []).append(value)
    signed = headers["Authorization"].split("SignedHeaders=")[1].split(",")[0]
    body = json.loads(content) if content else None
    return Seen(method, path, query, values, body, headers.get("Content-Type"), signed)


class Recorder(BaseHTTPRequestHandler):
    """Keeps each request and answers it with the operation's documented success."""

    requests: list[Seen]
    answer: tuple[int, bytes]

    def _record(self) -> None:
        content = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.requests.append(seen(self.command, self.path, self.headers, content))
        status, body = self.answer
        self.send_response(status)
        if body:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _record

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def recorder() -> Iterator[tuple[str, type[Recorder]]]:
    handler = type("Handler", (Recorder,), {"requests": [], "answer": (200, b"")})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def sdk_client(url: str) -> WorkspaceClient:
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True  # plain http: nothing to verify
    credentials = BasicCredentials(AK, SK, PROJECT)
    return (
        WorkspaceClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoints([url])
        .build()
    )


# The endpoint modules the sample calls use, one per operation.
ENDPOINTS = [
    module
    for module in vars(operations).values()
    if isinstance(module, ModuleType) and module.__name__.startswith("workspace_scripts_client.api.script.")
]


def sdk_async_client(url: str) -> Any:
    """The SDK's WorkspaceAsyncClient, behind the sync client's method names (``create_script`` calls
    ``create_script_async`` and waits for its future), so that the same sample calls drive it."""
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    client = (
        WorkspaceAsyncClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(AK, SK, PROJECT))
        .with_endpoints([url])
        .build()
    )

    class Waiting:
        def __getattr__(self, name: str) -> Callable[[Any], Any]:
            return lambda request: getattr(client, f"{name}_async")(request).result()

    return Waiting()


class Parsed:
    """What ``asyncio`` returns, in the shape of a ``Response`` for the comparison below."""

    def __init__(self, parsed: Any) -> None:
        self.parsed = parsed


def run_async(module: Any, detailed: bool, made: list[str]) -> Callable[..., Any]:
    """A stand-in for ``module.sync_detailed`` that makes the same call through ``asyncio_detailed`` (or
    ``asyncio``) in an event loop of its own, closing the client's AsyncClient afterwards; each call it
    makes is noted in ``made``."""

    def call(*args: Any, **kwargs: Any) -> Any:
        made.append(module.__name__)

        async def scenario() -> Any:
            async with kwargs["client"]:
                if detailed:
                    return await module.asyncio_detailed(*args, **kwargs)
                return Parsed(await module.asyncio(*args, **kwargs))

        return asyncio.run(scenario())

    return call


def test_the_twelve_operations_are_all_here() -> None:
    assert len({operation.name for operation in OPERATIONS}) == 12
    assert len(ENDPOINTS) == 12


@pytest.mark.parametrize("mode", ["sync", "asyncio_detailed", "asyncio"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.name for operation in OPERATIONS])
def test_our_request_is_the_sdks(
    recorder: tuple[str, type[Recorder]], operation: Operation, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, handler = recorder
    handler.requests.clear()
    handler.answer = operation.answer
    made: list[str] = []
    if mode == "sync":
        operation.sdk(sdk_client(url))
    else:
        operation.sdk(sdk_async_client(url))
        # The sample calls name each endpoint's sync_detailed: each is routed to its async twin instead.
        for module in ENDPOINTS:
            monkeypatch.setattr(module, "sync_detailed", run_async(module, mode == "asyncio_detailed", made))
    client = create_client(endpoint=url, ak=AK, sk=SK, project_id=PROJECT, environ={}, raise_on_error=True)
    answer = operation.ours(client)
    assert len(made) == (0 if mode == "sync" else 1)  # the async path was the one taken
    sdk_request, ours = handler.requests
    assert ours.method == sdk_request.method == operation.method
    assert ours.path == sdk_request.path
    assert ours.raw_query == sdk_request.raw_query
    assert ours.body == sdk_request.body
    assert ours.content_type == sdk_request.content_type == "application/json"
    assert ours.signed == sdk_request.signed
    if operation.answer[1] == b"":
        assert answer.parsed == EmptyResponse(operation.answer[0])
    else:
        assert answer.parsed is not None


def test_array_values_travel_as_repeated_keys_and_booleans_in_lower_case(
    recorder: tuple[str, type[Recorder]],
) -> None:
    # The encodings the comparison above relies on, spelt out: what a server must accept from both.
    url, handler = recorder
    records = next(operation for operation in OPERATIONS if operation.name == "ListScriptRecords")
    handler.requests.clear()
    handler.answer = records.answer
    records.ours(create_client(endpoint=url, ak=AK, sk=SK, project_id=PROJECT, environ={}))
    (ours,) = handler.requests
    assert ours.query["resource_id"] == ["desktop%2002", "desktop-01"]  # sorted, as the SDK sorts
    assert ours.query["show_history"] == ["true"] and ours.query["is_first_order"] == ["false"]
    assert ours.query["execute_time_end"] == ["2021-10-01T12%3A00%3A00Z"]
    assert "offset" not in ours.query  # not passed, not sent: the server applies its default
