"""Signs requests the way the official SDK does, with the project's one signer."""

from __future__ import annotations

from datetime import datetime

from workspace_scripts_client import signing


def signed_headers(
    method: str,
    url_path: str,
    host: str,
    body: bytes,
    ak: str,
    sk: str,
    *,
    now: datetime | None = None,
    extra: dict[str, str] | None = None,
    sign_only: list[str] | None = None,
) -> dict[str, str]:
    """Headers (lower-case names) carrying a valid SDK-HMAC-SHA256 signature; ``sign_only`` narrows
    the signed headers, to build signatures that leave some out."""
    headers = {"content-type": "application/json", "host": host, "x-sdk-date": signing.sdk_date(now)}
    headers.update(extra or {})
    # By default every header without an underscore, as the SDK's general signer picks them.
    names = sign_only or sorted(name for name in headers if "_" not in name)
    canonical = signing.canonical_request(method, url_path, [], headers, names, body)
    headers["authorization"] = signing.authorization_header(
        ak, names, signing.signature(sk, headers["x-sdk-date"], canonical)
    )
    return headers
