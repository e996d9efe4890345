"""The client the API functions take: settings, credentials, and the httpx clients made from them."""

import ipaddress
import ssl
from collections.abc import Mapping
from typing import Any, Self

import httpx
from attrs import define, evolve, field

from .auth import TokenAuth
from .credentials import check_credential
from .query_encoding import encode_query
from .retry_policy import RetryPolicy

# Finite by default: a call that hangs forever is worse than one that fails with a timeout.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_REMEMBERED_URLS = 1024
# httpx_args that choose the route themselves: the loopback rule below leaves them alone.
ROUTING_ARGS = frozenset({"proxy", "mounts", "transport"})


def direct_mounts(base_url: str) -> dict[str, None]:
    """Mounts that keep a loopback endpoint (``localhost``, 127.0.0.0/8, ``::1``) off the environment's
    proxies: ``HTTP_PROXY`` without a ``NO_PROXY`` naming loopback would send a local server's requests to
    the proxy, where that server is not. (Go's net/http makes the same exception.) Empty otherwise."""
    host = httpx.URL(base_url).host
    if host != "localhost":
        try:
            if not ipaddress.ip_address(host).is_loopback:
                return {}
        except ValueError:  # a name other than localhost: the environment decides
            return {}
    return {f"all://[{host}]" if ":" in host else f"all://{host}": None}


@define
class Client:
    """Connection settings shared by every call, and the httpx clients built from them (lazily, once).

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take (default ``DEFAULT_TIMEOUT``). API
        functions will raise httpx.TimeoutException if this is exceeded.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server (default True).

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and
        ``httpx.AsyncClient`` constructor (proxies, limits, http2, transports, ...). With a retry policy,
        httpx still builds its transports from them; each one is then wrapped by the policy.

    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document.
        raise_on_error: Raise ``errors.ApiError`` (a subclass per status) for every error answer instead of
            returning the parsed ``ErrorResponse``.
        validate_requests: Check request bodies against openapi.yaml before sending (default True).
        retry: A ``RetryPolicy`` to retry calls that provably never reached the service; None (the default)
            never retries.
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    raise_on_error: bool = field(default=False, kw_only=True)
    validate_requests: bool = field(default=True, kw_only=True)
    retry: RetryPolicy | None = field(default=None, kw_only=True)
    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=False)
    # Headers may carry credentials: kept out of repr.
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False, repr=False)
    _urls: dict[tuple[int, str], httpx.URL] = field(factory=dict, init=False, repr=False)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def _auth(self) -> httpx.Auth | None:
        return None

    def _client_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._headers,
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }
        if not ROUTING_ARGS & self._httpx_args.keys():
            kwargs["mounts"] = direct_mounts(self._base_url) or None
        auth = self._auth()
        if auth is not None:
            kwargs["auth"] = auth
        return kwargs

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This overrides every other setting of the client (cookies, headers, timeout, retries).
        """
        self._client = client
        self._urls.clear()
        return self

    def url_for(
        self, http: httpx.Client | httpx.AsyncClient, path: str, params: Mapping[str, Any] | None = None
    ) -> httpx.URL:
        """``path`` joined to ``http``'s base_url, as httpx joins it (remembered per path), with ``params`` as
        its query, encoded as the official SDK encodes it (``query_encoding``).

        httpx re-parses the joined URL on every request; that is a large share of this client's own cost.
        """
        key = (id(http), path)
        url = self._urls.get(key)
        if url is None:
            if len(self._urls) >= MAX_REMEMBERED_URLS:
                self._urls.clear()
            base = http.base_url
            url = self._urls[key] = base.copy_with(raw_path=base.raw_path + path.encode("ascii").lstrip(b"/"))
        if params:
            url = url.copy_with(query=encode_query(params).encode("ascii"))
        return url

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            if self.retry is None:
                self._client = httpx.Client(**self._client_kwargs())
            else:
                # Imported here: the back-off library is only loaded by clients that retry.
                from .retry_transport import RetryingClient  # noqa: PLC0415

                self._client = RetryingClient(retry=self.retry, **self._client_kwargs())
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This overrides every other setting of the client (cookies, headers, timeout, retries).
        """
        self._async_client = async_client
        self._urls.clear()
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            if self.retry is None:
                self._async_client = httpx.AsyncClient(**self._client_kwargs())
            else:
                from .retry_transport import AsyncRetryingClient  # noqa: PLC0415

                self._async_client = AsyncRetryingClient(retry=self.retry, **self._client_kwargs())
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


@define
class AuthenticatedClient(Client):
    """A Client that authenticates every call: with an IAM token, or an ``httpx.Auth`` such as ``AkSkAuth``.

    ``workspace_scripts_client.create_client`` builds one from a region or endpoint and credentials.

    Attributes:
        token: IAM token, sent as ``X-Auth-Token`` (``auth_header_name``) with no prefix. Never shown in repr.
        prefix: Put before the token in the header; empty for this API.
        auth_header_name: The header that carries the token.
        auth: An ``httpx.Auth`` (``AkSkAuth`` for AK/SK signing) used instead of a token.
        project_id: The project the credentials belong to, for the ``project_id`` argument of calls. Typed
            ``str``: reading it on a client made without one raises ``ValueError`` (nothing is sent).
    """

    token: str | None = field(default=None, repr=False)
    prefix: str = ""
    auth_header_name: str = "X-Auth-Token"
    auth: httpx.Auth | None = field(default=None, kw_only=True)
    _project_id: str | None = field(default=None, kw_only=True, alias="project_id")

    @property
    def project_id(self) -> str:
        if not self._project_id:
            raise ValueError(
                "project_id is required: this client was made without one; give project_id= when creating "
                "it, or pass the project id to the call (HUAWEICLOUD_SDK_PROJECT_ID is read only when no "
                "credentials are passed)"
            )
        return self._project_id

    def __attrs_post_init__(self) -> None:
        if (self.token is None) == (self.auth is None):
            raise ValueError("AuthenticatedClient needs exactly one of token= or auth=")
        if self.token is not None:
            check_credential("token", self.token)

    def _auth(self) -> httpx.Auth | None:
        if self.token is not None:
            # An auth flow rather than a default header: httpx's repr of a client's headers would show it.
            token = f"{self.prefix} {self.token}" if self.prefix else self.token
            return TokenAuth(token, self.auth_header_name)
        return self.auth


@define
class RaisingClient(AuthenticatedClient):
    """An ``AuthenticatedClient`` that always raises instead of returning an error (``raise_on_error`` fixed).

    Its calls' types say so: ``sync``/``asyncio`` give the success model itself, never ``ErrorResponse`` or
    ``None`` (an undocumented 2xx raises ``errors.InvalidResponseError``). ``create_client(...,
    raise_on_error=True)`` builds one.
    """

    raise_on_error: bool = field(default=True, init=False, kw_only=True)
