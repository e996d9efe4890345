"""``create_client``: a ready client in one line, from a region or endpoint and credentials."""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from typing import Literal, TypedDict, Unpack, overload

import httpx

from .auth import AkSkAuth
from .client import DEFAULT_TIMEOUT, AuthenticatedClient, RaisingClient
from .credentials import check_credential
from .endpoints import endpoint_for_region
from .retry_policy import RetryPolicy

# The official SDK reads the same variables, so existing setups work unchanged.
ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"


class ClientOptions(TypedDict, total=False):
    """``create_client``'s keyword arguments other than ``region`` and ``raise_on_error``."""

    endpoint: str | None
    token: str | None
    ak: str | None
    sk: str | None
    project_id: str | None
    security_token: str | None
    timeout: httpx.Timeout | float
    verify_ssl: str | bool | ssl.SSLContext
    validate_requests: bool
    retry: RetryPolicy | None
    environ: Mapping[str, str] | None


# Two overloads so that the raising mode shows in the types: its calls never return None or ErrorResponse.
@overload
def create_client(
    region: str | None = None, *, raise_on_error: Literal[True], **options: Unpack[ClientOptions]
) -> RaisingClient: ...


@overload
def create_client(
    region: str | None = None, *, raise_on_error: bool = False, **options: Unpack[ClientOptions]
) -> AuthenticatedClient: ...


def create_client(
    region: str | None = None, *, raise_on_error: bool = False, **options: Unpack[ClientOptions]
) -> AuthenticatedClient:
    """A client for ``region`` (or an explicit ``endpoint``), authenticated by ``token`` or by AK/SK.

    With ``raise_on_error=True`` it is a ``RaisingClient``: every error answer raises ``errors.ApiError``,
    and the calls' return types have no ``None``. The options are those of ``_create``.
    """
    return _create(region, raise_on_error=raise_on_error, **options)


def _create(
    region: str | None = None,
    *,
    endpoint: str | None = None,
    token: str | None = None,
    ak: str | None = None,
    sk: str | None = None,
    project_id: str | None = None,
    security_token: str | None = None,
    timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
    verify_ssl: str | bool | ssl.SSLContext = True,
    raise_on_error: bool = False,
    validate_requests: bool = True,
    retry: RetryPolicy | None = None,
    environ: Mapping[str, str] | None = None,
) -> AuthenticatedClient:
    """A client for ``region`` (or an explicit ``endpoint``), authenticated by ``token`` or by AK/SK.

    Credentials come either all from the arguments or all from ``environ`` (default: ``os.environ``), never
    mixed: only when none of ``token``, ``ak``, ``sk`` and ``security_token`` is given are
    ``HUAWEICLOUD_SDK_AK``, ``HUAWEICLOUD_SDK_SK``, ``HUAWEICLOUD_SDK_SECURITY_TOKEN`` and (unless
    ``project_id`` is given) ``HUAWEICLOUD_SDK_PROJECT_ID`` read. ``ak`` and ``sk`` go together. Values sent
    as headers (token, ak, security token, project id) must be non-empty printable ASCII, ``sk`` non-empty; a
    ``ValueError`` names the bad one without showing it. ``project_id`` is kept on the client for the calls'
    first argument.
    """
    base_url = _base_url(region, endpoint)
    auth: AkSkAuth | None = None
    if token is not None:
        if ak is not None or sk is not None or security_token is not None:
            raise ValueError("give either token= or AK/SK credentials, not both")
        if project_id is not None:  # the token itself is checked by AuthenticatedClient
            check_credential("project_id", project_id)
    elif ak is not None or sk is not None or security_token is not None:
        if ak is None or sk is None:
            missing = "sk=" if ak is not None else "ak=" if sk is not None else "ak= and sk="
            raise ValueError(
                f"AK/SK credentials need both ak= and sk= ({missing} missing); {ENV_AK} and {ENV_SK} "
                "are read only when no credentials are passed"
            )
        auth = AkSkAuth(ak, sk, project_id=project_id, security_token=security_token)
    else:
        env = os.environ if environ is None else environ
        ak, sk = env.get(ENV_AK), env.get(ENV_SK)
        if not ak or not sk:
            raise ValueError(f"no credentials: pass token=, or ak= and sk=, or set {ENV_AK} and {ENV_SK}")
        auth = _aksk_from_environment(env, ak, sk, project_id)
        project_id = auth.project_id
    kind = RaisingClient if raise_on_error else AuthenticatedClient
    return kind(
        base_url,
        token=token,
        auth=auth,
        project_id=project_id,
        timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        verify_ssl=verify_ssl,
        validate_requests=validate_requests,
        retry=retry,
    )


def _aksk_from_environment(env: Mapping[str, str], ak: str, sk: str, project_id: str | None) -> AkSkAuth:
    """``AkSkAuth`` from the ``HUAWEICLOUD_SDK_*`` variables; a bad value is named by its variable, which is
    what the user has to fix (``AkSkAuth`` itself would name the parameter)."""
    named = {ENV_AK: ak, ENV_SECURITY_TOKEN: env.get(ENV_SECURITY_TOKEN) or None}
    if project_id is None:
        project_id = named[ENV_PROJECT_ID] = env.get(ENV_PROJECT_ID) or None
    for name, value in named.items():
        if value is not None:
            check_credential(name, value)
    return AkSkAuth(ak, sk, project_id=project_id, security_token=named[ENV_SECURITY_TOKEN])


def _base_url(region: str | None, endpoint: str | None) -> str:
    if (region is None) == (endpoint is None):
        raise ValueError("give exactly one of region= (for example 'cn-north-4') or endpoint=")
    if endpoint is not None:
        return endpoint.rstrip("/")
    return endpoint_for_region(region)  # type: ignore[arg-type]
