"""The HTTP layer: every answer is a documented status with the error body and an X-Request-Id."""

from __future__ import annotations

import json
import logging
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from workspace_scripts_client.models import ExecuteScriptOrCommandReq
from workspace_scripts_client.validation import schema_problem

from reference_server import Credential, ReferenceApp, create_app
from reference_server.testing import serve_in_thread

from .constants import AK, AUTH, OTHER_PROJECT, PROJECT, SERVICE_PATH, SK, TOKEN
from .raw_http import assert_unparseable_answer, parse_answer, read_answer, send_raw
from .signing_helpers import signed_headers

JSON = {**AUTH, "Content-Type": "application/json"}


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"]
    body = response.json()
    assert set(body) == {"error_code", "error_msg"} and body["error_code"] == code and body["error_msg"]
    return body


def test_accepted_request_is_stored_with_its_gray_plan(client: httpx.Client) -> None:
    request = {
        "resource_ids": ["d1", "d2", "d3"],
        "gray_count": 2,
        "gray_fail_threshold": 1,
        "script_ids": ["s"],
    }
    response = client.post(SERVICE_PATH, json=request, headers=AUTH)
    assert response.status_code == 200 and response.headers["x-request-id"]
    task_id = response.json()["task_id"]
    listed = client.get("/_reference/tasks")
    assert listed.status_code == 200 and listed.headers["x-request-id"]
    (task,) = listed.json()["tasks"]
    assert task["task_id"] == task_id and task["project_id"] == PROJECT and task["request"] == request
    assert task["gray_plan"] == {"first_batch": ["d1", "d2"], "remaining": ["d3"], "fail_threshold": 1}
    assert task["created_at"]


def test_request_ids_differ_per_response(client: httpx.Client) -> None:
    ids = {client.post(SERVICE_PATH, json={}, headers=AUTH).headers["x-request-id"] for _ in range(5)}
    assert len(ids) == 5


def test_signed_request_is_accepted(client: httpx.Client) -> None:
    body = b'{"script_ids": ["s1"]}'
    host = client.base_url.netloc.decode()
    headers = signed_headers("POST", SERVICE_PATH, host, body, AK, SK, extra={"x-project-id": PROJECT})
    response = client.post(SERVICE_PATH, content=body, headers=headers)
    assert response.status_code == 200, response.text


def test_signed_non_ascii_header_is_verified_as_sent(client: httpx.Client) -> None:
    # The SDK signs header text and sends it as UTF-8 bytes; the server must read it back the same way.
    body = b'{"script_ids": ["s1"]}'
    host = client.base_url.netloc.decode()
    headers = signed_headers("POST", SERVICE_PATH, host, body, AK, SK, extra={"user-agent": "célèbre/1.0"})
    wire = {name.encode(): value.encode() for name, value in headers.items()}
    response = client.post(SERVICE_PATH, content=body, headers=wire)
    assert response.status_code == 200, response.text


def test_signed_request_with_empty_body_is_400(client: httpx.Client) -> None:
    host = client.base_url.netloc.decode()
    headers = signed_headers("POST", SERVICE_PATH, host, b"", AK, SK)
    assert_error(client.post(SERVICE_PATH, content=b"", headers=headers, timeout=5), 400, "WKS.0001")


def test_signed_request_over_1_mib_is_400(client: httpx.Client) -> None:
    host = client.base_url.netloc.decode()
    headers = signed_headers("POST", SERVICE_PATH, host, LARGE, AK, SK)
    assert_error(client.post(SERVICE_PATH, content=LARGE, headers=headers), 400, "WKS.0004")


