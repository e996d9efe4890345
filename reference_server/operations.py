"""Every operation of the Script API group: its path, method and handler. The one table a newcomer
reads to find where an operation lives (``tests/server`` checks it against openapi.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .executions import responses as executions
from .records import responses as records
from .scripts import responses as scripts
from .tasks import responses as tasks

PROJECT = "/v2/{project_id}"
# path -> {method: operationId}
ROUTES: dict[str, dict[str, str]] = {
    f"{PROJECT}/scripts": {"POST": "CreateScript", "GET": "ListScripts"},
    f"{PROJECT}/scripts/{{script_id}}": {
        "GET": "ShowScriptDetail",
        "PUT": "UpdateScript",
        "DELETE": "DeleteScript",
    },
    f"{PROJECT}/script-executions": {"POST": "ExecuteScriptOrCommand"},
    f"{PROJECT}/script-executions/by-desktop-tag": {"POST": "ExecuteScriptByDesktopTag"},
    f"{PROJECT}/script-executions/stop": {"POST": "StopScriptExecution"},
    f"{PROJECT}/script-executions/retry": {"POST": "RetryScriptExecution"},
    f"{PROJECT}/script-execution-tasks": {"GET": "ListScriptTasks"},
    f"{PROJECT}/script-execution-records": {"GET": "ListScriptRecords"},
    f"{PROJECT}/script-execution-records/{{record_id}}": {"GET": "ShowScriptRecordDetail"},
}

HANDLERS: Mapping[str, Any] = {
    **scripts.OPERATIONS,
    **executions.OPERATIONS,
    **tasks.OPERATIONS,
    **records.OPERATIONS,
}
