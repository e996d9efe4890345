"""Contains all the data models used in inputs/outputs"""

from .error_response import ErrorResponse
from .execute_script_or_command_req import ExecuteScriptOrCommandReq
from .execute_script_or_command_req_command_type import ExecuteScriptOrCommandReqCommandType
from .execute_script_or_command_response import ExecuteScriptOrCommandResponse

__all__ = (
    "ErrorResponse",
    "ExecuteScriptOrCommandReq",
    "ExecuteScriptOrCommandReqCommandType",
    "ExecuteScriptOrCommandResponse",
)
