from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.stop_script_execution_req import StopScriptExecutionReq
from ...types import EmptyResponse, Response


def _get_kwargs(
    project_id: str,
    *,
    body: StopScriptExecutionReq,
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
        "url": "/v2/{project_id}/script-executions/stop".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmptyResponse | ErrorResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmptyResponse | ErrorResponse | None:
    if response.status_code == 200:
        return EmptyResponse(response.status_code)

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
) -> Response[EmptyResponse | ErrorResponse]:
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
    body: StopScriptExecutionReq,
) -> Response[EmptyResponse | ErrorResponse]:
    """Stop an execution task, or one of its records

     Stops what has not finished yet: every unfinished record of the task named by `task_id`, or the one
    record named by `record_id`. The answer is 200 with no body (not 204, as the page says).

    Args:
        project_id (str): Project ID.
        body (StopScriptExecutionReq): What to stop: a whole task or one record. The page marks
            both fields optional and says nothing of sending both or neither; this contract asks for
            exactly one (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmptyResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "post",
            "/v2/{project_id}/script-executions/stop",
            {
                "project_id": project_id,
            },
            {},
        )
        validation.check_request(StopScriptExecutionReq, kwargs["json"])

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
    body: StopScriptExecutionReq,
) -> EmptyResponse: ...


@overload
def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: StopScriptExecutionReq,
) -> EmptyResponse | ErrorResponse | None: ...


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: StopScriptExecutionReq,
) -> EmptyResponse | ErrorResponse | None:
    """Stop an execution task, or one of its records

     Stops what has not finished yet: every unfinished record of the task named by `task_id`, or the one
    record named by `record_id`. The answer is 200 with no body (not 204, as the page says).

    Args:
        project_id (str): Project ID.
        body (StopScriptExecutionReq): What to stop: a whole task or one record. The page marks
            both fields optional and says nothing of sending both or neither; this contract asks for
            exactly one (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmptyResponse | ErrorResponse
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
    body: StopScriptExecutionReq,
) -> Response[EmptyResponse | ErrorResponse]:
    """Stop an execution task, or one of its records

     Stops what has not finished yet: every unfinished record of the task named by `task_id`, or the one
    record named by `record_id`. The answer is 200 with no body (not 204, as the page says).

    Args:
        project_id (str): Project ID.
        body (StopScriptExecutionReq): What to stop: a whole task or one record. The page marks
            both fields optional and says nothing of sending both or neither; this contract asks for
            exactly one (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmptyResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "post",
            "/v2/{project_id}/script-executions/stop",
            {
                "project_id": project_id,
            },
            {},
        )
        validation.check_request(StopScriptExecutionReq, kwargs["json"])

    http = client.get_async_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


@overload
async def asyncio(
    project_id: str,
    *,
    client: RaisingClient,
    body: StopScriptExecutionReq,
) -> EmptyResponse: ...


@overload
async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: StopScriptExecutionReq,
) -> EmptyResponse | ErrorResponse | None: ...


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: StopScriptExecutionReq,
) -> EmptyResponse | ErrorResponse | None:
    """Stop an execution task, or one of its records

     Stops what has not finished yet: every unfinished record of the task named by `task_id`, or the one
    record named by `record_id`. The answer is 200 with no body (not 204, as the page says).

    Args:
        project_id (str): Project ID.
        body (StopScriptExecutionReq): What to stop: a whole task or one record. The page marks
            both fields optional and says nothing of sending both or neither; this contract asks for
            exactly one (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmptyResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
