"""Starting, stopping and retrying work: each turns a checked request into a reply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..calls import Reply, Request

if TYPE_CHECKING:
    from ..service import ScriptService


async def execute_script_or_command(service: ScriptService, request: Request) -> Reply:
    return Reply(200, {"task_id": await service.executions.execute(request.project_id, request.body)})


async def execute_script_by_desktop_tag(service: ScriptService, request: Request) -> Reply:
    return Reply(200, {"task_id": await service.executions.execute_by_tag(request.project_id, request.body)})


def stop_script_execution(service: ScriptService, request: Request) -> Reply:
    service.executions.stop(request.project_id, request.body)
    return Reply(200)  # the page: 200 with no body


async def retry_script_execution(service: ScriptService, request: Request) -> Reply:
    return Reply(200, {"task_id": await service.executions.retry(request.project_id, request.body)})


OPERATIONS = {
    "ExecuteScriptOrCommand": execute_script_or_command,
    "ExecuteScriptByDesktopTag": execute_script_by_desktop_tag,
    "StopScriptExecution": stop_script_execution,
    "RetryScriptExecution": retry_script_execution,
}
