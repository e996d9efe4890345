from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.retry_script_execution_req import RetryScriptExecutionReq
from ...models.retry_script_execution_response import RetryScriptExecutionResponse
from ...types import Response


def _get_kwargs(
    project_id: str,
    *,
    body: RetryScriptExecutionReq,
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
        "url": "/v2/{project_id}/script-executions/retry".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RetryScriptExecutionResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RetryScriptExecutionResponse | None:
    if response.status_code == 200:
        return decoding.decode(response, RetryScriptExecutionResponse)

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
) -> Response[ErrorResponse | RetryScriptExecutionResponse]:
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
    body: RetryScriptExecutionReq,
) -> Response[ErrorResponse | RetryScriptExecutionResponse]:
    """Run again what failed in a task, or one record

     Runs again the records of the task named by `task_id` that did not succeed, or the one record named
    by `record_id`, and answers with the ID of the task that runs them. Not idempotent: it starts work,
    like an execution.

    Args:
        project_id (str): Project ID.
        body (RetryScriptExecutionReq): What to run again: a whole task or one record. As for
            Stop, exactly one of the two (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RetryScriptExecutionResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "post",
            "/v2/{project_id}/script-executions/retry",
            {
                "project_id": project_id,
            },
            {},
        )
        validation.check_request(RetryScriptExecutionReq, kwargs["json"])

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
    body: RetryScriptExecutionReq,
) -> RetryScriptExecutionResponse: ...


@overload
def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: RetryScriptExecutionReq,
) -> ErrorResponse | RetryScriptExecutionResponse | None: ...


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: RetryScriptExecutionReq,
) -> ErrorResponse | RetryScriptExecutionResponse | None:
    """Run again what failed in a task, or one record

     Runs again the records of the task named by `task_id` that did not succeed, or the one record named
    by `record_id`, and answers with the ID of the task that runs them. Not idempotent: it starts work,
    like an execution.

    Args:
        project_id (str): Project ID.
        body (RetryScriptExecutionReq): What to run again: a whole task or one record. As for
            Stop, exactly one of the two (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RetryScriptExecutionResponse
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
    body: RetryScriptExecutionReq,
) -> Response[ErrorResponse | RetryScriptExecutionResponse]:
    """Run again what failed in a task, or one record

     Runs again the records of the task named by `task_id` that did not succeed, or the one record named
    by `record_id`, and answers with the ID of the task that runs them. Not idempotent: it starts work,
    like an execution.

    Args:
        project_id (str): Project ID.
        body (RetryScriptExecutionReq): What to run again: a whole task or one record. As for
            Stop, exactly one of the two (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RetryScriptExecutionResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "post",
            "/v2/{project_id}/script-executions/retry",
            {
                "project_id": project_id,
            },
            {},
        )
        validation.check_request(RetryScriptExecutionReq, kwargs["json"])

    http = client.get_async_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


@overload
async def asyncio(
    project_id: str,
    *,
    client: RaisingClient,
    body: RetryScriptExecutionReq,
) -> RetryScriptExecutionResponse: ...


@overload
async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: RetryScriptExecutionReq,
) -> ErrorResponse | RetryScriptExecutionResponse | None: ...


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    body: RetryScriptExecutionReq,
) -> ErrorResponse | RetryScriptExecutionResponse | None:
    """Run again what failed in a task, or one record

     Runs again the records of the task named by `task_id` that did not succeed, or the one record named
    by `record_id`, and answers with the ID of the task that runs them. Not idempotent: it starts work,
    like an execution.

    Args:
        project_id (str): Project ID.
        body (RetryScriptExecutionReq): What to run again: a whole task or one record. As for
            Stop, exactly one of the two (assumption, in `x-constraints`).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RetryScriptExecutionResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