@pytest.mark.parametrize(
    ("headers", "path", "status", "code"),
    [
        ({}, SERVICE_PATH, 401, "APIGW.0302"),
        ({"X-Auth-Token": "nope"}, SERVICE_PATH, 401, "APIGW.0301"),
        ({"Authorization": "SDK-HMAC-SHA256 garbage"}, SERVICE_PATH, 401, "APIGW.0301"),
        (AUTH, f"/v2/{OTHER_PROJECT}/script-executions", 403, "WKS.0403"),
    ],
)
def test_credentials_are_checked_before_the_body(
    client: httpx.Client, headers: dict[str, str], path: str, status: int, code: str
) -> None:
    # The body is broken too: the credential problem must win.
    assert_error(client.post(path, content=b"{", headers=headers), status, code)


@pytest.mark.parametrize("length_known", [True, False], ids=["content-length", "chunked"])
def test_bad_signature_is_401_before_an_oversized_body_is_read(
    client: httpx.Client, length_known: bool
) -> None:
    headers = {"Authorization": "garbage", "Content-Type": "application/json"}
    content = LARGE if length_known else iter([LARGE])  # an iterator goes out chunked
    assert_error(client.post(SERVICE_PATH, content=content, headers=headers), 401, "APIGW.0301")


LARGE = b'{"resource_type": "' + b"x" * (1024 * 1024) + b'"}'
BAD_INPUT = {
    "empty body": (b"", JSON, "WKS.0001"),
    "whitespace body": (b"   ", JSON, "WKS.0001"),
    "malformed JSON": (b'{"script_ids": [', JSON, "WKS.0002"),
    "invalid UTF-8": (b'{"resource_type": "\xc3\x28"}', JSON, "WKS.0002"),
    "NaN": (b'{"gray_count": NaN}', JSON, "WKS.0002"),
    "text/plain": (b'{"script_ids": []}', {**AUTH, "Content-Type": "text/plain"}, "WKS.0003"),
    "form": (b"a=b", {**AUTH, "Content-Type": "application/x-www-form-urlencoded"}, "WKS.0003"),
    "no content type": (b'{"script_ids": []}', AUTH, "WKS.0003"),
    "over 1 MiB": (LARGE, JSON, "WKS.0004"),
    "deeply nested": (b'{"resource_type": ' + b"[" * 5000 + b"]" * 5000 + b"}", JSON, "WKS.0005"),
    "nested past the recursion limit": (b"[" * 200_000, JSON, "WKS.0005"),
    "array body": (b"[]", JSON, "WKS.0006"),
    "null body": (b"null", JSON, "WKS.0006"),
    "wrong type": (b'{"gray_count": "3"}', JSON, "WKS.0006"),
    "negative": (b'{"execution_timeout": -1}', JSON, "WKS.0006"),
    "page example's object ids": (b'{"resource_ids": [{"resource_id": "d"}]}', JSON, "WKS.0006"),
    "cross-field rule": (b'{"gray_count": 1, "gray_fail_threshold": 1}', JSON, "WKS.0007"),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_gets_400_with_its_code(client: httpx.Client, case: str) -> None:
    body, headers, code = BAD_INPUT[case]
    assert_error(client.post(SERVICE_PATH, content=body, headers=headers), 400, code)
    assert client.get("/_reference/tasks").json() == {"tasks": []}


def test_chunked_body_over_1_mib_is_refused(client: httpx.Client) -> None:
    def chunks():  # no Content-Length: the limit must hold while reading
        for _ in range(20):
            yield b" " * 65536
        yield b"{}"

    assert_error(client.post(SERVICE_PATH, content=chunks(), headers=JSON), 400, "WKS.0004")


@pytest.mark.parametrize(
    "payload",
    [
        b"THIS IS NOT HTTP\r\n\r\n",
        b"POST /v2/p/script-executions HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
        b"POST /v2/p/script-executions HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n",
        b"P\x00ST / HTTP/1.1\r\nHost: x\r\n\r\n",
    ],
    ids=["garbage request line", "header without colon", "non-numeric content-length", "NUL in method"],
)
def test_unparseable_http_gets_400_with_the_error_body(base_url: str, payload: bytes) -> None:
    # uvicorn's own answer here would be a plain-text page without X-Request-Id.
    assert_unparseable_answer(send_raw(base_url, payload))


def test_upgrade_offer_is_ignored_and_the_body_kept(base_url: str) -> None:
    # curl --http2 on http:// offers "Upgrade: h2c"; a server may decline it but must still read the body.
    body = b'{"script_ids": ["s-1"]}'
    offer = (
        f"POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {TOKEN}\r\n"
        "Content-Type: application/json\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
        f"HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    plain = (
        f"POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(offer)
        first = parse_answer(read_answer(sock))
        sock.sendall(plain)  # the same connection keeps serving
        second = parse_answer(read_answer(sock))
    for status, _headers, answer in (first, second):
        assert status == 200 and isinstance(answer, dict) and answer["task_id"], answer


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_get_405_with_allow(client: httpx.Client, method: str) -> None:
    response = client.request(method, SERVICE_PATH, headers=AUTH)
    assert_error(response, 405, "WKS.0405")
    assert response.headers["allow"] == "POST"


def test_head_gets_405_without_a_body(client: httpx.Client) -> None:
    response = client.head(SERVICE_PATH)
    assert response.status_code == 405 and response.headers["allow"] == "POST" and response.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v2",
        f"/v2/{PROJECT}/script-executions/",
        "/v2//script-executions",
        "/v1/p/script-executions",
        "/_reference/",
    ],
)
def test_unknown_paths_get_404(client: httpx.Client, path: str) -> None:
    assert_error(client.post(path, json={}, headers=AUTH), 404, "APIGW.0101")


