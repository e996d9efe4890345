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
