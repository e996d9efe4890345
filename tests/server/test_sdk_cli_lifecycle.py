"""The issue's "done when": automation written with the official SDK alone (AK/SK) runs the whole lifecycle
against the server started from the command line, in real time, with no admin call (what desktops do
comes from the inventory file the server was started with)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkworkspace.v2 import (
    CreateScriptReq,
    CreateScriptRequest,
    DeleteScriptRequest,
    ExecuteScriptOrCommandReq,
    ExecuteScriptOrCommandRequest,
    ListScriptRecordsRequest,
    ListScriptsRequest,
    ListScriptTasksRequest,
    RetryScriptExecutionReq,
    RetryScriptExecutionRequest,
    ShowScriptDetailRequest,
    ShowScriptRecordDetailRequest,
    StopScriptExecutionReq,
    StopScriptExecutionRequest,
    UpdateScriptReq,
    UpdateScriptRequest,
    WorkspaceClient,
)

from .constants import AK, PROJECT, SK
from .test_load import start_server

FINAL = {"SUCCESS", "FAILED", "STOPPED"}


def poll(client: WorkspaceClient, task_id: str, within: float = 20) -> Any:
    deadline = time.monotonic() + within
    while True:
        (task,) = client.list_script_tasks(ListScriptTasksRequest(task_id=[task_id])).script_tasks
        if task.status in FINAL or time.monotonic() > deadline:
            return task
        time.sleep(0.1)


def test_the_sdk_runs_the_lifecycle_against_the_command_line_server(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.yaml"
    outcomes = [
        {"desktop": "bad", "result": "fail", "result_code": "7", "output": "access denied"},
        {"desktop": "stuck", "result": "hang"},
    ]
    projects = {PROJECT: {"desktops": ["bad", "good-1", "good-2", "stuck"], "outcomes": outcomes}}
    inventory.write_text(yaml.safe_dump({"projects": projects}))
    process, url = start_server(
        tmp_path / "tasks.db", ["--inventory", str(inventory), "--ak", AK, "--sk", SK]
    )
    try:
        config = HttpConfig.get_default_config()
        config.ignore_ssl_verification = True
        client = (
            WorkspaceClient.new_builder()
            .with_http_config(config)
            .with_credentials(BasicCredentials(AK, SK, PROJECT))
            .with_endpoints([url])
            .build()
        )
        body = CreateScriptReq(name="patch", type="POWERSHELL", content="Install-Patch", version="1")
        script_id = client.create_script(CreateScriptRequest(body=body)).script_id
        assert (
            client.show_script_detail(ShowScriptDetailRequest(script_id=script_id)).content == "Install-Patch"
        )
        update = UpdateScriptReq(name="patch v2", content="Install-Patch -Force", version="2")
        client.update_script(UpdateScriptRequest(script_id=script_id, body=update))
        assert client.list_scripts(ListScriptsRequest(name="v2", limit=1)).count == 1

        run = ExecuteScriptOrCommandReq(
            resource_ids=["bad", "good-1", "good-2"],
            script_ids=[script_id],
            gray_count=1,
            gray_fail_threshold=0,
        )
        task_id = client.execute_script_or_command(ExecuteScriptOrCommandRequest(body=run)).task_id
        task = poll(client, task_id)
        assert (task.status, task.failed_num, task.skip_num, task.success_num) == ("FAILED", 1, 2, 0)
        records = client.list_script_records(
            ListScriptRecordsRequest(script_task_id=task_id, limit=2, offset=0)
        )
        assert records.count == 3 and len(records.script_records) == 2
        first = records.script_records[0]
        assert (first.resource_id, first.status, first.execute_order) == ("bad", "FAILED", 1)
        detail = client.show_script_record_detail(ShowScriptRecordDetailRequest(record_id=first.id))
        assert (detail.output, detail.result_code) == ("access denied", "7")

        retry = RetryScriptExecutionReq(task_id=task_id)
        retried = client.retry_script_execution(RetryScriptExecutionRequest(body=retry)).task_id
        assert retried != task_id
        again = poll(client, retried)
        assert (again.status, again.failed_num, again.success_num) == ("FAILED", 1, 2)  # bad still fails

        hang = ExecuteScriptOrCommandReq(resource_ids=["stuck"], script_ids=[script_id])
        hung = client.execute_script_or_command(ExecuteScriptOrCommandRequest(body=hang)).task_id
        client.stop_script_execution(StopScriptExecutionRequest(body=StopScriptExecutionReq(task_id=hung)))
        assert poll(client, hung).status == "STOPPED"

        client.delete_script(DeleteScriptRequest(script_id=script_id))
        with pytest.raises(ClientRequestException) as caught:
            client.show_script_detail(ShowScriptDetailRequest(script_id=script_id))
        assert (caught.value.status_code, caught.value.error_code) == (404, "WKS.0404")
    finally:
        process.kill()
        process.wait()
