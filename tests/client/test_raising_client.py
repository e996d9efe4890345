"""``RaisingClient`` (``create_client(raise_on_error=True)``): its calls return a success or raise."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from workspace_scripts_client import AuthenticatedClient, RaisingClient, create_client, errors
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import ExecuteScriptOrCommandReq, ExecuteScriptOrCommandResponse

from .constants import PROJECT, TOKEN
from .mock_client import BASE_URL, Recorder

BODY = ExecuteScriptOrCommandReq(resource_ids=["desktop-01"], script_ids=["script-01"])


def raising(recorder: Recorder) -> RaisingClient:
    return RaisingClient(
        BASE_URL, token=TOKEN, project_id=PROJECT, httpx_args={"transport": httpx.MockTransport(recorder)}
    )


def test_create_client_gives_a_raising_client_only_when_asked() -> None:
    assert isinstance(
        create_client(endpoint=BASE_URL, token=TOKEN, raise_on_error=True, environ={}), RaisingClient
    )
    plain = create_client(endpoint=BASE_URL, token=TOKEN, environ={})
    assert type(plain) is AuthenticatedClient and not plain.raise_on_error


def test_its_raise_on_error_cannot_be_turned_off() -> None:
    assert raising(Recorder()).raise_on_error
    with pytest.raises(TypeError):
        RaisingClient(BASE_URL, token=TOKEN, raise_on_error=False)  # type: ignore[call-arg]


def test_a_success_is_returned_as_the_model() -> None:
    answer = execute.sync(PROJECT, client=raising(Recorder()), body=BODY)
    assert isinstance(answer, ExecuteScriptOrCommandResponse) and answer.task_id == "task-1"


@pytest.mark.parametrize("status", [201, 204])
def test_an_undocumented_success_raises_instead_of_returning_none(status: int) -> None:
    recorder = Recorder(httpx.Response(status, headers={"X-Request-Id": "req-1"}))
    with pytest.raises(errors.InvalidResponseError, match="undocumented success status") as caught:
        execute.sync(PROJECT, client=raising(recorder), body=BODY)
    assert caught.value.status_code == status and caught.value.request_id == "req-1"
    with pytest.raises(errors.InvalidResponseError):
        asyncio.run(execute.asyncio(PROJECT, client=raising(recorder), body=BODY))


def test_an_error_answer_raises() -> None:
    recorder = Recorder(httpx.Response(404, json={"error_code": "WKS.0404", "error_msg": "no such script"}))
    with pytest.raises(errors.NotFoundError, match="no such script"):
        execute.sync(PROJECT, client=raising(recorder), body=BODY)


def test_its_with_methods_keep_it_raising() -> None:
    client = raising(Recorder()).with_timeout(httpx.Timeout(1.0)).with_headers({"X-Trace": "t"})
    assert isinstance(client, RaisingClient) and client.raise_on_error and client.project_id == PROJECT
