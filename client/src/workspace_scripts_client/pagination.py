"""Every item of a list operation, page after page: scripts, execution tasks and execution records.

Each helper sends ``offset``/``limit`` itself (``page_size`` per call, at most the contract's 100) and
stops when the answer's ``count`` (the number of all matching items) is reached, or at the first empty
page, whichever comes first, so a server whose ``count`` overstates cannot keep it looping. A short page
does not stop it: a server may cap ``limit`` below what was asked. ``count`` is read from every page, so
items added meanwhile are followed. An error answer raises the ``errors.ApiError`` for its status, whatever
the client's ``raise_on_error``: an iterator cannot return an ``ErrorResponse`` in place of an item.

The filters are the operation's own query parameters (``ScriptFilters``, ``TaskFilters``,
``RecordFilters``), checked before sending like any call's.
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Protocol, TypedDict, TypeVar, Unpack

import httpx

from . import decoding
from .api.script import list_script_records, list_script_tasks, list_scripts
from .client import AuthenticatedClient
from .models import (
    ListScriptRecordsResponse,
    ListScriptsResponse,
    ListScriptTasksResponse,
    ScriptRecordSimpleInfo,
    ScriptSimpleInfo,
    ScriptTaskInfo,
    TaskType,
)
from .types import Response

MAX_PAGE_SIZE = 100  # the contract's maximum of `limit`


class ScriptFilters(TypedDict, total=False):
    """ListScripts' filters (its query parameters but ``offset`` and ``limit``)."""

    id: str
    name: str
    type_: str


class TaskFilters(TypedDict, total=False):
    """ListScriptTasks' filters (its query parameters but ``offset`` and ``limit``)."""

    resource_group_id: list[str]
    script_id: str
    script_name: str
    status: str
    resource_group_type: str
    task_id: list[str]
    task_type: TaskType
    execute_time_start: datetime.datetime
    execute_time_end: datetime.datetime


class RecordFilters(TypedDict, total=False):
    """ListScriptRecords' filters (its query parameters but ``offset`` and ``limit``)."""

    resource_id: list[str]
    resource_group_id: list[str]
    script_id: list[str]
    script_name: list[str]
    status: str
    is_first_order: bool
    script_task_id: str
    task_type: TaskType
    show_history: bool
    execute_time_start: datetime.datetime
    execute_time_end: datetime.datetime


class Page(Protocol):
    count: int


P = TypeVar("P", bound=Page)
T = TypeVar("T")


def page_of(response: Response[Any], model: type[P]) -> P:
    """The answer's page, or the ``ApiError`` for its status (an ``ErrorResponse`` or an undocumented one)."""
    if isinstance(response.parsed, model):
        return response.parsed
    raw = httpx.Response(int(response.status_code), headers=response.headers, content=response.content)
    raise decoding.api_error(raw, response.parsed)


def _pages(
    fetch: Callable[[int, int], Response[Any]],
    model: type[P],
    items: Callable[[P], list[T]],
    offset: int,
    size: int,
) -> Iterator[T]:
    while True:
        page = page_of(fetch(offset, size), model)
        found = items(page)
        yield from found
        offset += len(found)
        if not found or offset >= page.count:
            return


async def _async_pages(
    fetch: Callable[[int, int], Awaitable[Response[Any]]],
    model: type[P],
    items: Callable[[P], list[T]],
    offset: int,
    size: int,
) -> AsyncIterator[T]:
    while True:
        page = page_of(await fetch(offset, size), model)
        found = items(page)
        for item in found:
            yield item
        offset += len(found)
        if not found or offset >= page.count:
            return


def iter_scripts(
    client: AuthenticatedClient,
    *,
    project_id: str | None = None,
    offset: int = 0,
    page_size: int = MAX_PAGE_SIZE,
    **filters: Unpack[ScriptFilters],
) -> Iterator[ScriptSimpleInfo]:
    """Every script matching ``filters``, from ``offset`` on (project: ``client.project_id`` by default)."""
    project = project_id or client.project_id

    def fetch(at: int, size: int) -> Response[Any]:
        return list_scripts.sync_detailed(project, client=client, offset=at, limit=size, **filters)

    return _pages(fetch, ListScriptsResponse, lambda page: page.scripts, offset, page_size)


def iter_script_tasks(
    client: AuthenticatedClient,
    *,
    project_id: str | None = None,
    offset: int = 0,
    page_size: int = MAX_PAGE_SIZE,
    **filters: Unpack[TaskFilters],
) -> Iterator[ScriptTaskInfo]:
    """Every execution task matching ``filters``, from ``offset`` on."""
    project = project_id or client.project_id

    def fetch(at: int, size: int) -> Response[Any]:
        return list_script_tasks.sync_detailed(project, client=client, offset=at, limit=size, **filters)

    return _pages(fetch, ListScriptTasksResponse, lambda page: page.script_tasks, offset, page_size)


def iter_script_records(
    client: AuthenticatedClient,
    *,
    project_id: str | None = None,
    offset: int = 0,
    page_size: int = MAX_PAGE_SIZE,
    **filters: Unpack[RecordFilters],
) -> Iterator[ScriptRecordSimpleInfo]:
    """Every execution record matching ``filters`` (``script_task_id=`` for a task's), from ``offset`` on."""
    project = project_id or client.project_id

    def fetch(at: int, size: int) -> Response[Any]:
        return list_script_records.sync_detailed(project, client=client, offset=at, limit=size, **filters)

    return _pages(fetch, ListScriptRecordsResponse, lambda page: page.script_records, offset, page_size)


def aiter_scripts(
    client: AuthenticatedClient,
    *,
    project_id: str | None = None,
    offset: int = 0,
    page_size: int = MAX_PAGE_SIZE,
    **filters: Unpack[ScriptFilters],
) -> AsyncIterator[ScriptSimpleInfo]:
    """The async twin of ``iter_scripts`` (``async for script in aiter_scripts(client): ...``)."""
    project = project_id or client.project_id

    async def fetch(at: int, size: int) -> Response[Any]:
        return await list_scripts.asyncio_detailed(project, client=client, offset=at, limit=size, **filters)

    return _async_pages(fetch, ListScriptsResponse, lambda page: page.scripts, offset, page_size)


def aiter_script_tasks(
    client: AuthenticatedClient,
    *,
    project_id: str | None = None,
    offset: int = 0,
    page_size: int = MAX_PAGE_SIZE,
    **filters: Unpack[TaskFilters],
) -> AsyncIterator[ScriptTaskInfo]:
    """The async twin of ``iter_script_tasks``."""
    project = project_id or client.project_id

    async def fetch(at: int, size: int) -> Response[Any]:
        return await list_script_tasks.asyncio_detailed(
            project, client=client, offset=at, limit=size, **filters
        )

    return _async_pages(fetch, ListScriptTasksResponse, lambda page: page.script_tasks, offset, page_size)


def aiter_script_records(
    client: AuthenticatedClient,
    *,
    project_id: str | None = None,
    offset: int = 0,
    page_size: int = MAX_PAGE_SIZE,
    **filters: Unpack[RecordFilters],
) -> AsyncIterator[ScriptRecordSimpleInfo]:
    """The async twin of ``iter_script_records``."""
    project = project_id or client.project_id

    async def fetch(at: int, size: int) -> Response[Any]:
        return await list_script_records.asyncio_detailed(
            project, client=client, offset=at, limit=size, **filters
        )

    return _async_pages(fetch, ListScriptRecordsResponse, lambda page: page.script_records, offset, page_size)
