"""uvicorn's HTTP protocol with what the contract and a safely exposed fake need on top:

- a request it cannot parse gets the contract's 400 error body (uvicorn's own answer is a plain-text
  page without X-Request-Id, and the app never sees the request);
- a connection that has not finished its request headers within ``header_timeout`` seconds is closed
  (uvicorn only times out idle keep-alive connections, so a client sending half a request is held open
  for as long as it likes);
- past ``max_connections`` open connections, a new one is answered 503 with the error body at once and
  closed, instead of holding a file descriptor the server may not have;
- the app may close a connection without answering (an armed fault), through the ASGI extension
  ``DROP_EXTENSION`` in the request scope.

It is built on h11, not httptools: httptools drops the body of a request that offers an ``Upgrade`` (curl
``--http2`` on http:// sends ``Upgrade: h2c``), which HTTP lets a server ignore but not lose. h11 serves it
whole, at about half httptools' request rate (``make bench-server``).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from reference_server.access_log import logger as access_log
from reference_server.errors import MALFORMED_HTTP, UNAVAILABLE, ErrorCode, error_body
from reference_server.request_ids import new_request_id

DROP_EXTENSION = "reference_server.drop_connection"
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 1000
# How long a refused connection is still read (and the bytes dropped) after its 503, so that closing it
# does not reset the connection before the client has read the answer.
LINGER_SECONDS = 1.0


def answer_bytes(status: str, error: ErrorCode, request_id: str, message: str | None = None) -> bytes:
    """A complete HTTP/1.1 error answer with the error body; the connection closes after it."""
    body = error_body(error, message)
    head = (
        f"HTTP/1.1 {status}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        f"x-request-id: {request_id}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def bad_request_bytes(request_id: str) -> bytes:
    return answer_bytes("400 Bad Request", MALFORMED_HTTP, request_id)


class ContractHttpProtocol(H11Protocol):
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    max_connections: int = DEFAULT_MAX_CONNECTIONS

    @classmethod
    def configured(
        cls,
        *,
        header_timeout: float = DEFAULT_HEADER_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> type[ContractHttpProtocol]:
        """This protocol with other limits (uvicorn takes a protocol class, not options for it)."""
        if header_timeout <= 0 or max_connections < 1:
            raise ValueError("header_timeout must be positive and max_connections at least 1")
        limits = {"header_timeout": header_timeout, "max_connections": max_connections}
        return type("ConfiguredContractHttpProtocol", (cls,), limits)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._refused = False
        app = self.app

        async def app_with_drop(scope: Any, receive: Any, send: Any) -> None:
            scope.setdefault("extensions", {})[DROP_EXTENSION] = self._drop
            await app(scope, receive, send)

        self.app = app_with_drop

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self._refuse_over_capacity()
        else:
            self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # read and dropped: see LINGER_SECONDS
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm_header_timer()  # bytes of a request whose headers are not complete yet
        else:
            self._disarm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        request_id = new_request_id()
        self.transport.write(bad_request_bytes(request_id))
        self.transport.close()
        access_log.info("unparseable HTTP request (%s) 400 %s", msg, request_id)

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            access_log.info("closed a connection: no complete request headers in %ss", self.header_timeout)
            self.transport.close()

    def _refuse_over_capacity(self) -> None:
        self._refused = True
        request_id = new_request_id()
        message = f"The server is at its limit of {self.max_connections} connections; try again later."
        self.transport.write(answer_bytes("503 Service Unavailable", UNAVAILABLE, request_id, message))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)
        access_log.warning(
            "connection refused: %d open, limit %d, 503 %s",
            len(self.connections) - 1,
            self.max_connections,
            request_id,
        )

    def _drop(self) -> None:
        self._disarm_header_timer()
        self.transport.close()
