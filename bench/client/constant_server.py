"""A constant-answer ASGI app: every request gets the same 200 task answer, whatever it carries.

The benchmark measures the clients, so the server does as little as possible and the same for all of them
(the reference server would verify AK/SK signatures and not tokens, and write to SQLite, adding server
time that differs between contenders).
"""

from __future__ import annotations

from typing import Any

BODY = b'{"task_id": "0000000059071dbc01591661d3990019"}'
HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(BODY)).encode()),
    (b"x-request-id", b"bench-request"),
]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    more = True
    while more:  # drain the request body
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})
