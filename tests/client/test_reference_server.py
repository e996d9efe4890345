"""Token and AK/SK calls against the reference server, sync and async, and its errors as typed errors."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from workspace_scripts_client import AuthenticatedClient, create_client, errors
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import (
    ErrorResponse,
    ExecuteScriptOrCommandReq,
    ExecuteScriptOrCommandReqCommandType,
    ExecuteScriptOrCommandResponse,
)

from .constants import AK, PROJECT, SK, TOKEN
from .helpers import task_count

BODY = ExecuteScriptOrCommandReq(resource_ids=["desktop-01", "desktop-02"], script_ids=["script-01"])


def clients(url: str) -> dict[str, AuthenticatedClient]:
    return {
        "token": create_client(endpoint=url, token=TOKEN, project_id=PROJECT, environ={}),
        "aksk": create_client(endpoint=url, ak=AK, sk=SK, project_id=PROJECT, environ={}),
    }


@pytest.mark.parametrize("kind", ["token", "aksk"])
def test_a_call_starts_one_task(server: str, kind: str) -> None:
    client = clients(server)[kind]
    response = execute.sync_detailed(client.project_id, client=client, body=BODY)
    assert response.status_code == 200
    assert isinstance(response.parsed, ExecuteScriptOrCommandResponse) and response.parsed.task_id
    assert response.headers["X-Request-Id"]
    tasks = httpx.get(f"{server}/_reference/tasks").json()["tasks"]
    assert [(task["task_id"], task["project_id"]) for task in tasks] == [(response.parsed.task_id, PROJECT)]


def test_a_powershell_command_on_a_gray_batch_is_recorded(server: str) -> None:
    client = create_client(endpoint=server, ak=AK, sk=SK, project_id=PROJECT, raise_on_error=True, environ={})
    body = ExecuteScriptOrCommandReq(
        resource_ids=["desktop-01", "desktop-02", "desktop-03"],
        command="Get-Service Spooler | Restart-Service",
        command_type=ExecuteScriptOrCommandReqCommandType.POWERSHELL,
        gray_count=1,
        gray_fail_threshold=0,
    )
    task_id = execute.sync(client.project_id, client=client, body=body).task_id
    (task,) = httpx.get(f"{server}/_reference/tasks").json()["tasks"]
    assert task["task_id"] == task_id
    assert task["request"]["command"] == "Get-Service Spooler | Restart-Service"
    assert task["request"]["command_type"] == "POWERSHELL"
    assert task["gray_plan"]["first_batch"] == ["desktop-01"]


@pytest.mark.parametrize("kind", ["token", "aksk"])
def test_async_calls_work_the_same(server: str, kind: str) -> None:
    async def scenario() -> list[str]:
        async with clients(server)[kind] as client:
            answers = await asyncio.gather(
                *(execute.asyncio(PROJECT, client=client, body=BODY) for _ in range(3))
            )
        return [answer.task_id for answer in answers if isinstance(answer, ExecuteScriptOrCommandResponse)]

    assert len(set(asyncio.run(scenario()))) == 3
    assert task_count(server) == 3


@pytest.mark.parametrize(
    "client_options",
    [{"token": "not-the-token"}, {"ak": AK, "sk": "wrong-secret"}, {"ak": "UNKNOWNAK", "sk": SK}],
    ids=["bad-token", "bad-signature", "unknown-ak"],
)
def test_bad_credentials_raise_authentication_error(server: str, client_options: dict[str, Any]) -> None:
    client = create_client(endpoint=server, raise_on_error=True, environ={}, **client_options)
    with pytest.raises(errors.AuthenticationError) as raised:
        execute.sync(PROJECT, client=client, body=BODY)
    assert raised.value.status_code == 401
    assert raised.value.error_code and raised.value.error_msg
    assert raised.value.request_id
    assert task_count(server) == 0


def test_a_server_side_400_parses_when_client_validation_is_off(server: str) -> None:
    client = create_client(endpoint=server, token=TOKEN, validate_requests=False, environ={})
    parsed = execute.sync(
        PROJECT, client=client, body=ExecuteScriptOrCommandReq(gray_count=1, gray_fail_threshold=1)
    )
    assert isinstance(parsed, ErrorResponse)
    assert parsed.error_code.startswith("WKS.")
    raising = create_client(
        endpoint=server, token=TOKEN, validate_requests=False, raise_on_error=True, environ={}
    )
    with pytest.raises(errors.BadRequestError):
        execute.sync(
            PROJECT, client=raising, body=ExecuteScriptOrCommandReq(gray_count=1, gray_fail_threshold=1)
        )
    assert task_count(server) == 0


def test_the_official_sdk_and_our_client_agree_on_the_server(server: str) -> None:
    """The SDK's own AK/SK call against the same server: both signers are accepted."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkworkspace.v2 import ExecuteScriptOrCommandRequest, WorkspaceClient
    from huaweicloudsdkworkspace.v2.model.execute_script_or_command_req import (
        ExecuteScriptOrCommandReq as SdkReq,
    )

    sdk = (
        WorkspaceClient.new_builder()
        .with_credentials(BasicCredentials(AK, SK, PROJECT))
        .with_endpoints([server])
        .build()
    )
    sdk_answer = sdk.execute_script_or_command(
        ExecuteScriptOrCommandRequest(body=SdkReq(resource_ids=["desktop-01"], script_ids=["script-01"]))
    )
    ours = clients(server)["aksk"]
    our_answer = execute.sync(PROJECT, client=ours, body=BODY)
    assert sdk_answer.task_id and isinstance(our_answer, ExecuteScriptOrCommandResponse)
    assert task_count(server) == 2
