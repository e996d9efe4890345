"""A retry policy keeps every httpx setting (proxies, mounts, limits, http2, verify), honours Retry-After
and never retries a TLS certificate failure.

``tls/`` holds a throwaway self-signed certificate for 127.0.0.1 (key included) made for these tests only.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import ssl
import sys
import threading
import types
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import tenacity
from workspace_scripts_client import AuthenticatedClient, RetryPolicy
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import ExecuteScriptOrCommandReq, ExecuteScriptOrCommandResponse
from workspace_scripts_client.retry_transport import (
    AsyncRetryingTransport,
    PolicyWait,
    RetryingTransport,
    certificate_failure,
    retry_after_seconds,
)

from .constants import PROJECT, TOKEN
from .mock_client import Recorder, mock_client

TLS = Path(__file__).parent / "tls"
CERT, KEY = TLS / "localhost-cert.pem", TLS / "localhost-key.pem"
FAST = RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.02)
BODY = ExecuteScriptOrCommandReq(resource_ids=["desktop-01"], script_ids=["script-01"])


class CountingServer(ThreadingHTTPServer):
    """Counts accepted connections; answers ``unavailable`` 503s, then tasks; keeps the request targets."""

    def __init__(self, unavailable: int = 0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.connections = 0
        self.unavailable = unavailable
        self.targets: list[str] = []

    def get_request(self) -> Any:
        self.connections += 1  # before accept(): a TLS handshake that fails happens inside it
        return super().get_request()


class Handler(BaseHTTPRequestHandler):
    server: CountingServer

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.targets.append(self.path)
        status, answer = 200, {"task_id": "task-1"}
        if self.server.unavailable > 0:
            self.server.unavailable -= 1
            status, answer = 503, {"error_code": "WKS.0503", "error_msg": "busy"}
        content = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args: object) -> None:
        pass


def serve(server: CountingServer) -> Iterator[CountingServer]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def plain_server() -> Iterator[CountingServer]:
    yield from serve(CountingServer(unavailable=2))


@pytest.fixture
def tls_server() -> Iterator[CountingServer]:
    server = CountingServer()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from serve(server)


def url_of(server: CountingServer, scheme: str = "http") -> str:
    return f"{scheme}://127.0.0.1:{server.server_address[1]}"


def client_for(url: str, **httpx_args: Any) -> AuthenticatedClient:
    verify = httpx_args.pop("verify", True)
    return AuthenticatedClient(url, token=TOKEN, retry=FAST, verify_ssl=verify, httpx_args=httpx_args)


def test_a_proxy_is_kept_and_its_503s_are_retried(plain_server: CountingServer) -> None:
    # The service's host does not resolve: only a client that goes through the proxy gets an answer.
    client = client_for("http://workspace.invalid", proxy=url_of(plain_server))
    parsed = execute.sync(PROJECT, client=client, body=BODY)
    assert isinstance(parsed, ExecuteScriptOrCommandResponse)
    assert plain_server.targets == [f"http://workspace.invalid/v2/{PROJECT}/script-executions"] * 3


def test_mounted_transports_are_kept_and_retry_too(plain_server: CountingServer) -> None:
    mounts = {"http://workspace.invalid": httpx.HTTPTransport(proxy=url_of(plain_server))}
    parsed = execute.sync(PROJECT, client=client_for("http://workspace.invalid", mounts=mounts), body=BODY)
    assert isinstance(parsed, ExecuteScriptOrCommandResponse)
    assert len(plain_server.targets) == 3


def test_async_clients_keep_the_proxy_too(plain_server: CountingServer) -> None:
    import asyncio  # noqa: PLC0415

    async def call() -> object:
        async with client_for("http://workspace.invalid", proxy=url_of(plain_server)) as client:
            return await execute.asyncio(PROJECT, client=client, body=BODY)

    assert isinstance(asyncio.run(call()), ExecuteScriptOrCommandResponse)
    assert len(plain_server.targets) == 3


def test_connection_limits_are_kept(plain_server: CountingServer) -> None:
    plain_server.unavailable = 0
    limits = httpx.Limits(max_connections=1)
    client = client_for(url_of(plain_server), limits=limits, timeout=httpx.Timeout(5.0, pool=0.05))
    http = client.get_httpx_client()
    holding = http.stream("POST", f"/v2/{PROJECT}/script-executions", json={})  # the only connection
    with holding, pytest.raises(httpx.PoolTimeout):
        execute.sync(PROJECT, client=client, body=BODY)
    assert isinstance(execute.sync(PROJECT, client=client, body=BODY), ExecuteScriptOrCommandResponse)


def test_http2_reaches_the_transport_httpx_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("h2") is None:
        # httpx only checks that h2 imports when the client is made; nothing here opens a connection.
        monkeypatch.setitem(sys.modules, "h2", types.ModuleType("h2"))
    http = client_for("https://workspace.invalid", http2=True).get_httpx_client()
    transport = http._transport
    assert isinstance(transport, RetryingTransport)
    assert transport.inner._pool._http2 is True  # type: ignore[attr-defined]


def test_a_custom_verify_context_is_used(tls_server: CountingServer) -> None:
    context = ssl.create_default_context(cafile=CERT)
    client = client_for(url_of(tls_server, "https"), verify=context)
    assert isinstance(execute.sync(PROJECT, client=client, body=BODY), ExecuteScriptOrCommandResponse)


def test_a_certificate_failure_is_raised_at_once_not_retried(tls_server: CountingServer) -> None:
    client = client_for(url_of(tls_server, "https"))  # verify=True: the self-signed certificate fails
    with pytest.raises(httpx.ConnectError) as caught:
        execute.sync(PROJECT, client=client, body=BODY)
    assert certificate_failure(caught.value)
    assert tls_server.connections == 1


def test_a_refused_connection_is_not_a_certificate_failure() -> None:
    assert not certificate_failure(httpx.ConnectError("[Errno 111] Connection refused"))


def answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert retry_after_seconds(answer(503, **{"Retry-After": "7"}), now) == 7.0
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds(answer(503, **{"Retry-After": later}), now) == 30.0
    earlier = format_datetime(now - timedelta(minutes=5), usegmt=True)
    assert retry_after_seconds(answer(503, **{"Retry-After": earlier}), now) == 0.0
    assert retry_after_seconds(answer(503, **{"Retry-After": "soon"}), now) is None
    assert retry_after_seconds(answer(503), now) is None


def wait_after(response: httpx.Response, policy: RetryPolicy) -> float:
    state = tenacity.RetryCallState(retry_object=tenacity.Retrying(), fn=None, args=(), kwargs={})
    state.set_result(response)
    return PolicyWait(policy)(state)


def test_retry_after_sets_the_wait_within_max_backoff() -> None:
    policy = RetryPolicy(attempts=3, backoff=0.5, max_backoff=8.0)
    assert wait_after(answer(503, **{"Retry-After": "3"}), policy) == 3.0
    assert wait_after(answer(503, **{"Retry-After": "120"}), policy) == 8.0
    # Without the header: the policy's own jittered back-off, never above its first bound.
    assert 0.0 <= wait_after(answer(503), policy) <= 0.5


def test_a_503_asking_for_a_long_wait_is_retried_after_max_backoff(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="workspace_scripts_client")
    policy = RetryPolicy(attempts=2, backoff=0.01, max_backoff=0.03)
    recorder = Recorder(
        httpx.Response(
            503, headers={"Retry-After": "3600"}, json={"error_code": "WKS.0503", "error_msg": "busy"}
        )
    )
    execute.sync_detailed(PROJECT, client=mock_client(recorder, retry=policy), body=BODY)
    assert len(recorder.requests) == 2
    assert "attempt 2 of 2 in 0.03 s" in caplog.text


class ScriptedTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers (or raises) what it is given, in order; keeps every answer it gave."""

    def __init__(self, *outcomes: httpx.Response | Exception) -> None:
        self.outcomes = list(outcomes)
        self.given: list[httpx.Response] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        self.given.append(outcome)
        return outcome

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self.handle_request(request)


