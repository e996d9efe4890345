import datetime
from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.list_script_records_response import ListScriptRecordsResponse
from ...models.task_type import TaskType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    *,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
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

    json_resource_id: list[str] | Unset = UNSET
    if not isinstance(resource_id, Unset):
        json_resource_id = resource_id

    params["resource_id"] = json_resource_id

    json_resource_group_id: list[str] | Unset = UNSET
    if not isinstance(resource_group_id, Unset):
        json_resource_group_id = resource_group_id

    params["resource_group_id"] = json_resource_group_id

    json_script_id: list[str] | Unset = UNSET
    if not isinstance(script_id, Unset):
        json_script_id = script_id

    params["script_id"] = json_script_id

    json_script_name: list[str] | Unset = UNSET
    if not isinstance(script_name, Unset):
        json_script_name = script_name

    params["script_name"] = json_script_name

    params["status"] = status

    params["is_first_order"] = is_first_order

    params["script_task_id"] = script_task_id

    json_task_type: str | Unset = UNSET
    if not isinstance(task_type, Unset):
        json_task_type = task_type.value

    params["task_type"] = json_task_type

    params["show_history"] = show_history

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
        "url": "/v2/{project_id}/script-execution-records".format(
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
) -> ErrorResponse | ListScriptRecordsResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListScriptRecordsResponse | None:
    if response.status_code == 200:
        return decoding.decode(response, ListScriptRecordsResponse)

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
) -> Response[ErrorResponse | ListScriptRecordsResponse]:
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
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> Response[ErrorResponse | ListScriptRecordsResponse]:
    """List execution records

     One page of execution records (one per desktop and script of a task), filtered; `count` is the
    number of all records that match the filters.

    Cross-parameter rule, stated for tools in `x-constraints` (same form as the body rules):
    `show_history=true` needs both `resource_id` and `script_id` (from the reference page).

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_id (list[str] | Unset): Only records of these desktops.
        resource_group_id (list[str] | Unset): Only records of desktops in these resource groups.
        script_id (list[str] | Unset): Only records of these scripts.
        script_name (list[str] | Unset): Only records of scripts with one of these names (exact
            match, assumption).
        status (str | Unset): Only records in this status. The page does not list the values; see
            ScriptRecordSimpleInfo's `status`.
        is_first_order (bool | Unset): `true`: only records of the gray (first) batch; `false`:
            only the others (assumption: the page names the filter, not what `false` selects).
        script_task_id (str | Unset): Only records of this execution task.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        show_history (bool | Unset): Whether to include the history of runs. When `true`, both
            `resource_id` and `script_id` must be given. The page does not say what the history adds.
            If not given, it is not sent and the service uses False.
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
        Response[ErrorResponse | ListScriptRecordsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        offset=offset,
        limit=limit,
        resource_id=resource_id,
        resource_group_id=resource_group_id,
        script_id=script_id,
        script_name=script_name,
        status=status,
        is_first_order=is_first_order,
        script_task_id=script_task_id,
        task_type=task_type,
        show_history=show_history,
        execute_time_start=execute_time_start,
        execute_time_end=execute_time_end,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/script-execution-records",
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
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ListScriptRecordsResponse: ...


@overload
def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptRecordsResponse | None: ...


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptRecordsResponse | None:
    """List execution records

     One page of execution records (one per desktop and script of a task), filtered; `count` is the
    number of all records that match the filters.

    Cross-parameter rule, stated for tools in `x-constraints` (same form as the body rules):
    `show_history=true` needs both `resource_id` and `script_id` (from the reference page).

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_id (list[str] | Unset): Only records of these desktops.
        resource_group_id (list[str] | Unset): Only records of desktops in these resource groups.
        script_id (list[str] | Unset): Only records of these scripts.
        script_name (list[str] | Unset): Only records of scripts with one of these names (exact
            match, assumption).
        status (str | Unset): Only records in this status. The page does not list the values; see
            ScriptRecordSimpleInfo's `status`.
        is_first_order (bool | Unset): `true`: only records of the gray (first) batch; `false`:
            only the others (assumption: the page names the filter, not what `false` selects).
        script_task_id (str | Unset): Only records of this execution task.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        show_history (bool | Unset): Whether to include the history of runs. When `true`, both
            `resource_id` and `script_id` must be given. The page does not say what the history adds.
            If not given, it is not sent and the service uses False.
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
        ErrorResponse | ListScriptRecordsResponse
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        offset=offset,
        limit=limit,
        resource_id=resource_id,
        resource_group_id=resource_group_id,
        script_id=script_id,
        script_name=script_name,
        status=status,
        is_first_order=is_first_order,
        script_task_id=script_task_id,
        task_type=task_type,
        show_history=show_history,
        execute_time_start=execute_time_start,
        execute_time_end=execute_time_end,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> Response[ErrorResponse | ListScriptRecordsResponse]:
    """List execution records

     One page of execution records (one per desktop and script of a task), filtered; `count` is the
    number of all records that match the filters.

    Cross-parameter rule, stated for tools in `x-constraints` (same form as the body rules):
    `show_history=true` needs both `resource_id` and `script_id` (from the reference page).

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_id (list[str] | Unset): Only records of these desktops.
        resource_group_id (list[str] | Unset): Only records of desktops in these resource groups.
        script_id (list[str] | Unset): Only records of these scripts.
        script_name (list[str] | Unset): Only records of scripts with one of these names (exact
            match, assumption).
        status (str | Unset): Only records in this status. The page does not list the values; see
            ScriptRecordSimpleInfo's `status`.
        is_first_order (bool | Unset): `true`: only records of the gray (first) batch; `false`:
            only the others (assumption: the page names the filter, not what `false` selects).
        script_task_id (str | Unset): Only records of this execution task.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        show_history (bool | Unset): Whether to include the history of runs. When `true`, both
            `resource_id` and `script_id` must be given. The page does not say what the history adds.
            If not given, it is not sent and the service uses False.
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
        Response[ErrorResponse | ListScriptRecordsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        offset=offset,
        limit=limit,
        resource_id=resource_id,
        resource_group_id=resource_group_id,
        script_id=script_id,
        script_name=script_name,
        status=status,
        is_first_order=is_first_order,
        script_task_id=script_task_id,
        task_type=task_type,
        show_history=show_history,
        execute_time_start=execute_time_start,
        execute_time_end=execute_time_end,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/script-execution-records",
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
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ListScriptRecordsResponse: ...


@overload
async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptRecordsResponse | None: ...


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    resource_id: list[str] | Unset = UNSET,
    resource_group_id: list[str] | Unset = UNSET,
    script_id: list[str] | Unset = UNSET,
    script_name: list[str] | Unset = UNSET,
    status: str | Unset = UNSET,
    is_first_order: bool | Unset = UNSET,
    script_task_id: str | Unset = UNSET,
    task_type: TaskType | Unset = UNSET,
    show_history: bool | Unset = UNSET,
    execute_time_start: datetime.datetime | Unset = UNSET,
    execute_time_end: datetime.datetime | Unset = UNSET,
) -> ErrorResponse | ListScriptRecordsResponse | None:
    """List execution records

     One page of execution records (one per desktop and script of a task), filtered; `count` is the
    number of all records that match the filters.

    Cross-parameter rule, stated for tools in `x-constraints` (same form as the body rules):
    `show_history=true` needs both `resource_id` and `script_id` (from the reference page).

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        resource_id (list[str] | Unset): Only records of these desktops.
        resource_group_id (list[str] | Unset): Only records of desktops in these resource groups.
        script_id (list[str] | Unset): Only records of these scripts.
        script_name (list[str] | Unset): Only records of scripts with one of these names (exact
            match, assumption).
        status (str | Unset): Only records in this status. The page does not list the values; see
            ScriptRecordSimpleInfo's `status`.
        is_first_order (bool | Unset): `true`: only records of the gray (first) batch; `false`:
            only the others (assumption: the page names the filter, not what `false` selects).
        script_task_id (str | Unset): Only records of this execution task.
        task_type (TaskType | Unset): What a task runs, scripts (`SCRIPT`) or a command
            (`COMMAND`).
        show_history (bool | Unset): Whether to include the history of runs. When `true`, both
            `resource_id` and `script_id` must be given. The page does not say what the history adds.
            If not given, it is not sent and the service uses False.
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
        ErrorResponse | ListScriptRecordsResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            offset=offset,
            limit=limit,
            resource_id=resource_id,
            resource_group_id=resource_group_id,
            script_id=script_id,
            script_name=script_name,
            status=status,
            is_first_order=is_first_order,
            script_task_id=script_task_id,
            task_type=task_type,
            show_history=show_history,
            execute_time_start=execute_time_start,
            execute_time_end=execute_time_end,
        )
    ).parsed
