"""The generated models and endpoint at the HTTP level, through httpx.MockTransport."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from workspace_scripts_client import AuthenticatedClient, create_client, errors
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import (
    ErrorResponse,
    ExecuteScriptOrCommandReq,
    ExecuteScriptOrCommandResponse,
)

from .constants import PROJECT, TOKEN
from .mock_client import Recorder, mock_client

FULL_BODY: dict[str, Any] = {
    "resource_type": "DESKTOP",
    "resource_ids": ["desktop-01", "desktop-02", "desktop-03"],
    "gray_resource_ids": ["desktop-01"],
    "gray_count": 1,
    "gray_fail_threshold": 0,
    "script_ids": ["script-inventory"],
    "execution_timeout": 10,
}
ERROR_CLASSES = {
    400: errors.BadRequestError,
    401: errors.AuthenticationError,
    403: errors.PermissionDeniedError,
    404: errors.NotFoundError,
    405: errors.MethodNotAllowedError,
    500: errors.InternalServerError,
    503: errors.ServiceUnavailableError,
}


def error_answer(status: int) -> httpx.Response:
    body = {"error_code": f"WKS.0{status}", "error_msg": f"message for {status}"}
    return httpx.Response(status, json=body, headers={"X-Request-Id": f"req-{status}"})


def test_a_full_request_is_sent_as_exactly_the_documented_json() -> None:
    recorder = Recorder()
    execute.sync(PROJECT, client=mock_client(recorder), body=ExecuteScriptOrCommandReq(**FULL_BODY))
    request = recorder.requests[0]
    assert request.method == "POST"
    assert request.url.path == f"/v2/{PROJECT}/script-executions"
    assert request.headers["Content-Type"] == "application/json"
    assert recorder.sent_json == FULL_BODY


def test_unset_fields_are_left_out_of_the_body() -> None:
    recorder = Recorder()
    body = ExecuteScriptOrCommandReq(script_ids=["s"], resource_ids=["d"])
    execute.sync(PROJECT, client=mock_client(recorder), body=body)
    assert recorder.sent_json == {"script_ids": ["s"], "resource_ids": ["d"]}
    execute.sync(PROJECT, client=mock_client(recorder), body=ExecuteScriptOrCommandReq())
    assert recorder.sent_json == {}


def test_the_token_goes_in_x_auth_token_without_a_prefix() -> None:
    recorder = Recorder()
    execute.sync(PROJECT, client=mock_client(recorder), body=ExecuteScriptOrCommandReq())
    headers = recorder.requests[0].headers
    assert headers["X-Auth-Token"] == TOKEN
    assert "Authorization" not in headers


def test_a_200_parses_into_the_typed_answer() -> None:
    answer = httpx.Response(200, json={"task_id": "abc"}, headers={"X-Request-Id": "r"})
    response = execute.sync_detailed(
        PROJECT, client=mock_client(Recorder(answer)), body=ExecuteScriptOrCommandReq()
    )
    assert response.status_code == 200
    assert response.parsed == ExecuteScriptOrCommandResponse(task_id="abc")
    assert response.headers["X-Request-Id"] == "r"


@pytest.mark.parametrize("status", sorted(ERROR_CLASSES))
def test_every_documented_error_parses_into_error_response(status: int) -> None:
    client = mock_client(Recorder(error_answer(status)))
    parsed = execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    assert isinstance(parsed, ErrorResponse)
    assert (parsed.error_code, parsed.error_msg) == (f"WKS.0{status}", f"message for {status}")


@pytest.mark.parametrize("status", sorted(ERROR_CLASSES))
def test_raising_mode_raises_the_status_subclass(status: int) -> None:
    client = mock_client(Recorder(error_answer(status)), raise_on_error=True)
    with pytest.raises(ERROR_CLASSES[status]) as raised:
        execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    error = raised.value
    family = errors.ClientError if status < 500 else errors.ServerError
    assert isinstance(error, family)
    assert (error.status_code, error.error_code, error.error_msg) == (
        status,
        f"WKS.0{status}",
        f"message for {status}",
    )
    assert error.request_id == f"req-{status}"
    assert f"WKS.0{status}" in str(error) and f"req-{status}" in str(error)


def test_raising_mode_returns_successes_normally() -> None:
    client = mock_client(Recorder(), raise_on_error=True)
    assert execute.sync(
        PROJECT, client=client, body=ExecuteScriptOrCommandReq()
    ) == ExecuteScriptOrCommandResponse(task_id="task-1")


def test_an_undocumented_error_status_raises_its_family_with_the_body_fields() -> None:
    answer = httpx.Response(429, json={"error_code": "APIGW.0308", "error_msg": "throttled"})
    client = mock_client(Recorder(answer), raise_on_error=True)
    with pytest.raises(errors.ClientError) as raised:
        execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    assert (raised.value.status_code, raised.value.error_code, raised.value.error_msg) == (
        429,
        "APIGW.0308",
        "throttled",
    )
    # Without raising mode an undocumented status gives no parsed body, as generated.
    assert (
        execute.sync(PROJECT, client=mock_client(Recorder(answer)), body=ExecuteScriptOrCommandReq()) is None
    )


UNREADABLE = [
    pytest.param(
        httpx.Response(
            503, text="<html><body>Service Unavailable</body></html>", headers={"Content-Type": "text/html"}
        ),
        errors.ServiceUnavailableError,
        "not valid JSON",
        id="html-503-from-a-gateway",
    ),
    pytest.param(httpx.Response(200, content=b""), errors.InvalidResponseError, "empty", id="empty-200"),
    pytest.param(
        httpx.Response(400, content=b'{"error_code": "WKS.00'),
        errors.BadRequestError,
        "not valid JSON",
        id="truncated",
    ),
    pytest.param(
        httpx.Response(200, json=["task"]), errors.InvalidResponseError, "not a JSON object", id="array"
    ),
    pytest.param(
        httpx.Response(200, json={"id": "x"}), errors.InvalidResponseError, "task_id", id="no-task-id"
    ),
    pytest.param(
        httpx.Response(200, json={"task_id": 7}), errors.InvalidResponseError, "task_id", id="task-id-int"
    ),
    pytest.param(
        httpx.Response(401, json={"error_msg": "no code"}),
        errors.AuthenticationError,
        "error_code",
        id="no-error-code",
    ),
    pytest.param(
        httpx.Response(500, content=b"\xff\xfe"), errors.InternalServerError, "not valid JSON", id="binary"
    ),
]


@pytest.mark.parametrize("raise_on_error", [False, True])
@pytest.mark.parametrize(("answer", "expected", "reason"), UNREADABLE)
def test_an_unreadable_body_is_a_clear_api_error(
    answer: httpx.Response, expected: type[errors.ApiError], reason: str, raise_on_error: bool
) -> None:
    answer.headers["X-Request-Id"] = "req-unreadable"
    client = mock_client(Recorder(answer), raise_on_error=raise_on_error)
    with pytest.raises(expected) as raised:
        execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    error = raised.value
    assert not isinstance(error, json.JSONDecodeError)
    assert error.status_code == answer.status_code
    assert error.error_code is None
    assert reason in error.error_msg
    assert error.request_id == "req-unreadable"


def test_async_calls_parse_and_raise_the_same_way() -> None:
    async def scenario() -> None:
        ok = mock_client(Recorder())
        assert await execute.asyncio(PROJECT, client=ok, body=ExecuteScriptOrCommandReq()) == (
            ExecuteScriptOrCommandResponse(task_id="task-1")
        )
        parsed = await execute.asyncio(
            PROJECT, client=mock_client(Recorder(error_answer(404))), body=ExecuteScriptOrCommandReq()
        )
        assert isinstance(parsed, ErrorResponse)
        with pytest.raises(errors.NotFoundError):
            await execute.asyncio(
                PROJECT,
                client=mock_client(Recorder(error_answer(404)), raise_on_error=True),
                body=ExecuteScriptOrCommandReq(),
            )
        html = httpx.Response(503, text="<html>down</html>", headers={"Content-Type": "text/html"})
        with pytest.raises(errors.ServiceUnavailableError):
            await execute.asyncio(
                PROJECT, client=mock_client(Recorder(html)), body=ExecuteScriptOrCommandReq()
            )

    asyncio.run(scenario())


def test_an_endpoint_with_a_path_prefix_keeps_it() -> None:
    recorder = Recorder()
    client = AuthenticatedClient(
        "https://gateway.example/workspace",
        token=TOKEN,
        httpx_args={"transport": httpx.MockTransport(recorder)},
    )
    for _ in range(2):  # the second call uses the remembered URL
        execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    assert [str(request.url) for request in recorder.requests] == [
        f"https://gateway.example/workspace/v2/{PROJECT}/script-executions"
    ] * 2


HTML_HEADERS = {"Content-Type": "text/html", "X-Request-Id": "req-gateway"}
UNDOCUMENTED = [
    pytest.param(httpx.Response(520, text="<html>origin error</html>", headers=HTML_HEADERS), id="520-html"),
    pytest.param(httpx.Response(599, text="<html>timeout</html>", headers=HTML_HEADERS), id="599-html"),
    pytest.param(httpx.Response(502, text="<html>bad gateway</html>", headers=HTML_HEADERS), id="502-html"),
    pytest.param(httpx.Response(429, text="<html>slow down</html>", headers=HTML_HEADERS), id="429-html"),
    pytest.param(
        httpx.Response(302, headers={**HTML_HEADERS, "Location": "https://login.example/"}), id="302-redirect"
    ),
]


def expected_class(status: int) -> type[errors.ApiError]:
    return errors.ServerError if status >= 500 else errors.ClientError if status >= 400 else errors.ApiError


@pytest.mark.parametrize("answer", UNDOCUMENTED)
def test_an_undocumented_status_raises_its_family_in_raising_mode(answer: httpx.Response) -> None:
    async def call_async() -> None:
        client = mock_client(Recorder(answer), raise_on_error=True)
        await execute.asyncio_detailed(PROJECT, client=client, body=ExecuteScriptOrCommandReq())

    client = mock_client(Recorder(answer), raise_on_error=True)
    for call in (
        lambda: execute.sync_detailed(PROJECT, client=client, body=ExecuteScriptOrCommandReq()),
        lambda: asyncio.run(call_async()),
    ):
        with pytest.raises(errors.ApiError) as raised:
            call()
        assert type(raised.value) is expected_class(answer.status_code)
        assert raised.value.status_code == answer.status_code
        assert raised.value.request_id == "req-gateway"
    if answer.status_code == 302:
        assert "https://login.example/" in raised.value.error_msg


@pytest.mark.parametrize("answer", UNDOCUMENTED)
def test_an_undocumented_status_without_raising_mode_is_a_response_without_parsed_body(
    answer: httpx.Response,
) -> None:
    async def call_async() -> Any:
        client = mock_client(Recorder(answer))
        return await execute.asyncio_detailed(PROJECT, client=client, body=ExecuteScriptOrCommandReq())

    client = mock_client(Recorder(answer))
    sync_response = execute.sync_detailed(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    for response in (sync_response, asyncio.run(call_async())):
        assert response.status_code == answer.status_code
        assert response.parsed is None
        assert response.content == answer.content


def test_a_json_answer_nested_too_deep_is_an_api_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    for status, expected in ((200, errors.InvalidResponseError), (400, errors.BadRequestError)):
        client = mock_client(Recorder(httpx.Response(status, content=deep)))
        with pytest.raises(expected, match="nested too deeply"):
            execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    # An undocumented status whose body is read only for an error message.
    client = mock_client(Recorder(httpx.Response(502, content=deep)), raise_on_error=True)
    with pytest.raises(errors.ServerError):
        execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())


@pytest.mark.parametrize("project_id", [None, ""], ids=["none", "empty"])
def test_a_missing_project_id_is_refused_before_sending(project_id: str | None) -> None:
    recorder = Recorder()
    client = mock_client(recorder)
    with pytest.raises(ValueError, match="project_id"):
        execute.sync(project_id, client=client, body=ExecuteScriptOrCommandReq())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="project_id"):
        asyncio.run(execute.asyncio(project_id, client=client, body=ExecuteScriptOrCommandReq()))  # type: ignore[arg-type]
    assert recorder.requests == []


def test_a_client_without_a_project_cannot_send_to_v2_none() -> None:
    recorder = Recorder()
    client = create_client(endpoint="https://h", token="T", environ={})
    client.set_httpx_client(httpx.Client(base_url="https://h", transport=httpx.MockTransport(recorder)))
    # client.project_id is typed str: a client without one raises on reading it, naming the parameter.
    with pytest.raises(ValueError, match="project_id"):
        execute.sync(client.project_id, client=client, body=ExecuteScriptOrCommandReq())
    assert recorder.requests == []