def _answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers, stream=httpx.ByteStream(b"{}"))


@pytest.mark.parametrize("asynchronous", [False, True])
def test_the_first_attempt_is_counted_waited_on_and_closed_like_any_other(
    asynchronous: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """The first attempt is made before tenacity is involved; when it calls for a retry, tenacity goes on
    from it as if it had made it: the next is attempt 2 of 3, the wait is what the 503 asked (capped), and
    the 503 is closed before attempt 2. A first answer that calls for nothing is returned as it is."""
    policy = RetryPolicy(attempts=3, backoff=2.0, max_backoff=2.0)  # without Retry-After: up to 2 s
    scripted = ScriptedTransport(_answer(503, **{"Retry-After": "0"}), _answer(200))
    request = httpx.Request("GET", "http://service.test/v2/p/script-execution-tasks")
    with caplog.at_level("INFO", logger="workspace_scripts_client.retry_transport"):
        if asynchronous:
            retrying: Any = AsyncRetryingTransport(scripted, policy)
            response = asyncio.run(retrying.handle_async_request(request))
        else:
            response = RetryingTransport(scripted, policy).handle_request(request)
    assert response.status_code == 200 and response is scripted.given[1]
    assert scripted.given[0].is_closed and not scripted.outcomes
    [line] = [record.getMessage() for record in caplog.records]
    assert line.endswith("answer 503; attempt 2 of 3 in 0.00 s"), line
    once = ScriptedTransport(_answer(404))
    assert RetryingTransport(once, policy).handle_request(request).status_code == 404 and not once.outcomes


def test_a_first_error_that_calls_for_nothing_is_raised_untouched() -> None:
    refused_tls = httpx.ConnectError("certificate verify failed")
    refused_tls.__cause__ = ssl.SSLCertVerificationError("self-signed certificate")
    scripted = ScriptedTransport(refused_tls, _answer(200))
    request = httpx.Request("GET", "http://service.test/v2/p/script-execution-tasks")
    with pytest.raises(httpx.ConnectError) as raised:
        RetryingTransport(scripted, FAST).handle_request(request)
    assert raised.value is refused_tls and len(scripted.outcomes) == 1  # no second attempt
