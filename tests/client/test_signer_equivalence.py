"""AkSkAuth signs exactly as the official SDK's signer does, for any path, query, headers and body.

The SDK signs the headers it has set when it signs (``SDK_SIGNED``, from its observed requests); whatever
else a request carries (added by httpx, the user or a proxy) is not part of the SDK's signature, so the
official signer is given only those, while ``AkSkAuth`` sees the whole request.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

import httpx
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workspace_scripts_client import AkSkAuth, signing

EXAMPLES = 400
SDK_SIGNED = {
    "content-type",
    "host",
    "user-agent",
    "x-project-id",
    "x-sdk-date",
    "x-security-token",
    "x-sdk-content-sha256",
}
# Headers the signer itself or httpx manages; generated headers must not collide with them.
MANAGED = {
    "content-type",  # set by the test itself from content_types: a second one would be ambiguous
    "host",
    "authorization",
    "content-length",
    "transfer-encoding",
    "x-sdk-date",
    "x-project-id",
    "x-security-token",
    "x-sdk-content-sha256",
    "user-agent",
}

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
header_names = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=1, max_size=16
)
# Header values: visible ASCII and spaces, or any unicode (sent as UTF-8 bytes, as the SDK sends it).
header_values = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20) | text.filter(
    lambda value: "\r" not in value and "\n" not in value
)
headers = st.dictionaries(
    header_names.filter(lambda name: name.lower() not in MANAGED), header_values, max_size=5
).filter(lambda found: len({name.lower() for name in found}) == len(found))
content_types = st.sampled_from(
    [None, "application/json", "application/json;charset=UTF-8", "text/plain", "application/octet-stream"]
)
dates = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31))


def sdk_authorization(request: httpx.Request, ak: str, sk: str) -> str:
    """The Authorization header the official signer computes for what ``request`` sends."""
    sent_headers = {name: value for name, value in request.headers.items() if name in SDK_SIGNED}
    sdk_request = SdkRequest(
        method=request.method,
        schema=request.url.scheme,
        host=request.url.netloc.decode(),
        resource_path=request.url.raw_path.split(b"?", 1)[0].decode(),
        query_params=list(request.url.params.multi_items()),
        header_params=sent_headers,
        body=request.content,
    )
    return Signer(BasicCredentials(ak, sk)).sign(sdk_request).header_params["Authorization"]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    method=st.sampled_from(["POST", "GET", "PUT", "DELETE"]),
    segments=st.lists(text, max_size=4),
    query=st.lists(st.tuples(text, text), max_size=4),
    extra_headers=headers,
    content_type=content_types,
    body=st.binary(max_size=64) | text.map(str.encode),
    project_id=st.none() | st.text("0123456789abcdef", min_size=1, max_size=32),
    security_token=st.none() | st.text("abcdefXYZ0123456789=+/", min_size=1, max_size=40),
    user_agent=st.none() | header_values,
    date=dates,
)
def test_authorization_matches_the_official_signer(
    method: str,
    segments: list[str],
    query: list[tuple[str, str]],
    extra_headers: dict[str, str],
    content_type: str | None,
    body: bytes,
    project_id: str | None,
    security_token: str | None,
    user_agent: str | None,
    date: datetime,
) -> None:
    # Segments are quoted as the generated client quotes path parameters.
    path = "/" + "/".join(quote(segment, safe="") for segment in segments)
    url = httpx.URL(f"https://workspace.cn-north-4.myhuaweicloud.com{path}", params=query)
    request_headers = [(name.encode(), value.encode()) for name, value in extra_headers.items()]
    request_headers.append(
        (signing.DATE_HEADER.encode(), signing.sdk_date(date.replace(tzinfo=UTC)).encode())
    )
    if content_type:
        request_headers.append((b"Content-Type", content_type.encode()))
    if user_agent is not None:
        request_headers.append((b"User-Agent", user_agent.encode()))
    request = httpx.Request(method, url, headers=request_headers, content=body)
    auth = AkSkAuth("AK0123456789", "sk/secret+ü", project_id=project_id, security_token=security_token)

    signed = next(auth.sync_auth_flow(request))

    assert signed.headers["Authorization"] == sdk_authorization(signed, "AK0123456789", "sk/secret+ü")
    if project_id:
        assert signed.headers["X-Project-Id"] == project_id
    if security_token:
        assert signed.headers["X-Security-Token"] == security_token


def test_the_date_is_added_when_missing_and_kept_when_present() -> None:
    auth = AkSkAuth("AK", "SK")
    fresh = next(auth.sync_auth_flow(httpx.Request("POST", "https://h/v2/p/script-executions", json={})))
    signing.parse_sdk_date(fresh.headers[signing.DATE_HEADER])  # a well-formed, current date
    preset = httpx.Request("POST", "https://h/x", headers={signing.DATE_HEADER: "20200101T000000Z"})
    assert next(auth.sync_auth_flow(preset)).headers[signing.DATE_HEADER] == "20200101T000000Z"


def test_host_and_date_are_signed() -> None:
    request = httpx.Request("POST", "https://workspace.cn-north-4.myhuaweicloud.com/v2/p/x", json={"a": 1})
    signed = next(AkSkAuth("AK", "SK", project_id="p").sync_auth_flow(request))
    parsed = signing.parse_authorization(signed.headers["Authorization"])
    assert parsed is not None
    access, names, _ = parsed
    assert access == "AK"
    assert {"host", "x-sdk-date", "x-project-id", "content-type"} <= set(names)
