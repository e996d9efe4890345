import datetime
from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.list_script_tasks_response import ListScriptTasksResponse
from ...models.task_type import TaskType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    *,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:
    if project_id is None or project_id == "":
        # Checked before sending: formatted into the path, it would request /v2/None/... instead.
        raise ValueError(
            "project_id is required: pass it, or give project_id= to create_client and pass "
            "client.project_id (HUAWEICLOUD_SDK_PROJECT_ID is read only when no credentials are passed)"
        )

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    json_resource_group_id: list[str] | Unset = UNSET
    if not isinstance(resource_group_id, Unset):
        json_resource_group_id = resource_group_id

    params["resource_group_id"] = json_resource_group_id

    params["script_id"] = script_id

    params["script_name"] = script_name

    params["status"] = status

    params["resource_group_type"] = resource_group_type

    json_task_id: list[str] | Unset = UNSET
    if not isinstance(task_id, Unset):
        json_task_id = task_id

    params["task_id"] = json_task_id

    json_task_type: str | Unset = UNSET
    if not isinstance(task_type, Unset):
        json_task_type = task_type.value

    params["task_type"] = json_task_type

    json_execute_time_start: str | Unset = UNSET
    if not isinstance(execute_time_start, Unset):
        json_execute_time_start = execute_time_start.isoformat().replace("+00:00", "Z")
    params["execute_time_start"] = json_execute_time_start

    json_execute_time_end: str | Unset = UNSET
    if not isinstance(execute_time_end, Unset):
        json_execute_time_end = execute_time_end.isoformat().replace("+00:00", "Z")
    params["execute_time_end"] = json_execute_time_end

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/{project_id}/script-execution-tasks".format(
            project_id=quote(str(project_id), safe=""),
        ),
        "params": params,
    }

    # The official SDK sends this on bodiless requests too, and signs it: so does this client, so that both
    # send the same signed header set.
    _kwargs["headers"] = {"Content-Type": "application/json"}
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListScriptTasksResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListScriptTasksResponse | None:
    if response.status_code == 200:
        return decoding.decode(response, ListScriptTasksResponse)

    if response.status_code == 400:
        return decoding.decode(response, ErrorResponse)

    if response.status_code == 401:
        return decoding.decode(response, ErrorResponse)

    if response.status_code == 403:
        return decoding.decode(response, ErrorResponse)

    if response.status_code == 404:
        return decoding.decode(response, ErrorResponse)

    if response.status_code == 405:
        return decoding.decode(response, ErrorResponse)

    if response.status_code == 500:
        return decoding.decode(response, ErrorResponse)

    if response.status_code == 503:
        return decoding.decode(response, ErrorResponse)

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ListScriptTasksResponse]:
    return Response(
        status_code=decoding.status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> Response[ErrorResponse | ListScriptTasksResponse]:
    """List execution tasks

     One page of the project's execution tasks, filtered, with their counts of succeeded, failed and
    skipped records; `count` is the number of all tasks that match the filters.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_group_id (list[str] | Unset): Only tasks run on these resource groups.
        script_id (str | Unset): Only tasks that run this script.
        script_name (str | Unset): Only tasks that run a script whose name contains this text
            (substring match, as for ListScripts' `name`: assumption).
        status (str | Unset): Only tasks in this status. The page does not list the values; see
            ScriptTaskInfo's `status`.
        resource_group_type (str | Unset): Only tasks run on resource groups of this type (values
            not documented).
        task_id (list[str] | Unset): Only these tasks.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        execute_time_start (datetime.datetime | Unset): Only items that started at or after this
            time, for example `2021-10-01T12:00:00Z`. The page gives the example only; that the value
            must be an RFC 3339 date-time, and that it is compared with the item's `start_time`, are
            assumptions.
        execute_time_end (datetime.datetime | Unset): Only items that started at or before this
            time (RFC 3339 date-time and comparison with `start_time`: assumptions, as for
            `execute_time_start`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListScriptTasksResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        offset=offset,
        limit=limit,
        resource_group_id=resource_group_id,
        script_id=script_id,
        script_name=script_name,
        status=status,
        resource_group_type=resource_group_type,
        task_id=task_id,
        task_type=task_type,
        execute_time_start=execute_time_start,
        execute_time_end=execute_time_end,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/script-execution-tasks",
            {
                "project_id": project_id,
            },
            kwargs["params"],
        )

    http = client.get_httpx_client()
    # The query goes into the URL, encoded as the official SDK encodes it (not by httpx's params).
    kwargs["url"] = client.url_for(http, kwargs["url"], kwargs.pop("params"))
    response = http.request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


@overload
def sync(
    project_id: str,
    *,
    client: RaisingClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ListScriptTasksResponse: ...


@overload
def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptTasksResponse | None: ...


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptTasksResponse | None:
    """List execution tasks

     One page of the project's execution tasks, filtered, with their counts of succeeded, failed and
    skipped records; `count` is the number of all tasks that match the filters.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_group_id (list[str] | Unset): Only tasks run on these resource groups.
        script_id (str | Unset): Only tasks that run this script.
        script_name (str | Unset): Only tasks that run a script whose name contains this text
            (substring match, as for ListScripts' `name`: assumption).
        status (str | Unset): Only tasks in this status. The page does not list the values; see
            ScriptTaskInfo's `status`.
        resource_group_type (str | Unset): Only tasks run on resource groups of this type (values
            not documented).
        task_id (list[str] | Unset): Only these tasks.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        execute_time_start (datetime.datetime | Unset): Only items that started at or after this
            time, for example `2021-10-01T12:00:00Z`. The page gives the example only; that the value
            must be an RFC 3339 date-time, and that it is compared with the item's `start_time`, are
            assumptions.
        execute_time_end (datetime.datetime | Unset): Only items that started at or before this
            time (RFC 3339 date-time and comparison with `start_time`: assumptions, as for
            `execute_time_start`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListScriptTasksResponse
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        offset=offset,
        limit=limit,
        resource_group_id=resource_group_id,
        script_id=script_id,
        script_name=script_name,
        status=status,
        resource_group_type=resource_group_type,
        task_id=task_id,
        task_type=task_type,
        execute_time_start=execute_time_start,
        execute_time_end=execute_time_end,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> Response[ErrorResponse | ListScriptTasksResponse]:
    """List execution tasks

     One page of the project's execution tasks, filtered, with their counts of succeeded, failed and
    skipped records; `count` is the number of all tasks that match the filters.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_group_id (list[str] | Unset): Only tasks run on these resource groups.
        script_id (str | Unset): Only tasks that run this script.
        script_name (str | Unset): Only tasks that run a script whose name contains this text
            (substring match, as for ListScripts' `name`: assumption).
        status (str | Unset): Only tasks in this status. The page does not list the values; see
            ScriptTaskInfo's `status`.
        resource_group_type (str | Unset): Only tasks run on resource groups of this type (values
            not documented).
        task_id (list[str] | Unset): Only these tasks.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        execute_time_start (datetime.datetime | Unset): Only items that started at or after this
            time, for example `2021-10-01T12:00:00Z`. The page gives the example only; that the value
            must be an RFC 3339 date-time, and that it is compared with the item's `start_time`, are
            assumptions.
        execute_time_end (datetime.datetime | Unset): Only items that started at or before this
            time (RFC 3339 date-time and comparison with `start_time`: assumptions, as for
            `execute_time_start`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListScriptTasksResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        offset=offset,
        limit=limit,
        resource_group_id=resource_group_id,
        script_id=script_id,
        script_name=script_name,
        status=status,
        resource_group_type=resource_group_type,
        task_id=task_id,
        task_type=task_type,
        execute_time_start=execute_time_start,
        execute_time_end=execute_time_end,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/script-execution-tasks",
            {
                "project_id": project_id,
            },
            kwargs["params"],
        )

    http = client.get_async_httpx_client()
    # The query goes into the URL, encoded as the official SDK encodes it (not by httpx's params).
    kwargs["url"] = client.url_for(http, kwargs["url"], kwargs.pop("params"))
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


@overload
async def asyncio(
    project_id: str,
    *,
    client: RaisingClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ListScriptTasksResponse: ...


@overload
async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptTasksResponse | None: ...


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: str | Unset = UNSET,
    script_name: str | Unset = UNSET,
    status: str | Unset = UNSET,
    resource_group_type: str | Unset = UNSET,
    task_id: list[str] | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptTasksResponse | None:
    """List execution tasks

     One page of the project's execution tasks, filtered, with their counts of succeeded, failed and
    skipped records; `count` is the number of all tasks that match the filters.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_group_id (list[str] | Unset): Only tasks run on these resource groups.
        script_id (str | Unset): Only tasks that run this script.
        script_name (str | Unset): Only tasks that run a script whose name contains this text
            (substring match, as for ListScripts' `name`: assumption).
        status (str | Unset): Only tasks in this status. The page does not list the values; see
            ScriptTaskInfo's `status`.
        resource_group_type (str | Unset): Only tasks run on resource groups of this type (values
            not documented).
        task_id (list[str] | Unset): Only these tasks.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        execute_time_start (datetime.datetime | Unset): Only items that started at or after this
            time, for example `2021-10-01T12:00:00Z`. The page gives the example only; that the value
            must be an RFC 3339 date-time, and that it is compared with the item's `start_time`, are
            assumptions.
        execute_time_end (datetime.datetime | Unset): Only items that started at or before this
            time (RFC 3339 date-time and comparison with `start_time`: assumptions, as for
            `execute_time_start`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListScriptTasksResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            offset=offset,
            limit=limit,
            resource_group_id=resource_group_id,
            script_id=script_id,
            script_name=script_name,
            status=status,
            resource_group_type=resource_group_type,
            task_id=task_id,
            task_type=task_type,
            execute_time_start=execute_time_start,
            execute_time_end=execute_time_end,
        )
    ).parsed
