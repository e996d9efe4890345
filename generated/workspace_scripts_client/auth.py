"""The two ways to authenticate, as ``httpx.Auth`` flows: ``TokenAuth`` (an IAM token in ``X-Auth-Token``)
and ``AkSkAuth`` (every request signed with an access key / secret key pair, ``SDK-HMAC-SHA256``)."""

from __future__ import annotations

from collections.abc import Generator
from urllib.parse import parse_qsl

import httpx

from . import signing
from .credentials import check_credential

PROJECT_HEADER = "X-Project-Id"
SECURITY_TOKEN_HEADER = "X-Security-Token"
DATE_KEY = signing.DATE_HEADER.lower()
# What the official SDK signs: the headers it sets itself before signing. Headers httpx or a proxy adds or
# rewrites on the way (hop-by-hop ones such as Connection, Accept-Encoding, Content-Length) stay unsigned.
SIGNED_HEADERS = frozenset(
    {
        "content-type",
        "host",
        "user-agent",
        PROJECT_HEADER.lower(),
        DATE_KEY,
        SECURITY_TOKEN_HEADER.lower(),
        signing.CONTENT_HASH_HEADER.lower(),
    }
)


class TokenAuth(httpx.Auth):
    """``httpx.Auth`` that sends an IAM token in ``X-Auth-Token`` (or ``header``); never shown in repr."""

    def __init__(self, token: str, header: str = "X-Auth-Token") -> None:
        check_credential("token", token)
        self._token = token
        self._header = header

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self._header] = self._token
        yield request

    def __repr__(self) -> str:
        return f"TokenAuth(header={self._header!r}, token=<hidden>)"


class AkSkAuth(httpx.Auth):
    """``httpx.Auth`` that signs requests the way Huawei Cloud's official SDK does.

    It adds ``X-Sdk-Date`` (unless the request already has one), ``X-Project-Id`` when a project is given and
    ``X-Security-Token`` for temporary credentials, then signs the path, the query, the body and the headers
    the SDK signs (``SIGNED_HEADERS``, those present). Other headers (``Connection``, ``Accept``,
    ``Content-Length``, ...) are left unsigned, so a proxy may rewrite them without breaking the signature.
    """

    requires_request_body = True

    def __init__(self, ak: str, sk: str, project_id: str | None = None, security_token: str | None = None) -> None:
        if ak is None or sk is None:
            raise ValueError("AkSkAuth needs both an access key (ak) and a secret key (sk)")
        # Header values are checked here, not by h11 when sending: its error would quote the value. The secret
        # key is never sent (it only keys the HMAC, as UTF-8), so any non-empty string is accepted.
        check_credential("ak", ak)
        if not sk:
            raise ValueError("sk is empty")
        if project_id is not None:
            check_credential("project_id", project_id)
        if security_token is not None:
            check_credential("security_token", security_token)
        self.ak = ak
        self._sk = sk
        self.project_id = project_id
        self._security_token = security_token

    def __repr__(self) -> str:
        # The secret key and the security token stay out of every repr (and so out of logs and tracebacks).
        temporary = ", temporary credentials" if self._security_token else ""
        return f"AkSkAuth(ak={self.ak!r}, project_id={self.project_id!r}{temporary})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        sign_request(request, self.ak, self._sk, self.project_id, self._security_token)
        yield request


def _text(value: bytes) -> str:
    # httpx sends str values as ASCII, or as the caller's bytes; UTF-8 is what the SDK sends for unicode.
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def sign_request(
    request: httpx.Request,
    ak: str,
    sk: str,
    project_id: str | None = None,
    security_token: str | None = None,
) -> None:
    """Add the date, project, token and ``Authorization`` headers to ``request`` (its body must be read)."""
    # One pass over the raw headers: httpx's per-name lookups rescan and re-decode the whole list each time.
    sent = {name.decode("latin-1").lower(): _text(value) for name, value in request.headers.raw}
    added: dict[str, str] = {}
    if DATE_KEY not in sent:
        added[signing.DATE_HEADER] = signing.sdk_date()
    if project_id:
        added[PROJECT_HEADER] = project_id
    if security_token:
        added[SECURITY_TOKEN_HEADER] = security_token
    content_type = sent.get("content-type")
    if content_type and not content_type.startswith(("application/json", "application/bson")):
        # As the SDK does: payloads other than JSON are signed without hashing them.
        added[signing.CONTENT_HASH_HEADER] = "UNSIGNED-PAYLOAD"
    sent.update((name.lower(), value) for name, value in added.items())
    names = sorted(SIGNED_HEADERS.intersection(sent))
    path, _, query = request.url.raw_path.partition(b"?")
    pairs = parse_qsl(query.decode("ascii"), keep_blank_values=True) if query else []
    canonical = signing.canonical_request(request.method, path.decode("ascii"), pairs, sent, names, request.content)
    added["Authorization"] = signing.authorization_header(ak, names, signing.signature(sk, sent[DATE_KEY], canonical))
    # Rebuilt in one go: httpx's per-header assignment rescans the whole list for every name.
    replaced = {name.lower().encode() for name in added}
    kept = [(name, value) for name, value in request.headers.raw if name.lower() not in replaced]
    request.headers = httpx.Headers(kept + [(name.encode(), value.encode()) for name, value in added.items()])