def test_reference_endpoints_check_their_methods(client: httpx.Client) -> None:
    response = client.post("/_reference/tasks")
    assert_error(response, 405, "WKS.0405")
    assert response.headers["allow"] == "GET"
    response = client.get("/_reference/reset")
    assert_error(response, 405, "WKS.0405")
    assert response.headers["allow"] == "POST"


def test_reset_clears_tasks(client: httpx.Client) -> None:
    assert client.post(SERVICE_PATH, json={}, headers=AUTH).status_code == 200
    response = client.post("/_reference/reset")
    assert response.status_code == 200 and response.headers["x-request-id"]
    assert client.get("/_reference/tasks").json() == {"tasks": []}


@pytest.mark.parametrize("status", [503, 500])
def test_armed_faults_answer_the_next_n_requests(client: httpx.Client, status: int) -> None:
    armed = client.post("/_reference/faults", json={"count": 2, "status": status})
    assert armed.status_code == 200 and armed.json() == {"armed": 2}
    for _ in range(2):
        assert_error(client.post(SERVICE_PATH, json={}, headers=AUTH), status, f"WKS.0{status}")
    assert client.post(SERVICE_PATH, json={}, headers=AUTH).status_code == 200
    assert len(client.get("/_reference/tasks").json()["tasks"]) == 1  # failed requests did nothing


def test_delay_fault_then_normal_processing(client: httpx.Client) -> None:
    client.post("/_reference/faults", json={"count": 1, "status": None, "delay_seconds": 0.3})
    started = time.monotonic()
    response = client.post(SERVICE_PATH, json={}, headers=AUTH)
    assert response.status_code == 200 and time.monotonic() - started >= 0.3


