"""``create_client``: a ready client in one line, from a region or endpoint and credentials."""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping

import httpx

from .auth import AkSkAuth
from .client import DEFAULT_TIMEOUT, AuthenticatedClient
from .endpoints import endpoint_for_region
from .retry_policy import RetryPolicy

# The official SDK reads the same variables, so existing setups work unchanged.
ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"


def create_client(
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

    Without ``token``, ``ak``/``sk``/``project_id``/``security_token`` default to ``HUAWEICLOUD_SDK_AK``,
    ``HUAWEICLOUD_SDK_SK``, ``HUAWEICLOUD_SDK_PROJECT_ID`` and ``HUAWEICLOUD_SDK_SECURITY_TOKEN`` from
    ``environ`` (default: ``os.environ``). ``project_id`` is kept on the client for the calls' first argument.
    """
    base_url = _base_url(region, endpoint)
    env = os.environ if environ is None else environ
    auth: AkSkAuth | None = None
    if token is not None:
        if ak or sk or security_token:
            raise ValueError("give either token= or AK/SK credentials, not both")
        project_id = project_id or env.get(ENV_PROJECT_ID)
    else:
        ak = ak or env.get(ENV_AK)
        sk = sk or env.get(ENV_SK)
        if not ak or not sk:
            raise ValueError(f"no credentials: pass token=, or ak= and sk=, or set {ENV_AK} and {ENV_SK}")
        project_id = project_id or env.get(ENV_PROJECT_ID)
        security_token = security_token or env.get(ENV_SECURITY_TOKEN)
        auth = AkSkAuth(ak, sk, project_id=project_id, security_token=security_token)
    return AuthenticatedClient(
        base_url,
        token=token,
        auth=auth,
        project_id=project_id,
        timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        verify_ssl=verify_ssl,
        raise_on_error=raise_on_error,
        validate_requests=validate_requests,
        retry=retry,
    )


def _base_url(region: str | None, endpoint: str | None) -> str:
    if (region is None) == (endpoint is None):
        raise ValueError("give exactly one of region= (for example 'cn-north-4') or endpoint=")
    if endpoint is not None:
        return endpoint.rstrip("/")
    return endpoint_for_region(region)  # type: ignore[arg-type]
