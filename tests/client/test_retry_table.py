"""The retry table, per operation: what a ``RetryPolicy`` repeats follows from the HTTP method.

GET, PUT and DELETE are idempotent (RFC 9110): after a read timeout, a dropped connection or a gateway's
502/504 they are sent again. The POSTs (create a script, execute, execute by tag, retry, and stop: see
docs/operations.md) are sent once: the first may already have started work.
"""

from __future__ import annotations

import httpx
import pytest
from workspace_scripts_client import RetryPolicy

from .mock_client import Recorder, mock_client
from .operations import OPERATIONS, Operation

FAST = RetryPolicy(attempts=3, backoff=0.001, max_backoff=0.002)
IDS = [operation.name for operation in OPERATIONS]
REPEATED = {"ListScripts", "ShowScriptDetail", "UpdateScript", "DeleteScript"}
REPEATED |= {"ListScriptTasks", "ListScriptRecords", "ShowScriptRecordDetail"}


def expected_attempts(operation: Operation) -> int:
    return FAST.attempts if operation.name in REPEATED else 1


def test_the_table_is_the_methods() -> None:
    assert {op.name for op in OPERATIONS if op.method in {"GET", "PUT", "DELETE"}} == REPEATED


@pytest.mark.parametrize(
    "error",
    [httpx.ReadTimeout("read"), httpx.RemoteProtocolError("dropped")],
    ids=["read-timeout", "dropped"],
)
@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_failure_after_sending_is_repeated_only_when_idempotent(
    operation: Operation, error: Exception
) -> None:
    recorder = Recorder(error=error)
    with pytest.raises(type(error)):
        operation.ours(mock_client(recorder, retry=FAST))
    assert len(recorder.requests) == expected_attempts(operation)
    assert {request.method for request in recorder.requests} == {operation.method}


@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_gateways_lost_answer_is_repeated_only_when_idempotent(operation: Operation) -> None:
    for status in (502, 504):
        recorder = Recorder(httpx.Response(status, text="bad gateway"))
        assert operation.ours(mock_client(recorder, retry=FAST)).status_code == status
        assert len(recorder.requests) == expected_attempts(operation)


@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_connection_never_made_and_a_503_are_repeated_for_every_operation(operation: Operation) -> None:
    refused = Recorder(error=httpx.ConnectError("refused"))
    with pytest.raises(httpx.ConnectError):
        operation.ours(mock_client(refused, retry=FAST))
    busy = Recorder(httpx.Response(503, json={"error_code": "WKS.0503", "error_msg": "busy"}))
    operation.ours(mock_client(busy, retry=FAST))
    assert len(refused.requests) == len(busy.requests) == FAST.attempts


@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_500_is_never_repeated(operation: Operation) -> None:
    recorder = Recorder(httpx.Response(500, json={"error_code": "WKS.0500", "error_msg": "bug"}))
    operation.ours(mock_client(recorder, retry=FAST))
    assert len(recorder.requests) == 1


def test_an_empty_idempotent_set_repeats_only_what_never_reached_the_service() -> None:
    strict = RetryPolicy(attempts=3, backoff=0.001, max_backoff=0.002, idempotent_methods=frozenset())
    listing = next(operation for operation in OPERATIONS if operation.name == "ListScripts")
    recorder = Recorder(error=httpx.ReadTimeout("read"))
    with pytest.raises(httpx.ReadTimeout):
        listing.ours(mock_client(recorder, retry=strict))
    assert len(recorder.requests) == 1


def test_post_cannot_be_declared_idempotent() -> None:
    with pytest.raises(ValueError, match="POST"):
        RetryPolicy(idempotent_methods=frozenset({"GET", "post"}))
