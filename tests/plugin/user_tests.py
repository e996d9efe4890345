"""A user's test file for the plugin's fixtures: only the fixtures, no conftest, no set-up code.

Not collected here (its name does not start with ``test_``): ``test_plugin.py`` copies it into a pytester
folder. (The fresh-virtualenv proof in ``tests/packaging/`` runs the README's test file instead, without the
official SDK this one uses.)"""

from __future__ import annotations

import time

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkworkspace.v2 import ExecuteScriptOrCommandReq as SdkReq
from huaweicloudsdkworkspace.v2 import ExecuteScriptOrCommandRequest, WorkspaceClient
from workspace_scripts_client import AuthenticatedClient, create_client
from workspace_scripts_client.api.script import execute_script_or_command
from workspace_scripts_client.models import (
    ErrorResponse,
    ExecuteScriptOrCommandReq,
    ExecuteScriptOrCommandResponse,
)

from reference_server.pytest_plugin import WorkspaceServer, WorkspaceServerError

BODY = ExecuteScriptOrCommandReq(resource_ids=["desktop-01"], script_ids=["script-cleanup"])
SENT = {"resource_ids": ["desktop-01"], "script_ids": ["script-cleanup"]}


def execute(server: WorkspaceServer, client: AuthenticatedClient) -> ExecuteScriptOrCommandResponse:
    answer = execute_script_or_command.sync(server.project_id, client=client, body=BODY)
    assert isinstance(answer, ExecuteScriptOrCommandResponse), answer
    return answer


def test_token_client_creates_a_task(
    workspace_server: WorkspaceServer, workspace_client: AuthenticatedClient
) -> None:
    answer = execute(workspace_server, workspace_client)
    [task] = workspace_server.tasks()
    assert task["task_id"] == answer.task_id and task["request"] == SENT
    assert task["project_id"] == workspace_server.project_id == workspace_client.project_id


def test_state_from_the_test_before_is_gone(workspace_server: WorkspaceServer) -> None:
    assert workspace_server.tasks() == []


def test_aksk_client_creates_a_task(
    workspace_server: WorkspaceServer, workspace_aksk_client: AuthenticatedClient
) -> None:
    answer = execute(workspace_server, workspace_aksk_client)
    assert [task["task_id"] for task in workspace_server.tasks()] == [answer.task_id]


def test_official_sdk_signs_with_the_servers_aksk(workspace_server: WorkspaceServer) -> None:
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True  # plain http on loopback: nothing to verify
    sdk = (
        WorkspaceClient.new_builder()
        .with_http_config(config)
        .with_credentials(
            BasicCredentials(workspace_server.ak, workspace_server.sk, workspace_server.project_id)
        )
        .with_endpoints([workspace_server.base_url])
        .build()
    )
    request = ExecuteScriptOrCommandRequest(
        body=SdkReq(resource_ids=["desktop-01"], script_ids=["script-cleanup"])
    )
    answer = sdk.execute_script_or_command(request)
    [task] = workspace_server.tasks()
    assert task["task_id"] == answer.task_id and task["request"] == SENT


def test_wrong_token_is_refused(workspace_server: WorkspaceServer) -> None:
    url = f"{workspace_server.base_url}/v2/{workspace_server.project_id}/script-executions"
    answer = httpx.post(url, json=SENT, headers={"X-Auth-Token": workspace_server.token + "x"})
    assert answer.status_code == 401
    assert workspace_server.tasks() == []


def test_reset_forgets_tasks(
    workspace_server: WorkspaceServer, workspace_client: AuthenticatedClient
) -> None:
    execute(workspace_server, workspace_client)
    workspace_server.reset()
    assert workspace_server.tasks() == []


def test_fault_then_recovery(
    workspace_server: WorkspaceServer, workspace_client: AuthenticatedClient
) -> None:
    workspace_server.arm_fault(count=1, status=503)
    refused = execute_script_or_command.sync(workspace_server.project_id, client=workspace_client, body=BODY)
    assert isinstance(refused, ErrorResponse) and refused.error_code == "WKS.0503"
    assert workspace_server.tasks() == []
    answer = execute(workspace_server, workspace_client)
    assert [task["task_id"] for task in workspace_server.tasks()] == [answer.task_id]


def test_armed_faults_do_not_outlive_their_test(workspace_server: WorkspaceServer) -> None:
    workspace_server.arm_fault(count=1000, status=500)


def test_faults_were_disarmed(
    workspace_server: WorkspaceServer, workspace_client: AuthenticatedClient
) -> None:
    execute(workspace_server, workspace_client)


def test_a_bad_fault_is_refused_with_the_servers_reason(workspace_server: WorkspaceServer) -> None:
    with pytest.raises(WorkspaceServerError, match="400"):
        workspace_server.arm_fault(status=418)


def test_a_request_given_up_on(workspace_server: WorkspaceServer) -> None:
    workspace_server.arm_fault(status=None, delay_seconds=1.0)  # handled normally, after 1 s
    url = f"{workspace_server.base_url}/v2/{workspace_server.project_id}/script-executions"
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(url, json=SENT, headers={"X-Auth-Token": workspace_server.token}, timeout=0.1)


def test_a_late_task_from_the_test_before_does_not_leak_in(workspace_server: WorkspaceServer) -> None:
    # A server that reads the body before the delay stores that task after the client left; the set-up
    # waited for it before resetting. The sleep only gives a leak the time to show.
    time.sleep(1.5)
    assert workspace_server.tasks() == []


def test_timed_out_but_the_task_exists(workspace_server: WorkspaceServer) -> None:
    workspace_server.arm_fault(status=None, delay_seconds=1.0, after_commit=True)  # stored, then late
    impatient = create_client(
        endpoint=workspace_server.base_url,
        token=workspace_server.token,
        project_id=workspace_server.project_id,
        timeout=0.2,
    )
    with impatient, pytest.raises(httpx.ReadTimeout):
        execute(workspace_server, impatient)
    [task] = workspace_server.tasks()
    assert task["request"] == SENT


def test_dropped_but_the_task_exists(
    workspace_server: WorkspaceServer, workspace_aksk_client: AuthenticatedClient
) -> None:
    workspace_server.arm_fault(after_commit=True, drop_connection=True)
    with pytest.raises(httpx.TransportError):
        execute(workspace_server, workspace_aksk_client)
    assert len(workspace_server.tasks()) == 1


class TestInventory:
    @pytest.fixture
    def workspace_inventory(self) -> dict[str, list[str]]:
        return {"scripts": ["script-cleanup"], "desktops": ["desktop-01"]}

    def test_listed_ids_exist(
        self, workspace_server: WorkspaceServer, workspace_client: AuthenticatedClient
    ) -> None:
        execute(workspace_server, workspace_client)

    def test_other_ids_are_404(
        self, workspace_server: WorkspaceServer, workspace_client: AuthenticatedClient
    ) -> None:
        body = ExecuteScriptOrCommandReq(resource_ids=["desktop-99"], script_ids=["script-cleanup"])
        answer = execute_script_or_command.sync(
            workspace_server.project_id, client=workspace_client, body=body
        )
        assert isinstance(answer, ErrorResponse) and answer.error_code == "WKS.0404"
        assert workspace_server.tasks() == []


def test_outside_the_override_every_id_exists(
    workspace_server: WorkspaceServer, workspace_client: AuthenticatedClient
) -> None:
    body = ExecuteScriptOrCommandReq(resource_ids=["desktop-99"], script_ids=["anything"])
    answer = execute_script_or_command.sync(workspace_server.project_id, client=workspace_client, body=body)
    assert isinstance(answer, ExecuteScriptOrCommandResponse)
