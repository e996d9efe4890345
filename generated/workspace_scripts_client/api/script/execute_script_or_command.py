from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.execute_script_or_command_req import ExecuteScriptOrCommandReq
from ...models.execute_script_or_command_response import ExecuteScriptOrCommandResponse
from ...types import Response


def _get_kwargs(
    project_id: str,
    *,
    body: ExecuteScriptOrCommandReq,
) -> dict[str, Any]:
    if project_id is None or project_id == "":
        # Checked before sending: formatted into the path, it would request /v2/None/... instead.
        raise ValueError(
            "project_id is required: pass it, or give project_id= to create_client and pass "
            "client.project_id (HUAWEICLOUD_SDK_PROJECT_ID is read only when no credentials are passed)"
        )
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/{project_id}/script-executions".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ExecuteScriptOrCommandResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ExecuteScriptOrCommandResponse | None:
    if response.status_code == 200:
        return decoding.decode(response, ExecuteScriptOrCommandResponse)

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
) -> Response[ErrorResponse | ExecuteScriptOrCommandResponse]:
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
    body: ExecuteScriptOrCommandReq,
) -> Response[ErrorResponse | ExecuteScriptOrCommandResponse]:
    """Run scripts or commands on many desktops

     Starts one execution task that runs the given scripts on the given desktops and answers at once with
    the task's ID; the scripts themselves run later, and their progress is read with ListScriptTasks,
    ListScriptRecords and ShowScriptRecordDetail. With `gray_count` or `gray_resource_ids` the task
    first runs on a gray batch, and the next batch is not run once the gray batch's failures reach
    `gray_fail_threshold` (see `x-decisions` for the edge the page leaves open).

    The request is not idempotent: sending it twice starts two tasks.

    Args:
        project_id (str): Project ID.
        body (ExecuteScriptOrCommandReq): What to run and where. No field is required.

            Cross-field rules, stated for tools in `x-constraints`: when both are given,
            `gray_fail_threshold` is less than `gray_count` (from the reference page); `command` and
            `script_ids` are alternatives, not to be sent together (assumed from the official SDK's
            description of `command`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ExecuteScriptOrCommandResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "post",
            "/v2/{project_id}/script-executions",
            {
                "project_id": project_id,
            },
            {},
        )
        validation.check_request(ExecuteScriptOrCommandReq, kwargs["json"])

    http = client.get_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
    response = http.request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


@overload
def sync(
    project_id: str,
    *,
    client: RaisingClient,
    body: ExecuteScriptOrCommandReq,
) -> ExecuteScriptOrCommandResponse: ...


@overload
def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecuteScriptOrCommandReq,
) -> ErrorResponse | ExecuteScriptOrCommandResponse | None: ...


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecuteScriptOrCommandReq,
) -> ErrorResponse | ExecuteScriptOrCommandResponse | None:
    """Run scripts or commands on many desktops

     Starts one execution task that runs the given scripts on the given desktops and answers at once with
    the task's ID; the scripts themselves run later, and their progress is read with ListScriptTasks,
    ListScriptRecords and ShowScriptRecordDetail. With `gray_count` or `gray_resource_ids` the task
    first runs on a gray batch, and the next batch is not run once the gray batch's failures reach
    `gray_fail_threshold` (see `x-decisions` for the edge the page leaves open).

    The request is not idempotent: sending it twice starts two tasks.

    Args:
        project_id (str): Project ID.
        body (ExecuteScriptOrCommandReq): What to run and where. No field is required.

            Cross-field rules, stated for tools in `x-constraints`: when both are given,
            `gray_fail_threshold` is less than `gray_count` (from the reference page); `command` and
            `script_ids` are alternatives, not to be sent together (assumed from the official SDK's
            description of `command`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ExecuteScriptOrCommandResponse
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecuteScriptOrCommandReq,
) -> Response[ErrorResponse | ExecuteScriptOrCommandResponse]:
    """Run scripts or commands on many desktops

     Starts one execution task that runs the given scripts on the given desktops and answers at once with
    the task's ID; the scripts themselves run later, and their progress is read with ListScriptTasks,
    ListScriptRecords and ShowScriptRecordDetail. With `gray_count` or `gray_resource_ids` the task
    first runs on a gray batch, and the next batch is not run once the gray batch's failures reach
    `gray_fail_threshold` (see `x-decisions` for the edge the page leaves open).

    The request is not idempotent: sending it twice starts two tasks.

    Args:
        project_id (str): Project ID.
        body (ExecuteScriptOrCommandReq): What to run and where. No field is required.

            Cross-field rules, stated for tools in `x-constraints`: when both are given,
            `gray_fail_threshold` is less than `gray_count` (from the reference page); `command` and
            `script_ids` are alternatives, not to be sent together (assumed from the official SDK's
            description of `command`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ExecuteScriptOrCommandResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "post",
            "/v2/{project_id}/script-executions",
            {
                "project_id": project_id,
            },
            {},
        )
        validation.check_request(ExecuteScriptOrCommandReq, kwargs["json"])

    http = client.get_async_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


@overload
async def asyncio(
    project_id: str,
    *,
    client: RaisingClient,
    body: ExecuteScriptOrCommandReq,
) -> ExecuteScriptOrCommandResponse: ...


@overload
async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecuteScriptOrCommandReq,
) -> ErrorResponse | ExecuteScriptOrCommandResponse | None: ...


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: ExecuteScriptOrCommandReq,
) -> ErrorResponse | ExecuteScriptOrCommandResponse | None:
    """Run scripts or commands on many desktops

     Starts one execution task that runs the given scripts on the given desktops and answers at once with
    the task's ID; the scripts themselves run later, and their progress is read with ListScriptTasks,
    ListScriptRecords and ShowScriptRecordDetail. With `gray_count` or `gray_resource_ids` the task
    first runs on a gray batch, and the next batch is not run once the gray batch's failures reach
    `gray_fail_threshold` (see `x-decisions` for the edge the page leaves open).

    The request is not idempotent: sending it twice starts two tasks.

    Args:
        project_id (str): Project ID.
        body (ExecuteScriptOrCommandReq): What to run and where. No field is required.

            Cross-field rules, stated for tools in `x-constraints`: when both are given,
            `gray_fail_threshold` is less than `gray_count` (from the reference page); `command` and
            `script_ids` are alternatives, not to be sent together (assumed from the official SDK's
            description of `command`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ExecuteScriptOrCommandResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
