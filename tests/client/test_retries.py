"""Retries: off by default; the opt-in policy retries only what provably never reached the service."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest
from workspace_scripts_client import AuthenticatedClient, RetryPolicy, create_client, errors
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import ExecuteScriptOrCommandReq, ExecuteScriptOrCommandResponse

from .constants import PROJECT, TOKEN
from .helpers import CountingTransport, arm_faults, task_count
from .mock_client import Recorder, mock_client

FAST = RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.02)
BODY = ExecuteScriptOrCommandReq(resource_ids=["desktop-01"], script_ids=["script-01"])


def counting_client(
    url: str, transport: CountingTransport, retry: RetryPolicy | None = FAST, raise_on_error: bool = False
) -> AuthenticatedClient:
    return AuthenticatedClient(
        url, token=TOKEN, retry=retry, raise_on_error=raise_on_error, httpx_args={"transport": transport}
    )


def test_503_answers_are_retried_until_success(server: str) -> None:
    arm_faults(server, 2, 503)
    transport = CountingTransport()
    response = execute.sync_detailed(PROJECT, client=counting_client(server, transport), body=BODY)
    assert isinstance(response.parsed, ExecuteScriptOrCommandResponse)
    assert transport.attempts == 3
    assert task_count(server) == 1


def test_attempts_are_bounded_and_the_last_503_is_returned(server: str) -> None:
    arm_faults(server, 5, 503)
    transport = CountingTransport()
    response = execute.sync_detailed(PROJECT, client=counting_client(server, transport), body=BODY)
    assert response.status_code == 503
    assert transport.attempts == 3
    # Exactly three faults were used: two remain for the next two calls.
    plain = counting_client(server, CountingTransport(), retry=None)
    assert [execute.sync_detailed(PROJECT, client=plain, body=BODY).status_code for _ in range(3)] == [
        503,
        503,
        200,
    ]


def test_without_a_policy_nothing_is_retried(server: str) -> None:
    arm_faults(server, 1, 503)
    transport = CountingTransport()
    response = execute.sync_detailed(
        PROJECT, client=counting_client(server, transport, retry=None), body=BODY
    )
    assert response.status_code == 503
    assert transport.attempts == 1


def test_500_is_never_retried(server: str) -> None:
    arm_faults(server, 1, 500)
    transport = CountingTransport()
    with pytest.raises(errors.InternalServerError):
        execute.sync(PROJECT, client=counting_client(server, transport, raise_on_error=True), body=BODY)
    assert transport.attempts == 1


def test_a_read_timeout_is_never_retried_because_the_scripts_may_be_running(server: str) -> None:
    arm_faults(server, 1, None, delay_seconds=0.6)
    transport = CountingTransport()
    client = counting_client(server, transport).with_timeout(httpx.Timeout(5.0, read=0.2))
    with pytest.raises(httpx.ReadTimeout):
        execute.sync(PROJECT, client=client, body=BODY)
    assert transport.attempts == 1


@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow connect"), httpx.PoolTimeout("pool")],
    ids=["connect-error", "connect-timeout", "pool-timeout"],
)
def test_failures_before_sending_are_retried_then_raised(error: Exception) -> None:
    recorder = Recorder(error=error)
    with pytest.raises(type(error)):
        execute.sync(PROJECT, client=mock_client(recorder, retry=FAST), body=BODY)
    assert len(recorder.requests) == 3


@pytest.mark.parametrize(
    "error",
    [
        httpx.ReadTimeout("read"),
        httpx.ReadError("reset"),
        httpx.RemoteProtocolError("cut"),
        httpx.WriteError("w"),
    ],
    ids=["read-timeout", "read-error", "protocol-error", "write-error"],
)
def test_failures_after_sending_may_have_reached_the_service_and_are_not_retried(error: Exception) -> None:
    recorder = Recorder(error=error)
    with pytest.raises(type(error)):
        execute.sync(PROJECT, client=mock_client(recorder, retry=FAST), body=BODY)
    assert len(recorder.requests) == 1


def test_a_refused_connection_is_retried_for_real(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    # Real sockets under the counter (CountingTransport wraps httpx.s own transport): each attempt counts.
    for retry, attempts in ((FAST, 3), (None, 1)):
        transport = CountingTransport()
        with pytest.raises(httpx.ConnectError):
            execute.sync(PROJECT, client=counting_client(url, transport, retry=retry), body=BODY)
        assert transport.attempts == attempts
    # create_client wires the same policy in: its retries show in the log.
    caplog.set_level("INFO", logger="workspace_scripts_client")
    client = create_client(endpoint=url, token=TOKEN, retry=FAST, environ={})
    with pytest.raises(httpx.ConnectError):
        execute.sync(PROJECT, client=client, body=BODY)
    retries = [record.getMessage() for record in caplog.records if "ConnectError" in record.getMessage()]
    assert len(retries) == 2


def test_async_retries_follow_the_same_policy(server: str) -> None:
    async def scenario() -> None:
        arm_faults(server, 2, 503)
        transport = CountingTransport()
        async with counting_client(server, transport) as client:
            parsed = await execute.asyncio(PROJECT, client=client, body=BODY)
        assert isinstance(parsed, ExecuteScriptOrCommandResponse)
        assert transport.attempts == 3

        arm_faults(server, 1, 500)
        transport = CountingTransport()
        async with counting_client(server, transport) as client:
            response = await execute.asyncio_detailed(PROJECT, client=client, body=BODY)
        assert response.status_code == 500
        assert transport.attempts == 1

    asyncio.run(scenario())
    recorder = Recorder(error=httpx.ConnectError("refused"))
    with pytest.raises(httpx.ConnectError):
        asyncio.run(execute.asyncio(PROJECT, client=mock_client(recorder, retry=FAST), body=BODY))
    assert len(recorder.requests) == 3


def test_retries_are_logged_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="workspace_scripts_client")
    recorder = Recorder(httpx.Response(503, json={"error_code": "WKS.0503", "error_msg": "busy"}))
    execute.sync(PROJECT, client=mock_client(recorder, retry=FAST), body=BODY)
    retries = [record.getMessage() for record in caplog.records if "attempt" in record.getMessage()]
    assert len(retries) == 2
    assert "answer 503" in retries[0]
    assert TOKEN not in caplog.text


def test_the_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(backoff=2.0, max_backoff=1.0)
