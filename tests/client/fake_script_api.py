"""A small in-test fake of the Script API's list operations, for the pagination and waiting helpers.

A bare ASGI app (served by ``reference_server.testing.serve_in_thread``) with knobs the reference server does
not have: a ``count`` that overstates, a cap on ``limit``, and a task whose state follows a script of
snapshots, one per poll of the task (the last repeats, so a script of RUNNING snapshots never finishes).
It keeps every query it was sent.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

PROJECT = "fake-project"
TASK_ID = "task-1"

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def record(number: int, status: str = "SUCCESS", order: int = 0) -> dict[str, Any]:
    return {
        "id": f"record-{number:05d}",
        "script_task_id": TASK_ID,
        "resource_id": f"desktop-{number:05d}",
        "status": status,
        "execute_order": order,
        "end_time": None,
    }


@dataclass
class Snapshot:
    """The task's status and its records' (status, execute_order) at one poll."""

    task_status: str
    records: list[tuple[str, int]]


@dataclass
class FakeScriptApi:
    records: list[dict[str, Any]] = field(default_factory=list)
    scripts: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[Snapshot] = field(default_factory=list)  # empty: the task is not listed
    count_override: int | None = None  # a count that does not match the items
    limit_cap: int | None = None  # serve at most this many per page, whatever limit says
    error_status: int | None = None  # answer every request with this error
    queries: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    task_polls: int = 0

    def _page(self, items: list[dict[str, Any]], query: dict[str, list[str]], key: str) -> dict[str, Any]:
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["10"])[0])
        if self.limit_cap is not None:
            limit = min(limit, self.limit_cap)
        count = len(items) if self.count_override is None else self.count_override
        return {"count": count, key: items[offset : offset + limit]}

    def _snapshot_records(self) -> list[dict[str, Any]]:
        snapshot = self.timeline[min(self.task_polls, len(self.timeline)) - 1]
        return [record(n, status, order) for n, (status, order) in enumerate(snapshot.records)]

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        self.queries.append((path, query))
        if self.error_status is not None:
            return self.error_status, {"error_code": "WKS.0403", "error_msg": "not yours"}
        base = f"/v2/{PROJECT}"
        if path == f"{base}/scripts":
            return 200, self._page(self.scripts, query, "scripts")
        if path == f"{base}/script-execution-tasks":
            if not self.timeline:
                return 200, {"count": 0, "script_tasks": []}
            self.task_polls += 1
            snapshot = self.timeline[min(self.task_polls, len(self.timeline)) - 1]
            task = {"id": TASK_ID, "status": snapshot.task_status, "end_time": None}
            return 200, self._page([task], query, "script_tasks")
        if path == f"{base}/script-execution-records":
            items = self._snapshot_records() if self.timeline else self.records
            return 200, self._page(items, query, "script_records")
        return 404, {"error_code": "WKS.0404", "error_msg": f"no route {path}"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        status, body = self.answer(scope["path"], parse_qs(scope["query_string"].decode()))
        content = json.dumps(body).encode()
        headers = [(b"content-type", b"application/json"), (b"x-request-id", b"fake-request")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})
