from typing import Any, overload
from urllib.parse import quote

import httpx

from ... import decoding, errors, validation
from ...client import AuthenticatedClient, Client, RaisingClient
from ...models.error_response import ErrorResponse
from ...models.list_scripts_response import ListScriptsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    *,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
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

    params["id"] = id

    params["name"] = name

    params["type"] = type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/{project_id}/scripts".format(
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
) -> ErrorResponse | ListScriptsResponse | None:
    parsed = _parse_documented(client=client, response=response)
    # Anything but a documented 2xx (an undocumented 201, 3xx, 429, 502 or 520 included) raises the ApiError
    # for its status: a raising client's call always returns a success model.
    if client.raise_on_error and (not response.is_success or parsed is None):
        raise decoding.api_error(response, parsed)
    return parsed


def _parse_documented(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListScriptsResponse | None:
    if response.status_code == 200:
        return decoding.decode(response, ListScriptsResponse)

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
) -> Response[ErrorResponse | ListScriptsResponse]:
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
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> Response[ErrorResponse | ListScriptsResponse]:
    """List the scripts of the library

     One page of the project's scripts, filtered; `count` is the number of all scripts that match the
    filters, not the size of the page.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        id (str | Unset): Only the script with this ID.
        name (str | Unset): Only scripts whose name contains this text. The page does not say
            whether the match is exact or partial; this contract takes a case-sensitive substring
            match, so a server matching exactly still returns only scripts that contain the text
            (assumption).
        type_ (str | Unset): Only scripts of this type (`POWERSHELL`, `BAT` or `SHELL`; the page
            lists no enum here).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListScriptsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        offset=offset,
        limit=limit,
        id=id,
        name=name,
        type_=type_,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/scripts",
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
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> ListScriptsResponse: ...


@overload
def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> ErrorResponse | ListScriptsResponse | None: ...


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> ErrorResponse | ListScriptsResponse | None:
    """List the scripts of the library

     One page of the project's scripts, filtered; `count` is the number of all scripts that match the
    filters, not the size of the page.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        id (str | Unset): Only the script with this ID.
        name (str | Unset): Only scripts whose name contains this text. The page does not say
            whether the match is exact or partial; this contract takes a case-sensitive substring
            match, so a server matching exactly still returns only scripts that contain the text
            (assumption).
        type_ (str | Unset): Only scripts of this type (`POWERSHELL`, `BAT` or `SHELL`; the page
            lists no enum here).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListScriptsResponse
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        offset=offset,
        limit=limit,
        id=id,
        name=name,
        type_=type_,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> Response[ErrorResponse | ListScriptsResponse]:
    """List the scripts of the library

     One page of the project's scripts, filtered; `count` is the number of all scripts that match the
    filters, not the size of the page.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        id (str | Unset): Only the script with this ID.
        name (str | Unset): Only scripts whose name contains this text. The page does not say
            whether the match is exact or partial; this contract takes a case-sensitive substring
            match, so a server matching exactly still returns only scripts that contain the text
            (assumption).
        type_ (str | Unset): Only scripts of this type (`POWERSHELL`, `BAT` or `SHELL`; the page
            lists no enum here).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListScriptsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        offset=offset,
        limit=limit,
        id=id,
        name=name,
        type_=type_,
    )
    if client.validate_requests:
        validation.check_parameters(
            "get",
            "/v2/{project_id}/scripts",
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
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> ListScriptsResponse: ...


@overload
async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> ErrorResponse | ListScriptsResponse | None: ...


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    type_: str | Unset = UNSET,
) -> ErrorResponse | ListScriptsResponse | None:
    """List the scripts of the library

     One page of the project's scripts, filtered; `count` is the number of all scripts that match the
    filters, not the size of the page.

    Args:
        project_id (str): Project ID.
        offset (int | Unset): How many matching items to pass over before the page starts. If not
            given, it is not sent and the service uses 0.
        limit (int | Unset): Largest number of items on the page. If not given, it is not sent and
            the service uses 10.
        id (str | Unset): Only the script with this ID.
        name (str | Unset): Only scripts whose name contains this text. The page does not say
            whether the match is exact or partial; this contract takes a case-sensitive substring
            match, so a server matching exactly still returns only scripts that contain the text
            (assumption).
        type_ (str | Unset): Only scripts of this type (`POWERSHELL`, `BAT` or `SHELL`; the page
            lists no enum here).

    Raises:
        ValueError: If a path parameter (project_id) is None or empty; nothing is sent.
        validation.RequestValidationError: If the body or a parameter breaks openapi.yaml and Client.validate_requests is True.
        errors.ApiError: If the answer cannot be read as documented, or (Client.raise_on_error) is not a documented success.
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListScriptsResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            offset=offset,
            limit=limit,
            id=id,
            name=name,
            type_=type_,
        )
    ).parsed
