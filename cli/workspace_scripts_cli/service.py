"""Every call the command line makes, through the generated client, answering wire dicts.

The client validates each request against openapi.yaml before sending it (a ``RequestValidationError``
names the field, and nothing is sent), and raises ``errors.ApiError`` for every error answer. Nothing
here retries: a POST that starts work is sent once, exactly as the operator asked.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workspace_scripts_client import RaisingClient

PAGE_SIZE = 100  # the contract's largest limit: the fewest round trips


def _model_body(model: type, body: Mapping[str, Any]) -> Any:
    """The request model from the options that were given (unset ones are left out, not sent as null)."""
    present = {name: value for name, value in body.items() if value not in (None, [], ())}
    return model.from_dict(present)  # type: ignore[attr-defined]


def _query(filters: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in filters.items() if value not in (None, [], ())}


def execute_on_desktops(client: RaisingClient, body: Mapping[str, Any]) -> str:
    from workspace_scripts_client.api.script import execute_script_or_command
    from workspace_scripts_client.models import ExecuteScriptOrCommandReq

    model = _model_body(ExecuteScriptOrCommandReq, body)
    return execute_script_or_command.sync(client.project_id, client=client, body=model).task_id


def execute_by_tag(client: RaisingClient, body: Mapping[str, Any]) -> str:
    from workspace_scripts_client.api.script import execute_script_by_desktop_tag
    from workspace_scripts_client.models import ExecuteScriptByDesktopTagReq

    model = _model_body(ExecuteScriptByDesktopTagReq, body)
    return execute_script_by_desktop_tag.sync(client.project_id, client=client, body=model).task_id


def retry(client: RaisingClient, *, task_id: str | None, record_id: str | None) -> str:
    from workspace_scripts_client.api.script import retry_script_execution
    from workspace_scripts_client.models import RetryScriptExecutionReq

    model = _model_body(RetryScriptExecutionReq, {"task_id": task_id, "record_id": record_id})
    return retry_script_execution.sync(client.project_id, client=client, body=model).task_id


def stop(client: RaisingClient, *, task_id: str | None, record_id: str | None) -> None:
    from workspace_scripts_client.api.script import stop_script_execution
    from workspace_scripts_client.models import StopScriptExecutionReq

    model = _model_body(StopScriptExecutionReq, {"task_id": task_id, "record_id": record_id})
    stop_script_execution.sync(client.project_id, client=client, body=model)


def list_tasks(client: RaisingClient, filters: Mapping[str, Any], limit: int | None) -> Listing:
    from workspace_scripts_client.models import TaskType
    from workspace_scripts_client.pagination import iter_script_tasks

    query = _query(filters)
    if "task_type" in query:
        query["task_type"] = TaskType(query["task_type"])
    return _take(iter_script_tasks(client, page_size=_page_size(limit), **query), limit)


def list_records(client: RaisingClient, filters: Mapping[str, Any], limit: int | None) -> Listing:
    from workspace_scripts_client.models import TaskType
    from workspace_scripts_client.pagination import iter_script_records

    query = _query(filters)
    if "task_type" in query:
        query["task_type"] = TaskType(query["task_type"])
    return _take(iter_script_records(client, page_size=_page_size(limit), **query), limit)


def list_scripts(client: RaisingClient, filters: Mapping[str, Any], limit: int | None) -> Listing:
    from workspace_scripts_client.pagination import iter_scripts

    query = _query(filters)
    if "type" in query:
        query["type_"] = query.pop("type")  # the generator's name (`type` is a builtin)
    return _take(iter_scripts(client, page_size=_page_size(limit), **query), limit)


@dataclass(frozen=True)
class Listing:
    """Items of a list operation as wire dicts; ``more``: ``--limit`` left further matching items out."""

    items: list[dict[str, Any]]
    more: bool


def _page_size(limit: int | None) -> int:
    # One item past the limit tells whether more match, at no extra request when it fits in one page.
    return PAGE_SIZE if limit is None else min(PAGE_SIZE, limit + 1)


def _take(items: Iterator[Any], limit: int | None) -> Listing:
    """Every item the pagination helper yields (page after page), or the first ``limit``."""
    taken = list(itertools.islice(items, None if limit is None else limit + 1))
    more = limit is not None and len(taken) > limit
    return Listing([dict(item.to_dict()) for item in taken[:limit]], more)


def show_record(client: RaisingClient, record_id: str) -> dict[str, Any]:
    from workspace_scripts_client.api.script import show_script_record_detail

    answer = show_script_record_detail.sync(client.project_id, record_id, client=client)
    return dict(answer.to_dict())


def show_script(client: RaisingClient, script_id: str) -> dict[str, Any]:
    from workspace_scripts_client.api.script import show_script_detail

    answer = show_script_detail.sync(client.project_id, script_id, client=client)
    return dict(answer.to_dict())


def create_script(client: RaisingClient, body: Mapping[str, Any]) -> str:
    from workspace_scripts_client.api.script import create_script as operation
    from workspace_scripts_client.models import CreateScriptReq

    model = _model_body(CreateScriptReq, body)
    return operation.sync(client.project_id, client=client, body=model).script_id


def update_script(client: RaisingClient, script_id: str, body: Mapping[str, Any]) -> None:
    from workspace_scripts_client.api.script import update_script as operation
    from workspace_scripts_client.models import UpdateScriptReq

    model = _model_body(UpdateScriptReq, body)
    operation.sync(client.project_id, script_id, client=client, body=model)


def delete_script(client: RaisingClient, script_id: str) -> None:
    from workspace_scripts_client.api.script import delete_script as operation

    operation.sync(client.project_id, script_id, client=client)
