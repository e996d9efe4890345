"""Which headers ``AkSkAuth`` signs: the official SDK's set, so that a proxy may rewrite the others."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkworkspace.v2 import ExecuteScriptOrCommandReq as SdkReq
from huaweicloudsdkworkspace.v2 import ExecuteScriptOrCommandRequest, WorkspaceClient
from workspace_scripts_client import AuthenticatedClient, create_client
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import ExecuteScriptOrCommandReq

from reference_server import Credential
from reference_server.auth import Authenticator
from reference_server.errors import ServiceError

from .constants import AK, PROJECT, SECURITY_TOKEN, SK

BODY = {"resource_ids": ["desktop-01"], "script_ids": ["script-01"]}


class SignedHeadersRecorder(BaseHTTPRequestHandler):
    """Answers every POST with a task, keeping each request's ``SignedHeaders`` list."""

    seen: list[str]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append(self.headers["Authorization"].split("SignedHeaders=")[1].split(",")[0])
        answer = json.dumps({"task_id": "task-1"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Handler", (SignedHeadersRecorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def sdk_call(url: str, security_token: str | None) -> None:
    credentials = BasicCredentials(AK, SK, PROJECT)
    if security_token:
        credentials = credentials.with_security_token(security_token)
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True  # plain http: nothing to verify
    sdk = (
        WorkspaceClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoints([url])
        .build()
    )
    sdk.execute_script_or_command(ExecuteScriptOrCommandRequest(body=SdkReq(**BODY)))


@pytest.mark.parametrize("security_token", [None, SECURITY_TOKEN], ids=["permanent", "temporary"])
def test_we_sign_the_header_set_the_official_sdk_signs(
    recorder: tuple[str, list[str]], security_token: str | None
) -> None:
    url, seen = recorder
    sdk_call(url, security_token)
    client = create_client(
        endpoint=url, ak=AK, sk=SK, project_id=PROJECT, security_token=security_token, environ={}
    )
    execute.sync(client.project_id, client=client, body=ExecuteScriptOrCommandReq.from_dict(BODY))
    sdk_signed, ours = seen
    assert ours == sdk_signed
    expected = "content-type;host;user-agent;x-project-id;x-sdk-date"
    assert ours == expected + (";x-security-token" if security_token else "")


def proxied(rewrite: dict[str, str]) -> tuple[AuthenticatedClient, list[httpx.Request]]:
    """A client whose requests pass a 'proxy' that rewrites ``rewrite``'s headers, then are kept."""
    delivered: list[httpx.Request] = []

    def proxy(request: httpx.Request) -> httpx.Response:
        body = request.read()
        replaced = {name.lower() for name in rewrite}
        headers = {name: value for name, value in request.headers.items() if name not in replaced}
        headers.update(rewrite)
        delivered.append(httpx.Request(request.method, request.url, headers=headers, content=body))
        return httpx.Response(200, json={"task_id": "task-1"})

    client = create_client(endpoint="https://workspace.example", ak=AK, sk=SK, project_id=PROJECT, environ={})
    client.set_httpx_client(
        httpx.Client(
            base_url="https://workspace.example", auth=client.auth, transport=httpx.MockTransport(proxy)
        )
    )
    return client, delivered


def verify(request: httpx.Request) -> Credential:
    """What the reference server concludes about ``request``'s signature."""
    authenticator = Authenticator([Credential(PROJECT, ak=AK, sk=SK)])
    path, _, query = request.url.raw_path.decode().partition("?")
    headers = {name.lower(): value for name, value in request.headers.items()}
    return authenticator.authenticate(PROJECT, request.method, path, query, headers, request.content)


# What proxies rewrite: hop-by-hop Connection, content negotiation, and the framing of the body.
PROXY_REWRITES = {
    "Connection": "close",
    "Accept": "application/json, text/plain",
    "Accept-Encoding": "identity",
    "Transfer-Encoding": "chunked",
    "Via": "1.1 corporate-proxy",
}


def test_a_signature_survives_a_proxy_that_rewrites_unsigned_headers() -> None:
    client, delivered = proxied(PROXY_REWRITES)
    execute.sync(client.project_id, client=client, body=ExecuteScriptOrCommandReq.from_dict(BODY))
    (request,) = delivered
    assert request.headers["Connection"] == "close" and request.headers["Transfer-Encoding"] == "chunked"
    assert verify(request).project_id == PROJECT


def test_a_changed_content_length_alone_still_verifies() -> None:
    client, delivered = proxied({"Content-Length": "9999"})
    execute.sync(client.project_id, client=client, body=ExecuteScriptOrCommandReq.from_dict(BODY))
    assert verify(delivered[0]).project_id == PROJECT


@pytest.mark.parametrize("header", ["User-Agent", "Content-Type", "X-Project-Id", "Host"])
def test_rewriting_a_signed_header_breaks_the_signature(header: str) -> None:
    client, delivered = proxied({header: "rewritten"})
    execute.sync(client.project_id, client=client, body=ExecuteScriptOrCommandReq.from_dict(BODY))
    with pytest.raises(ServiceError):
        verify(delivered[0])
