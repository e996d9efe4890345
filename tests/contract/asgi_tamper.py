"""Two small ASGI wrappers that break a working app from outside: rewrite its answers, or its requests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class Exchange:
    """One request as the client sent it and the answer as the wrapped app gave it (editable)."""

    method: str
    path: str
    request_headers: dict[str, str]
    request_body: bytes
    query: str = ""  # as sent, still percent-encoded (read only: edits do not reach the app)
    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""

    def set_header(self, name: str, value: str | None) -> None:
        key = name.lower().encode()
        self.headers = [(n, v) for n, v in self.headers if n.lower() != key]
        if value is not None:
            self.headers.append((key, value.encode()))


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def tampered(
    app: App,
    *,
    request: Callable[[Exchange], None] | None = None,
    response: Callable[[Exchange], None] | None = None,
) -> App:
    """``app`` with ``request`` editing each incoming request and ``response`` each answer."""

    async def wrapper(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]
        }
        exchange = Exchange(
            scope["method"],
            scope["path"],
            headers,
            await _read_body(receive),
            scope.get("query_string", b"").decode("latin-1"),
        )
        if request is not None:
            request(exchange)
        raw_headers = [
            (name.encode(), value.encode("latin-1")) for name, value in exchange.request_headers.items()
        ]
        raw_headers = [(n, v) for n, v in raw_headers if n != b"content-length"]
        raw_headers.append((b"content-length", str(len(exchange.request_body)).encode()))
        new_scope = {**scope, "headers": raw_headers}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                exchange.status = message["status"]
                exchange.headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                exchange.body += message.get("body", b"")

        await app(new_scope, _replay(exchange.request_body), capture)
        if response is not None:
            response(exchange)
        exchange.set_header("content-length", str(len(exchange.body)))
        await send({"type": "http.response.start", "status": exchange.status, "headers": exchange.headers})
        await send({"type": "http.response.body", "body": exchange.body})

    return wrapper
