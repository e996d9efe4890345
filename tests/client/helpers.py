"""Helpers for the client's tests: the reference server's test endpoints, and a transport that counts."""

from __future__ import annotations

from collections.abc import Callable

import httpx


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