def test_reset_disarms_faults(client: httpx.Client) -> None:
    client.post("/_reference/faults", json={"count": 5, "status": 503})
    client.post("/_reference/reset")
    assert client.post(SERVICE_PATH, json={}, headers=AUTH).status_code == 200


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{", "WKS.0002"),
        (b'{"count": 1, "delay_seconds": NaN}', "WKS.0002"),
        (b'{"count": 1, "delay_seconds": Infinity}', "WKS.0002"),
        (b"", "WKS.0006"),
        (b"[]", "WKS.0006"),
        (b'{"count": -1}', "WKS.0006"),
        (b'{"count": 1, "status": 404}', "WKS.0006"),
        (b'{"count": 1, "delay_seconds": "x"}', "WKS.0006"),
        (b'{"count": 1, "delay_seconds": 301}', "WKS.0006"),
        (b'{"count": 1.0}', "WKS.0006"),
        (b'{"count": 1, "status": 500.0}', "WKS.0006"),
        (b'{"count": 1000001}', "WKS.0006"),
    ],
)
def test_bad_fault_requests_get_400(client: httpx.Client, body: bytes, code: str) -> None:
    response = client.post("/_reference/faults", content=body, headers={"Content-Type": "application/json"})
    assert_error(response, 400, code)


def test_inventory_unknown_ids_get_404(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps({"projects": {PROJECT: {"scripts": ["s1"], "desktops": ["d1"]}}}))
    app = create_app(credentials=[Credential(PROJECT, token=TOKEN)], inventory=inventory)
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as http:
        ok = http.post(SERVICE_PATH, json={"script_ids": ["s1"], "resource_ids": ["d1"]}, headers=AUTH)
        assert ok.status_code == 200
        body = assert_error(
            http.post(SERVICE_PATH, json={"script_ids": ["s2"]}, headers=AUTH), 404, "WKS.0404"
        )
        assert "s2" in body["error_msg"]
        assert_error(http.post(SERVICE_PATH, json={"resource_ids": ["d2"]}, headers=AUTH), 404, "WKS.0404")


def test_one_log_line_per_request_without_secrets(
    app: ReferenceApp, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="reference_server.access"):
        response = client.post(SERVICE_PATH, json={"script_ids": ["s"]}, headers=AUTH)
        deadline = time.monotonic() + 5
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.01)  # the line is written just after the response is sent
    (record,) = [r for r in caplog.records if r.name == "reference_server.access"]
    line = record.getMessage()
    assert line.startswith(f"POST {SERVICE_PATH} 200 ") and response.headers["x-request-id"] in line
    assert TOKEN not in line and "ms" in line


def test_inventory_file_in_yaml(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text(yaml.safe_dump({"projects": {PROJECT: {"scripts": [], "desktops": []}}}))
    app = create_app(credentials=[Credential(PROJECT, token=TOKEN)], inventory=inventory)
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as http:
        assert http.post(SERVICE_PATH, json={"resource_type": "DESKTOP"}, headers=AUTH).status_code == 200
        assert_error(http.post(SERVICE_PATH, json={"script_ids": ["s"]}, headers=AUTH), 404, "WKS.0404")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"gray_count": 1.5}, "Invalid request body: gray_count must be integer"),
        ({"script_ids": ["s", 3]}, "Invalid request body: script_ids[1] must be string"),
        (
            {"execution_timeout": -1},
            "Invalid request body: execution_timeout must be bigger than or equal to 0",
        ),
    ],
)
def test_a_schema_violation_names_the_field_as_the_client_does(
    client: httpx.Client, body: dict[str, object], message: str
) -> None:
    answer = assert_error(client.post(SERVICE_PATH, json=body, headers=AUTH), 400, "WKS.0006")
    assert answer["error_msg"] == message
    # The client words the same mistake the same way (and adds the value it was given).
    problem = schema_problem(ExecuteScriptOrCommandReq, body)
    assert problem is not None and problem.startswith(message.removeprefix("Invalid request body: "))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Invalid fault request: count is required"),
        ({"count": 1, "gray_count": 1}, "Invalid fault request: unknown field gray_count"),
        ({"count": "1"}, "Invalid fault request: count must be integer"),
    ],
)
def test_a_bad_fault_request_names_the_field(
    client: httpx.Client, body: dict[str, object], message: str
) -> None:
    answer = assert_error(client.post("/_reference/faults", json=body), 400, "WKS.0006")
    assert answer["error_msg"] == message
