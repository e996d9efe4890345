"""ListScriptRecords and ShowScriptRecordDetail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..calls import Reply, Request
from .models import list_records, show_record

if TYPE_CHECKING:
    from ..service import ScriptService


def list_script_records(service: ScriptService, request: Request) -> Reply:
    return Reply(200, list_records(service.store, request.project_id, request.query))


def show_script_record_detail(service: ScriptService, request: Request) -> Reply:
    return Reply(200, show_record(service.store, request.project_id, request.path["record_id"]))


OPERATIONS = {
    "ListScriptRecords": list_script_records,
    "ShowScriptRecordDetail": show_script_record_detail,
}
