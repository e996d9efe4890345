"""The data models of requests and answers, each imported on first use.

A PEP 562 ``__getattr__`` loads a model's module when its name is first read (``models.ScriptTaskInfo``
or ``from .models import ScriptTaskInfo``), so that importing one endpoint builds the few classes it
needs, not every model of the API. Type checkers read the imports under ``TYPE_CHECKING``.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .create_script_req import CreateScriptReq
    from .create_script_response import CreateScriptResponse
    from .error_response import ErrorResponse
    from .execute_script_by_desktop_tag_req import ExecuteScriptByDesktopTagReq
    from .execute_script_by_desktop_tag_req_command_type import ExecuteScriptByDesktopTagReqCommandType
    from .execute_script_by_desktop_tag_req_post_finish import ExecuteScriptByDesktopTagReqPostFinish
    from .execute_script_by_desktop_tag_response import ExecuteScriptByDesktopTagResponse
    from .execute_script_or_command_req import ExecuteScriptOrCommandReq
    from .execute_script_or_command_req_command_type import ExecuteScriptOrCommandReqCommandType
    from .execute_script_or_command_response import ExecuteScriptOrCommandResponse
    from .list_script_records_response import ListScriptRecordsResponse
    from .list_script_tasks_response import ListScriptTasksResponse
    from .list_scripts_response import ListScriptsResponse
    from .retry_script_execution_req import RetryScriptExecutionReq
    from .retry_script_execution_response import RetryScriptExecutionResponse
    from .script_record_simple_info import ScriptRecordSimpleInfo
    from .script_simple_info import ScriptSimpleInfo
    from .script_task_info import ScriptTaskInfo
    from .script_task_info_task_scripts import ScriptTaskInfoTaskScripts
    from .script_type import ScriptType
    from .show_script_detail_response import ShowScriptDetailResponse
    from .show_script_record_detail_response import ShowScriptRecordDetailResponse
    from .stop_script_execution_req import StopScriptExecutionReq
    from .task_type import TaskType
    from .update_script_req import UpdateScriptReq

# Each model's name and the module that defines it.
_MODULES = {
    "CreateScriptReq": ".create_script_req",
    "CreateScriptResponse": ".create_script_response",
    "ErrorResponse": ".error_response",
    "ExecuteScriptByDesktopTagReq": ".execute_script_by_desktop_tag_req",
    "ExecuteScriptByDesktopTagReqCommandType": ".execute_script_by_desktop_tag_req_command_type",
    "ExecuteScriptByDesktopTagReqPostFinish": ".execute_script_by_desktop_tag_req_post_finish",
    "ExecuteScriptByDesktopTagResponse": ".execute_script_by_desktop_tag_response",
    "ExecuteScriptOrCommandReq": ".execute_script_or_command_req",
    "ExecuteScriptOrCommandReqCommandType": ".execute_script_or_command_req_command_type",
    "ExecuteScriptOrCommandResponse": ".execute_script_or_command_response",
    "ListScriptRecordsResponse": ".list_script_records_response",
    "ListScriptTasksResponse": ".list_script_tasks_response",
    "ListScriptsResponse": ".list_scripts_response",
    "RetryScriptExecutionReq": ".retry_script_execution_req",
    "RetryScriptExecutionResponse": ".retry_script_execution_response",
    "ScriptRecordSimpleInfo": ".script_record_simple_info",
    "ScriptSimpleInfo": ".script_simple_info",
    "ScriptTaskInfo": ".script_task_info",
    "ScriptTaskInfoTaskScripts": ".script_task_info_task_scripts",
    "ScriptType": ".script_type",
    "ShowScriptDetailResponse": ".show_script_detail_response",
    "ShowScriptRecordDetailResponse": ".show_script_record_detail_response",
    "StopScriptExecutionReq": ".stop_script_execution_req",
    "TaskType": ".task_type",
    "UpdateScriptReq": ".update_script_req",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # read once: later reads find it without calling __getattr__ again
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "CreateScriptReq",
    "CreateScriptResponse",
    "ErrorResponse",
    "ExecuteScriptByDesktopTagReq",
    "ExecuteScriptByDesktopTagReqCommandType",
    "ExecuteScriptByDesktopTagReqPostFinish",
    "ExecuteScriptByDesktopTagResponse",
    "ExecuteScriptOrCommandReq",
    "ExecuteScriptOrCommandReqCommandType",
    "ExecuteScriptOrCommandResponse",
    "ListScriptRecordsResponse",
    "ListScriptsResponse",
    "ListScriptTasksResponse",
    "RetryScriptExecutionReq",
    "RetryScriptExecutionResponse",
    "ScriptRecordSimpleInfo",
    "ScriptSimpleInfo",
    "ScriptTaskInfo",
    "ScriptTaskInfoTaskScripts",
    "ScriptType",
    "ShowScriptDetailResponse",
    "ShowScriptRecordDetailResponse",
    "StopScriptExecutionReq",
    "TaskType",
    "UpdateScriptReq",
)
