"""A second, independent implementation of the contract, written without the reference server.

It differs wherever openapi.yaml and the page leave room (error codes and messages, task-id format,
404 for unknown projects, body fields the page does not name refused where the reference accepts
them), so the contract suite must pass against it too: that is the proof that the suite raises no
false positives.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

PATH = re.compile(r"^/v2/([^/]+)/script-executions/?$")
ID_LISTS = ("resource_ids", "gray_resource_ids", "script_ids")
COUNTS = ("gray_count", "gray_fail_threshold", "execution_timeout")
KNOWN = {*ID_LISTS, *COUNTS, "resource_type"}


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _body_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "body must be a JSON object"
    if set(body) - KNOWN:
        return f"unknown field(s): {sorted(set(body) - KNOWN)}"
    for name in COUNTS:
        if name in body and not _is_count(body[name]):
            return f"{name} must be a non-negative integer"
    for name in ID_LISTS:
        if name in body and not (
            isinstance(body[name], list) and all(isinstance(item, str) for item in body[name])
        ):
            return f"{name} must be a list of strings"
    if "resource_type" in body and not isinstance(body["resource_type"], str):
        return "resource_type must be a string"
    if (
        "gray_count" in body
        and "gray_fail_threshold" in body
        and body["gray_fail_threshold"] >= body["gray_count"]
    ):
        return "threshold too high"
    return None


def make_app(project_id: str, token: str):  # type: ignore[no-untyped-def]
    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break

        async def answer(status: int, payload: dict[str, Any], extra: list[tuple[bytes, bytes]] = ()) -> None:  # type: ignore[assignment]
            data = json.dumps(payload).encode()
            headers = [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"x-request-id", secrets.token_hex(8).encode()),
                *extra,
            ]
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": data})

        match = PATH.match(scope["path"])
        if match is None:
            return await answer(404, {"error_code": "IND-404", "error_msg": "no such path"})
        if scope["method"] != "POST":
            return await answer(
                405, {"error_code": "IND-405", "error_msg": "POST only"}, [(b"allow", b"POST")]
            )
        headers = {name.decode().lower(): value.decode("latin-1") for name, value in scope["headers"]}
        if headers.get("x-auth-token") != token:
            return await answer(401, {"error_code": "IND-401", "error_msg": "who are you"})
        if match.group(1) != project_id:
            return await answer(404, {"error_code": "IND-404", "error_msg": "unknown project"})
        try:
            body = json.loads(b"".join(chunks))
        except ValueError:
            return await answer(400, {"error_code": "IND-400", "error_msg": "not JSON"})
        problem = _body_problem(body)
        if problem is not None:
            return await answer(400, {"error_code": "IND-400", "error_msg": problem})
        return await answer(200, {"task_id": f"task-{secrets.token_urlsafe(12)}"})

    return app
