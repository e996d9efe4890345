"""One sample call of each of the twelve operations, made with this client and with the official SDK.

The two calls of an entry ask for the same thing (same ids, filters and body), so the requests they send
must match; ``answer`` is what a server says to it (a documented success), so that both sides finish.
The values exercise what can differ on the wire: arrays, booleans, a date-time, enums, unicode, and a
path segment holding a slash.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import huaweicloudsdkworkspace.v2 as sdk
from workspace_scripts_client import AuthenticatedClient
from workspace_scripts_client.api.script import (
    create_script,
    delete_script,
    execute_script_by_desktop_tag,
    execute_script_or_command,
    list_script_records,
    list_script_tasks,
    list_scripts,
    retry_script_execution,
    show_script_detail,
    show_script_record_detail,
    stop_script_execution,
    update_script,
)
from workspace_scripts_client.models import (
    CreateScriptReq,
    ExecuteScriptByDesktopTagReq,
    ExecuteScriptByDesktopTagReqCommandType,
    ExecuteScriptByDesktopTagReqPostFinish,
    ExecuteScriptOrCommandReq,
    RetryScriptExecutionReq,
    ScriptType,
    StopScriptExecutionReq,
    TaskType,
    UpdateScriptReq,
)
from workspace_scripts_client.types import Response

from .constants import PROJECT

SCRIPT_ID = "script/01"  # a slash: percent-encoded into the path by both
START = datetime(2021, 10, 1, 12, 0, tzinfo=UTC)
START_TEXT = "2021-10-01T12:00:00Z"  # the SDK takes the string; the page's example


@dataclass(frozen=True)
class Operation:
    name: str  # the operationId, the SDK's name
    method: str
    ours: Callable[[AuthenticatedClient], Response[Any]]
    sdk: Callable[[sdk.WorkspaceClient], object]
    answer: tuple[int, bytes]


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


TASK = _json({"task_id": "task-01"})
NO_BODY = b""

OPERATIONS = [
    Operation(
        "CreateScript",
        "POST",
        lambda c: create_script.sync_detailed(
            PROJECT,
            client=c,
            body=CreateScriptReq(name="清理", type_=ScriptType.POWERSHELL, content="Get-Date", version="1.0"),
        ),
        lambda s: s.create_script(
            sdk.CreateScriptRequest(
                body=sdk.CreateScriptReq(name="清理", type="POWERSHELL", content="Get-Date", version="1.0")
            )
        ),
        (200, _json({"script_id": "script-02"})),
    ),
    Operation(
        "ListScripts",
        "GET",
        lambda c: list_scripts.sync_detailed(
            PROJECT, client=c, offset=10, limit=100, name="clean up", type_="BAT"
        ),
        lambda s: s.list_scripts(sdk.ListScriptsRequest(offset=10, limit=100, name="clean up", type="BAT")),
        (200, _json({"count": 0, "scripts": []})),
    ),
    Operation(
        "ShowScriptDetail",
        "GET",
        lambda c: show_script_detail.sync_detailed(PROJECT, SCRIPT_ID, client=c, script_task_id="task-01"),
        lambda s: s.show_script_detail(
            sdk.ShowScriptDetailRequest(script_id=SCRIPT_ID, script_task_id="task-01")
        ),
        (200, _json({"id": SCRIPT_ID, "content": "Get-Date"})),
    ),
    Operation(
        "UpdateScript",
        "PUT",
        lambda c: update_script.sync_detailed(
            PROJECT, SCRIPT_ID, client=c, body=UpdateScriptReq(name="n", content="echo", description="d")
        ),
        lambda s: s.update_script(
            sdk.UpdateScriptRequest(
                script_id=SCRIPT_ID, body=sdk.UpdateScriptReq(name="n", content="echo", description="d")
            )
        ),
        (204, NO_BODY),
    ),
    Operation(
        "DeleteScript",
        "DELETE",
        lambda c: delete_script.sync_detailed(PROJECT, SCRIPT_ID, client=c),
        lambda s: s.delete_script(sdk.DeleteScriptRequest(script_id=SCRIPT_ID)),
        (204, NO_BODY),
    ),
    Operation(
        "ExecuteScriptOrCommand",
        "POST",
        lambda c: execute_script_or_command.sync_detailed(
            PROJECT,
            client=c,
            body=ExecuteScriptOrCommandReq(
                resource_ids=["desktop-01", "desktop-02"], script_ids=["script-01"]
            ),
        ),
        lambda s: s.execute_script_or_command(
            sdk.ExecuteScriptOrCommandRequest(
                body=sdk.ExecuteScriptOrCommandReq(
                    resource_ids=["desktop-01", "desktop-02"], script_ids=["script-01"]
                )
            )
        ),
        (200, TASK),
    ),
    Operation(
        "ExecuteScriptByDesktopTag",
        "POST",
        lambda c: execute_script_by_desktop_tag.sync_detailed(
            PROJECT,
            client=c,
            body=ExecuteScriptByDesktopTagReq(
                desktop_tag="team=ops",
                command_content="dir",
                command_type=ExecuteScriptByDesktopTagReqCommandType.BAT,
                gray_count=1,
                gray_fail_threshold=0,
                post_finish=ExecuteScriptByDesktopTagReqPostFinish.REBOOT,
                execution_timeout=5,
            ),
        ),
        lambda s: s.execute_script_by_desktop_tag(
            sdk.ExecuteScriptByDesktopTagRequest(
                body=sdk.ExecuteScriptByDesktopTagReq(
                    desktop_tag="team=ops",
                    command_content="dir",
                    command_type="BAT",
                    gray_count=1,
                    gray_fail_threshold=0,
                    post_finish="reboot",
                    execution_timeout=5,
                )
            )
        ),
        (200, TASK),
    ),
    Operation(
        "ListScriptTasks",
        "GET",
        lambda c: list_script_tasks.sync_detailed(
            PROJECT,
            client=c,
            offset=0,
            limit=50,
            task_id=["task-01", "task,02"],
            resource_group_id=["group-01"],
            script_name="清理",
            task_type=TaskType.COMMAND,
            execute_time_start=START,
        ),
        lambda s: s.list_script_tasks(
            sdk.ListScriptTasksRequest(
                offset=0,
                limit=50,
                task_id=["task-01", "task,02"],
                resource_group_id=["group-01"],
                script_name="清理",
                task_type="COMMAND",
                execute_time_start=START_TEXT,
            )
        ),
        (200, _json({"count": 0, "script_tasks": []})),
    ),
    Operation(
        "ListScriptRecords",
        "GET",
        lambda c: list_script_records.sync_detailed(
            PROJECT,
            client=c,
            limit=100,
            resource_id=["desktop-01", "desktop 02"],
            script_id=["script-01"],
            show_history=True,
            is_first_order=False,
            script_task_id="task-01",
            task_type=TaskType.SCRIPT,
            execute_time_end=START,
        ),
        lambda s: s.list_script_records(
            sdk.ListScriptRecordsRequest(
                limit=100,
                resource_id=["desktop-01", "desktop 02"],
                script_id=["script-01"],
                show_history=True,
                is_first_order=False,
                script_task_id="task-01",
                task_type="SCRIPT",
                execute_time_end=START_TEXT,
            )
        ),
        (200, _json({"count": 0, "script_records": []})),
    ),
    Operation(
        "ShowScriptRecordDetail",
        "GET",
        lambda c: show_script_record_detail.sync_detailed(PROJECT, "record-01", client=c),
        lambda s: s.show_script_record_detail(sdk.ShowScriptRecordDetailRequest(record_id="record-01")),
        (200, _json({"id": "record-01", "output": "ok"})),
    ),
    Operation(
        "StopScriptExecution",
        "POST",
        lambda c: stop_script_execution.sync_detailed(
            PROJECT, client=c, body=StopScriptExecutionReq(task_id="task-01")
        ),
        lambda s: s.stop_script_execution(
            sdk.StopScriptExecutionRequest(body=sdk.StopScriptExecutionReq(task_id="task-01"))
        ),
        (200, NO_BODY),
    ),
    Operation(
        "RetryScriptExecution",
        "POST",
        lambda c: retry_script_execution.sync_detailed(
            PROJECT, client=c, body=RetryScriptExecutionReq(record_id="record-01")
        ),
        lambda s: s.retry_script_execution(
            sdk.RetryScriptExecutionRequest(body=sdk.RetryScriptExecutionReq(record_id="record-01"))
        ),
        (200, TASK),
    ),
]
