"""Fixtures for the client's tests: a reference server per test module, and mock transports."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread

PROJECT = "0605767b5e00d5762f8fc01a0a1f0e11"
TOKEN = "token-secret-of-the-client-tests"
AK, SK = "AKCLIENTTESTS0000000", "sk-secret-of-the-client-tests"
SECURITY_TOKEN = "security-token-secret-of-the-client-tests"


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    app = create_app(credentials=[Credential(PROJECT, token=TOKEN, ak=AK, sk=SK)])
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture
def server(server_url: str) -> str:
    """The module's server with no tasks and no armed faults."""
    httpx.post(f"{server_url}/_reference/reset").raise_for_status()
    return server_url


def arm_faults(url: str, count: int, status: int | None, delay_seconds: float = 0.0) -> None:
    body = {"count": count, "status": status, "delay_seconds": delay_seconds}
    assert httpx.post(f"{url}/_reference/faults", json=body).json() == {"armed": count}


def task_count(url: str) -> int:
    return len(httpx.get(f"{url}/_reference/tasks").json()["tasks"])


class CountingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Counts the attempts that reach the transport (under the retry policy), then delegates."""

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response] | None = None) -> None:
        self.attempts = 0
        self.requests: list[httpx.Request] = []
        self._mock = httpx.MockTransport(handler) if handler else None
        self._sync = httpx.HTTPTransport()
        self._async = httpx.AsyncHTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        self.requests.append(request)
        if self._mock is not None:
            return self._mock.handle_request(request)
        return self._sync.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        self.requests.append(request)
        if self._mock is not None:
            return await self._mock.handle_async_request(request)
        return await self._async.handle_async_request(request)

    def close(self) -> None:
        self._sync.close()

    async def aclose(self) -> None:
        await self._async.aclose()
