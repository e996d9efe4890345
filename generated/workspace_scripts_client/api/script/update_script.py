from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.update_script_req import UpdateScriptReq
from ...types import EmptyResponse, Response


def _get_kwargs(
    project_id: str,
    script_id: str,
    *,
    body: UpdateScriptReq,
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
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v2/{project_id}/scripts/{script_id}".format(
            project_id=quote(str(project_id), safe=""),
            script_id=quote(str(script_id), safe=""),
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
    if response.status_code == 204:
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
    script_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateScriptReq,
) -> Response[EmptyResponse | ErrorResponse]:
    """Change a script

     Replaces a script's name, content, description and version. The body has no `type`: a script's type
    cannot be changed through this API (assumption from the page's body table, which lacks it). Sending
    the same update twice leaves the same script: the operation is idempotent.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        body (UpdateScriptReq): The new state of a script. There is no `type`: the update page's
            body table has no such row, so a script's type cannot be changed through the API
            (assumption). The update page states no length limits; those below are CreateScript's,
            assumed to hold for an update too (assumption).

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
        script_id=script_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "put",
            "/v2/{project_id}/scripts/{script_id}",
            {
                "project_id": project_id,
                "script_id": script_id,
            },
            {},
        )
        validation.check_request(UpdateScriptReq, kwargs["json"])

    http = client.get_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
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
    body: UpdateScriptReq,
) -> EmptyResponse: ...


@overload
def sync(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateScriptReq,
) -> EmptyResponse | ErrorResponse | None: ...


def sync(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateScriptReq,
) -> EmptyResponse | ErrorResponse | None:
    """Change a script

     Replaces a script's name, content, description and version. The body has no `type`: a script's type
    cannot be changed through this API (assumption from the page's body table, which lacks it). Sending
    the same update twice leaves the same script: the operation is idempotent.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        body (UpdateScriptReq): The new state of a script. There is no `type`: the update page's
            body table has no such row, so a script's type cannot be changed through the API
            (assumption). The update page states no length limits; those below are CreateScript's,
            assumed to hold for an update too (assumption).

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
        script_id=script_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateScriptReq,
) -> Response[EmptyResponse | ErrorResponse]:
    """Change a script

     Replaces a script's name, content, description and version. The body has no `type`: a script's type
    cannot be changed through this API (assumption from the page's body table, which lacks it). Sending
    the same update twice leaves the same script: the operation is idempotent.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        body (UpdateScriptReq): The new state of a script. There is no `type`: the update page's
            body table has no such row, so a script's type cannot be changed through the API
            (assumption). The update page states no length limits; those below are CreateScript's,
            assumed to hold for an update too (assumption).

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
        script_id=script_id,
        body=body,
    )
    if client.validate_requests:
        validation.check_parameters(
            "put",
            "/v2/{project_id}/scripts/{script_id}",
            {
                "project_id": project_id,
                "script_id": script_id,
            },
            {},
        )
        validation.check_request(UpdateScriptReq, kwargs["json"])

    http = client.get_async_httpx_client()
    kwargs["url"] = client.url_for(http, kwargs["url"])
    response = await http.request(**kwargs)

    return _build_response(client=client, response=response)


@overload
async def asyncio(
    project_id: str,
    script_id: str,
    *,
    client: RaisingClient,
    body: UpdateScriptReq,
) -> EmptyResponse: ...


@overload
async def asyncio(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateScriptReq,
) -> EmptyResponse | ErrorResponse | None: ...


async def asyncio(
    project_id: str,
    script_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateScriptReq,
) -> EmptyResponse | ErrorResponse | None:
    """Change a script

     Replaces a script's name, content, description and version. The body has no `type`: a script's type
    cannot be changed through this API (assumption from the page's body table, which lacks it). Sending
    the same update twice leaves the same script: the operation is idempotent.

    Args:
        project_id (str): Project ID.
        script_id (str): ID of the script.
        body (UpdateScriptReq): The new state of a script. There is no `type`: the update page's
            body table has no such row, so a script's type cannot be changed through the API
            (assumption). The update page states no length limits; those below are CreateScript's,
            assumed to hold for an update too (assumption).

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
            script_id=script_id,
            client=client,
            body=body,
        )
    ).parsed
