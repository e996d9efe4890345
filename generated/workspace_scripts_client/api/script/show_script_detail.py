from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.show_script_detail_response import ShowScriptDetailResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    script_id: str,
    *,
    script_task_id: str | Unset = UNSET,
) -> dict[str, Any]:
    if project_id is None or project_id == "":
        # Checked before sending: formatted into the path, it would request /v2/None/... instead.
        raise ValueError(
            "project_id is required: pass it, or give project_id= to create_client and pass "
            "client.project_id (HUAWEICLOUD_SDK_PROJECT_ID is read only when no credentials are passed)"
        )
    if script_id is None or script_id == "":
        # Checked before sending: formatted into the path, it would request /v2/None/... instead.
        raise ValueError("script_id is required")

    params: dict[str, Any] = {}

    params["script_task_id"] = script_task_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/{project_id}/scripts/{script_id}".format(
            project_id=quote(str(project_id), safe=""),
            script_id=quote(str(script_id), safe=""),
        ),
        "params": params,
    }

    # The official SDK sends this on bodiless requests too, and signs it: so does this client, so that both
    # send the same signed header set.
    _kwargs["headers"] = {"Content-Type": "application/json"}
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ShowScriptDetailResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ShowScriptDetailResponse | None:
    if response.status_code == 200:
        return decoding.decode(response, ShowScriptDetailResponse)

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
) -> Response[ErrorResponse | ShowScriptDetailResponse]:
    return Response(
        status_code=decoding.status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    script_task_id: str | Unset = UNSET,
) -> Response[ErrorResponse | ShowScriptDetailResponse]:
    """Show one script, with its content

     Everything the library holds about one script, its content included.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        script_task_id (str | Unset): ID of a script execution task. The page names the parameter
            but not what it changes; the reference server accepts and ignores it (assumption).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ShowScriptDetailResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        script_id=script_id,
        script_task_id=script_task_id,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/scripts/{script_id}",
            {
                "project_id": project_id,
                "script_id": script_id,
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
    script_id: str,
    *,
    client: RaisingClient,
    script_task_id: str | Unset = UNSET,
) -> ShowScriptDetailResponse: ...


@overload
def sync(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    script_task_id: str | Unset = UNSET,
) -> ErrorResponse | ShowScriptDetailResponse | None: ...


def sync(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    script_task_id: str | Unset = UNSET,
) -> ErrorResponse | ShowScriptDetailResponse | None:
    """Show one script, with its content

     Everything the library holds about one script, its content included.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        script_task_id (str | Unset): ID of a script execution task. The page names the parameter
            but not what it changes; the reference server accepts and ignores it (assumption).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ShowScriptDetailResponse
    """

    return sync_detailed(
        project_id=project_id,
        script_id=script_id,
        client=client,
        script_task_id=script_task_id,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    script_task_id: str | Unset = UNSET,
) -> Response[ErrorResponse | ShowScriptDetailResponse]:
    """Show one script, with its content

     Everything the library holds about one script, its content included.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        script_task_id (str | Unset): ID of a script execution task. The page names the parameter
            but not what it changes; the reference server accepts and ignores it (assumption).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ShowScriptDetailResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        script_id=script_id,
        script_task_id=script_task_id,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/scripts/{script_id}",
            {
                "project_id": project_id,
                "script_id": script_id,
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
    script_id: str,
    *,
    client: RaisingClient,
    script_task_id: str | Unset = UNSET,
) -> ShowScriptDetailResponse: ...


@overload
async def asyncio(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    script_task_id: str | Unset = UNSET,
) -> ErrorResponse | ShowScriptDetailResponse | None: ...


async def asyncio(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    script_task_id: str | Unset = UNSET,
) -> ErrorResponse | ShowScriptDetailResponse | None:
    """Show one script, with its content

     Everything the library holds about one script, its content included.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        script_task_id (str | Unset): ID of a script execution task. The page names the parameter
            but not what it changes; the reference server accepts and ignores it (assumption).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ShowScriptDetailResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            script_id=script_id,
            client=client,
            script_task_id=script_task_id,
        )
    ).parsed
