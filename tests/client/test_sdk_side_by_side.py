"""For every operation, this client sends what the official SDK (huaweicloudsdkworkspace 3.1.219) sends.

Both make the same call (``operations.OPERATIONS``) to one recording server, signed with AK/SK; the two
requests must agree on the method, the raw path, the raw query (byte for byte: the SDK sends its sorted,
percent-encoded canonical query, and so does this client), the JSON body (parsed: the SDK writes ``", "``
between items, httpx ``","``), the Content-Type and the list of signed headers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkworkspace.v2 import WorkspaceClient
from workspace_scripts_client import create_client
from workspace_scripts_client.types import EmptyResponse

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


def test_the_twelve_operations_are_all_here() -> None:
    assert len({operation.name for operation in OPERATIONS}) == 12


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.name for operation in OPERATIONS])
def test_our_request_is_the_sdks(recorder: tuple[str, type[Recorder]], operation: Operation) -> None:
    url, handler = recorder
    handler.requests.clear()
    handler.answer = operation.answer
    operation.sdk(sdk_client(url))
    client = create_client(endpoint=url, ak=AK, sk=SK, project_id=PROJECT, environ={}, raise_on_error=True)
    answer = operation.ours(client)
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
