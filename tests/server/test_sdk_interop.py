"""The official SDK (huaweicloudsdkworkspace 3.1.219), signing with AK/SK, against the server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkworkspace.v2 import (
    ExecuteScriptOrCommandReq,
    ExecuteScriptOrCommandRequest,
    WorkspaceClient,
)

from reference_server import ReferenceApp

from .constants import AK, OTHER_PROJECT, PROJECT, SK

SdkFactory = Callable[..., WorkspaceClient]


@pytest.fixture
def sdk(base_url: str, app: ReferenceApp) -> SdkFactory:
    app.service.reset()

    def build(ak: str = AK, sk: str = SK, project_id: str = PROJECT) -> WorkspaceClient:
        config = HttpConfig.get_default_config()
        config.ignore_ssl_verification = True  # the endpoint is plain http; nothing to verify
        return (
            WorkspaceClient.new_builder()
            .with_http_config(config)
            .with_credentials(BasicCredentials(ak, sk, project_id))
            .with_endpoints([base_url])
            .build()
        )

    return build


def call(client: WorkspaceClient, **fields: object) -> str:
    request = ExecuteScriptOrCommandRequest(body=ExecuteScriptOrCommandReq(**fields))
    task_id: str = client.execute_script_or_command(request).task_id
    return task_id


def test_sdk_call_creates_a_task(sdk: SdkFactory, app: ReferenceApp) -> None:
    task_id = call(
        sdk(), resource_ids=["d1", "d2", "d3"], script_ids=["s1"], gray_count=1, gray_fail_threshold=0
    )
    (task,) = app.service.store.all()
    assert task["task_id"] == task_id and task["project_id"] == PROJECT
    assert task["gray_plan"] == {"first_batch": ["d1"], "remaining": ["d2", "d3"], "fail_threshold": 0}


def failure(client: WorkspaceClient, **fields: object) -> ClientRequestException:
    with pytest.raises(ClientRequestException) as caught:
        call(client, **fields)
    return caught.value


def test_gray_rule_violation_is_a_client_request_exception(sdk: SdkFactory, app: ReferenceApp) -> None:
    error = failure(sdk(), resource_ids=["d1"], gray_count=2, gray_fail_threshold=2)
    assert (error.status_code, error.error_code) == (400, "WKS.0007")
    assert "gray_fail_threshold" in error.error_msg and error.request_id
    assert app.service.store.all() == []


def test_wrong_sk_is_401(sdk: SdkFactory) -> None:
    error = failure(sdk(sk="not-the-secret"), script_ids=["s1"])
    assert (error.status_code, error.error_code) == (401, "APIGW.0301")


def test_other_project_is_403(sdk: SdkFactory) -> None:
    error = failure(sdk(project_id=OTHER_PROJECT), script_ids=["s1"])
    assert (error.status_code, error.error_code) == (403, "WKS.0403")


def test_sdk_command_is_recorded(sdk: SdkFactory, app: ReferenceApp) -> None:
    task_id = call(sdk(), resource_ids=["d1", "d2"], command="uname -a", command_type="SHELL", gray_count=1)
    (task,) = app.service.store.all()
    assert task["task_id"] == task_id
    assert task["request"] == {
        "resource_ids": ["d1", "d2"],
        "command": "uname -a",
        "command_type": "SHELL",
        "gray_count": 1,
    }
    assert task["gray_plan"] == {"first_batch": ["d1"], "remaining": ["d2"], "fail_threshold": None}


def test_sdk_command_with_script_ids_is_refused(sdk: SdkFactory, app: ReferenceApp) -> None:
    error = failure(sdk(), command="dir", command_type="BAT", script_ids=["s1"])
    assert (error.status_code, error.error_code) == (400, "WKS.0007")
    assert app.service.store.all() == []


def test_sdk_drives_the_whole_lifecycle_with_aksk(sdk: SdkFactory, app: ReferenceApp) -> None:
    """Every operation of the group, through the official SDK signing with AK/SK, on a frozen clock."""
    from huaweicloudsdkworkspace.v2 import (
        CreateScriptReq,
        CreateScriptRequest,
        DeleteScriptRequest,
        ExecuteScriptByDesktopTagReq,
        ExecuteScriptByDesktopTagRequest,
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
    )

    from reference_server.progress.outcomes import OutcomeRule

    client = sdk()
    app.service.clock.freeze()
    try:
        app.service.outcomes.add(OutcomeRule.parse({"desktop": "d1", "result": "fail", "result_code": "3"}))
        body = CreateScriptReq(name="cleanup", type="SHELL", content="rm -rf /tmp/x", version="1")
        script_id = client.create_script(CreateScriptRequest(body=body)).script_id
        shown = client.show_script_detail(ShowScriptDetailRequest(script_id=script_id, script_task_id="t"))
        assert (shown.name, shown.content, shown.type) == ("cleanup", "rm -rf /tmp/x", "SHELL")
        update = UpdateScriptReq(name="cleanup v2", content="rm -rf /tmp/y")
        client.update_script(UpdateScriptRequest(script_id=script_id, body=update))
        listed = client.list_scripts(ListScriptsRequest(name="v2", limit=5, offset=0))
        assert listed.count == 1 and listed.scripts[0].name == "cleanup v2"

        task_id = call(
            client, resource_ids=["d1", "d2"], script_ids=[script_id], gray_count=1, gray_fail_threshold=0
        )
        app.service.engine.run_until_idle()
        tasks = client.list_script_tasks(ListScriptTasksRequest(task_id=[task_id], task_type="SCRIPT"))
        (task,) = tasks.script_tasks
        assert (task.status, task.failed_num, task.skip_num) == ("FAILED", 1, 1)
        records = client.list_script_records(
            ListScriptRecordsRequest(script_task_id=task_id, resource_id=["d1", "d2"], show_history=False)
        ).script_records
        assert [(r.resource_id, r.status, r.execute_order) for r in records] == [
            ("d1", "FAILED", 1),
            ("d2", "SKIPPED", 2),
        ]
        history = client.list_script_records(
            ListScriptRecordsRequest(
                resource_id=["d1"], script_id=[script_id], show_history=True, is_first_order=True
            )
        )
        assert history.count == 1
        detail = client.show_script_record_detail(ShowScriptRecordDetailRequest(record_id=records[0].id))
        assert detail.result_code == "3" and "d1" in detail.output

        app.service.outcomes.replace([])
        retry = RetryScriptExecutionReq(task_id=task_id)
        retried = client.retry_script_execution(RetryScriptExecutionRequest(body=retry)).task_id
        assert retried != task_id
        client.stop_script_execution(StopScriptExecutionRequest(body=StopScriptExecutionReq(task_id=retried)))
        tag_body = ExecuteScriptByDesktopTagReq(
            desktop_tag="env=test", command_content="ls", command_type="SHELL"
        )
        tagged = client.execute_script_by_desktop_tag(ExecuteScriptByDesktopTagRequest(body=tag_body)).task_id
        app.service.engine.run_until_idle()
        (tag_task,) = client.list_script_tasks(ListScriptTasksRequest(task_id=[tagged])).script_tasks
        assert tag_task.status == "SUCCESS" and len(tag_task.resource_ids) == 2

        client.delete_script(DeleteScriptRequest(script_id=script_id))
        with pytest.raises(ClientRequestException) as caught:
            client.show_script_detail(ShowScriptDetailRequest(script_id=script_id))
        assert (caught.value.status_code, caught.value.error_code) == (404, "WKS.0404")
    finally:
        app.service.clock.reset()
