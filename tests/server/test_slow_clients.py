"""Slow and numerous clients: half-sent requests are closed after the header timeout, and past the
connection cap a new connection gets a 503 with the error body at once."""

from __future__ import annotations

import socket
from contextlib import ExitStack
from urllib.parse import urlsplit

import httpx
import pytest

from reference_server import ReferenceApp, create_app
from reference_server.http_protocol import ContractHttpProtocol
from reference_server.testing import serve_in_thread

from .constants import AUTH, CREDENTIALS, SERVICE_PATH, TOKEN
from .polling import eventually
from .raw_http import parse_answer

HALF_REQUEST = f"POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {TOKEN}\r\nContent-Le".encode()
SLOW_CONNECTIONS = 300
HEADER_TIMEOUT = 1.0


def connect(base_url: str) -> socket.socket:
    parts = urlsplit(base_url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    """True once the server closed the connection (the read gives EOF or a reset)."""
    sock.setblocking(False)
    try:
        return sock.recv(1024) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True


@pytest.fixture
def app() -> ReferenceApp:
    return create_app(credentials=CREDENTIALS)


def test_half_sent_requests_are_closed_after_the_header_timeout(app: ReferenceApp) -> None:
    with serve_in_thread(app, header_timeout=HEADER_TIMEOUT) as url, ExitStack() as stack:
        slow = []
        for _ in range(SLOW_CONNECTIONS):
            sock = stack.enter_context(connect(url))
            sock.sendall(HALF_REQUEST)
            slow.append(sock)
        # A normal request is served while they hang.
        assert httpx.post(url + SERVICE_PATH, json={}, headers=AUTH, timeout=10).status_code == 200
        eventually(lambda: all(closed_by_server(sock) for sock in slow), within=HEADER_TIMEOUT + 10)
        assert httpx.post(url + SERVICE_PATH, json={}, headers=AUTH, timeout=10).status_code == 200


def test_a_silent_connection_is_closed_too(app: ReferenceApp) -> None:
    with serve_in_thread(app, header_timeout=HEADER_TIMEOUT) as url, connect(url) as sock:
        eventually(lambda: closed_by_server(sock), within=HEADER_TIMEOUT + 10)


def test_keep_alive_connection_gets_a_fresh_header_timeout_per_request(app: ReferenceApp) -> None:
    # A connection that finished one request is not closed for the time it took.
    body = b"{}"
    request = (
        f"POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    with serve_in_thread(app, header_timeout=HEADER_TIMEOUT) as url, connect(url) as sock:
        for _ in range(3):
            sock.sendall(request)
            received = b""
            while not received.endswith(b"}"):
                received += sock.recv(65536)
            assert parse_answer(received)[0] == 200


def test_past_the_connection_cap_a_new_connection_gets_503_with_the_error_body(app: ReferenceApp) -> None:
    cap = 5
    with serve_in_thread(app, max_connections=cap) as url, ExitStack() as stack:
        held = [stack.enter_context(connect(url)) for _ in range(cap)]
        for sock in held:
            sock.sendall(HALF_REQUEST)
        response = httpx.post(url + SERVICE_PATH, json={}, headers=AUTH, timeout=10)
        assert response.status_code == 503, response.text
        body = response.json()
        assert body["error_code"] == "WKS.0503" and f"limit of {cap} connections" in body["error_msg"]
        assert response.headers["x-request-id"]
        for sock in held:
            sock.close()
        # Freed slots serve again.
        eventually(
            lambda: httpx.post(url + SERVICE_PATH, json={}, headers=AUTH, timeout=10).status_code == 200
        )
    assert len(app.service.store.all()) >= 1


def test_limits_must_be_sane() -> None:
    with pytest.raises(ValueError):
        ContractHttpProtocol.configured(header_timeout=0)
    with pytest.raises(ValueError):
        ContractHttpProtocol.configured(max_connections=0)
