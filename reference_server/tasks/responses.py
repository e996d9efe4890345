"""ListScriptTasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..calls import Reply, Request
from .models import list_tasks

if TYPE_CHECKING:
    from ..service import ScriptService


def list_script_tasks(service: ScriptService, request: Request) -> Reply:
    return Reply(200, list_tasks(service.store, request.project_id, request.query))


OPERATIONS = {"ListScriptTasks": list_script_tasks}
