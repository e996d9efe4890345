from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.show_script_record_detail_response import ShowScriptRecordDetailResponse
from ...types import Response


def _get_kwargs(
    project_id: str,
    record_id: str,
) -> dict[str, Any]:
    if project_id is None or project_id == "":
        # Checked before sending: formatted into the path, it would request /v2/None/... instead.
        raise ValueError(
            "project_id is required: pass it, or give project_id= to create_client and pass "
            "client.project_id (HUAWEICLOUD_SDK_PROJECT_ID is read only when no credentials are passed)"
        )
    if record_id is None or record_id == "":
        # Checked before sending: formatted into the path, it would request /v2/None/... instead.
        raise ValueError("record_id is required")

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/{project_id}/script-execution-records/{record_id}".format(
            project_id=quote(str(project_id), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
    }

    # The official SDK sends this on bodiless requests too, and signs it: so does this client, so that both
    # send the same signed header set.
    _kwargs["headers"] = {"Content-Type": "application/json"}
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ShowScriptRecordDetailResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ShowScriptRecordDetailResponse | None:
    if response.status_code == 200:
        return decoding.decode(response, ShowScriptRecordDetailResponse)

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
) -> Response[ErrorResponse | ShowScriptRecordDetailResponse]:
    return Response(
        status_code=decoding.status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | ShowScriptRecordDetailResponse]:
    """Show one execution record, with its output

     One record of a task, with what the script printed.

    Args:
        project_id (str): Project ID.
        record_id (str): ID of the execution record (no length limit is published).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ShowScriptRecordDetailResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        record_id=record_id,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/script-execution-records/{record_id}",
            {
                "project_id": project_id,
                "record_id": record_id,
            },
            {},
        )

    http = client.get_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
    response = http.request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


@overload
def sync(
    project_id: str,
    record_id: str,
    *,
    client: RaisingClient,
) -> ShowScriptRecordDetailResponse: ...


@overload
def sync(
    project_id: str,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ShowScriptRecordDetailResponse | None: ...


def sync(
    project_id: str,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ShowScriptRecordDetailResponse | None:
    """Show one execution record, with its output

     One record of a task, with what the script printed.

    Args:
        project_id (str): Project ID.
        record_id (str): ID of the execution record (no length limit is published).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ShowScriptRecordDetailResponse
    """

    return sync_detailed(
        project_id=project_id,
        record_id=record_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | ShowScriptRecordDetailResponse]:
    """Show one execution record, with its output

     One record of a task, with what the script printed.

    Args:
        project_id (str): Project ID.
        record_id (str): ID of the execution record (no length limit is published).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ShowScriptRecordDetailResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        record_id=record_id,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/script-execution-records/{record_id}",
            {
                "project_id": project_id,
                "record_id": record_id,
            },
            {},
        )

    http = client.get_async_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


@overload
async def asyncio(
    project_id: str,
    record_id: str,
    *,
    client: RaisingClient,
) -> ShowScriptRecordDetailResponse: ...


@overload
async def asyncio(
    project_id: str,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ShowScriptRecordDetailResponse | None: ...


async def asyncio(
    project_id: str,
    record_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | ShowScriptRecordDetailResponse | None:
    """Show one execution record, with its output

     One record of a task, with what the script printed.

    Args:
        project_id (str): Project ID.
        record_id (str): ID of the execution record (no length limit is published).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ShowScriptRecordDetailResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            record_id=record_id,
            client=client,
        )
    ).parsed
