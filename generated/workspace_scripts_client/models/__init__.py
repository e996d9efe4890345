"""Contains all the data models used in inputs/outputs"""

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
