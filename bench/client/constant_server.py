"""A constant-answer ASGI app: the same answer for every request of a kind, whatever it carries.

The benchmark measures the clients, so the server does as little as possible and the same for all of them
(the reference server would verify AK/SK signatures and not tokens, and write to SQLite, adding server
time that differs between contenders). A GET gets a page of 100 execution records out of 10,000 (``count``;
the same records whatever the offset), anything else the answer of an execution.
"""

from __future__ import annotations

import json
from typing import Any

RECORDS_TOTAL = 10_000
PAGE = 100
BODY = b'{"task_id": "0000000059071dbc01591661d3990019"}'


def _record(number: int) -> dict[str, Any]:
    # Every field ListScriptRecords documents, as a service fills them for a finished record.
    return {
        "id": f"0000000059071dbc0159166{number:09d}",
        "script_id": "0000000059071dbc01591661d39900aa",
        "script_name": "clean-temp",
        "script_task_id": "0000000059071dbc01591661d3990019",
        "resource_id": f"desktop-{number:05d}",
        "resource_name": f"finance-{number:05d}",
        "resource_type": "DESKTOP",
        "start_time": "2026-12-01T12:00:00Z",
        "end_time": "2026-12-01T12:00:42Z",
        "status": "SUCCESS",
        "execute_order": 2,
        "result_code": "0",
        "reason": None,
    }


RECORDS_BODY = json.dumps(
    {"count": RECORDS_TOTAL, "script_records": [_record(n) for n in range(PAGE)]}
).encode()


def _headers(body: bytes) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", b"bench-request"),
    ]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    more = True
    while more:  # drain the request body
        message = await receive()
        more = message.get("more_body", False)
    body = RECORDS_BODY if scope["method"] == "GET" else BODY
    await send({"type": "http.response.start", "status": 200, "headers": _headers(body)})
    await send({"type": "http.response.body", "body": body})
