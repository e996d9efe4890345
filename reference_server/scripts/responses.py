"""The library's operations: each turns a checked request into a reply, nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..calls import Reply, Request

if TYPE_CHECKING:
    from ..service import ScriptService


def create_script(service: ScriptService, request: Request) -> Reply:
    return Reply(200, {"script_id": service.library.create(request.project_id, request.body)})


def list_scripts(service: ScriptService, request: Request) -> Reply:
    return Reply(200, service.library.list_page(request.project_id, request.query))


def show_script_detail(service: ScriptService, request: Request) -> Reply:
    # script_task_id is accepted and ignored (assumption: the page does not say what it changes).
    return Reply(200, service.library.show(request.project_id, request.path["script_id"]))


def update_script(service: ScriptService, request: Request) -> Reply:
    service.library.update(request.project_id, request.path["script_id"], request.body)
    return Reply(204)


def delete_script(service: ScriptService, request: Request) -> Reply:
    service.library.delete(request.project_id, request.path["script_id"])
    return Reply(204)


OPERATIONS = {
    "CreateScript": create_script,
    "ListScripts": list_scripts,
    "ShowScriptDetail": show_script_detail,
    "UpdateScript": update_script,
    "DeleteScript": delete_script,
}
