"""The access log (reference_server/access_log.py): one record per request, handed to logging once per
event-loop turn, in the order of the answers; and a request without a body is answered without waiting
for one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import MutableMapping
from typing import Any

import pytest

from reference_server import access_log, create_app
from reference_server.access_log import AccessLog

from .constants import CREDENTIALS, PROJECT, TOKEN


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "reference_server.access"]


def test_a_turns_lines_are_logged_together_after_it_in_order(caplog: pytest.LogCaptureFixture) -> None:
    log = AccessLog()
    seen_during_the_turn = []

    async def one_turn() -> None:
        for n in range(3):
            log.add("GET", f"/v2/p/path-{n}", "200", 0.5, f"id-{n}")
        seen_during_the_turn.extend(lines(caplog))
        await asyncio.sleep(0)  # the turn ends: its lines go to logging

    with caplog.at_level(logging.INFO, logger="reference_server.access"):
        asyncio.run(one_turn())
    assert seen_during_the_turn == []
    assert lines(caplog) == [f"GET /v2/p/path-{n} 200 0.50ms id-{n}" for n in range(3)]
    record = caplog.records[0]
    assert (record.levelno, record.funcName, record.pathname) == (logging.INFO, "add", access_log.__file__)


def test_a_line_added_outside_an_event_loop_is_logged_at_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="reference_server.access"):
        AccessLog().add("POST", "/v2/p/script-executions", "503", 1.25, "abc")
        assert lines(caplog) == ["POST /v2/p/script-executions 503 1.25ms abc"]


def test_nothing_is_kept_while_the_logger_is_off(caplog: pytest.LogCaptureFixture) -> None:
    log = AccessLog()

    async def one_turn() -> None:
        log.add("GET", "/v2/p/x", "200", 0.1, "id")
        log.flush()

    with caplog.at_level(logging.WARNING, logger="reference_server.access"):
        asyncio.run(one_turn())
    assert lines(caplog) == [] and log._pending == []


def test_a_shutdown_logs_the_lines_still_pending(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(credentials=CREDENTIALS)
    sent: list[MutableMapping[str, Any]] = []

    async def serve_then_stop() -> None:
        messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])

        async def receive() -> dict[str, Any]:
            return next(messages)

        async def send(message: MutableMapping[str, Any]) -> None:
            sent.append(message)

        app._log({"method": "GET", "path": "/x"}, "200", 0.0, "pending-id")
        await app({"type": "lifespan"}, receive, send)  # no turn has ended since the line was added
        assert [line.split()[-1] for line in lines(caplog)] == ["pending-id"]

    with caplog.at_level(logging.INFO, logger="reference_server.access"):
        asyncio.run(serve_then_stop())
    completed = ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert [message["type"] for message in sent] == completed
    assert len(lines(caplog)) == 1  # logged once, not again at the end of the turn


def test_a_request_without_a_body_is_answered_without_reading_one() -> None:
    """No Content-Length and no Transfer-Encoding: no body (RFC 9112, 6.3), so nothing is awaited."""
    app = create_app(credentials=CREDENTIALS)
    answers: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        raise AssertionError("a request without a body was waited on")

    async def send(message: MutableMapping[str, Any]) -> None:
        answers.append(message)

    path = f"/v2/{PROJECT}/script-execution-tasks"
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": b""}
    scope["headers"] = [(b"x-auth-token", TOKEN.encode())]
    asyncio.run(app(scope, receive, send))
    assert answers[0]["status"] == 200 and b'"count": 0' in answers[1]["body"]
