"""Secret key, token and security token never show in reprs, logs or exception messages."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from workspace_scripts_client import AkSkAuth, AuthenticatedClient, create_client, errors
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import ExecuteScriptOrCommandReq

from .conftest import AK, PROJECT, SECURITY_TOKEN, SK, TOKEN

SECRETS = (SK, TOKEN, SECURITY_TOKEN)


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def test_reprs_hide_secrets() -> None:
    auth = AkSkAuth(AK, SK, project_id=PROJECT, security_token=SECURITY_TOKEN)
    assert AK in repr(auth)
    assert_no_secret(repr(auth))
    token_client = create_client("cn-north-4", token=TOKEN, environ={})
    token_client.get_httpx_client()  # building the httpx client must not put the token in the repr
    aksk_client = create_client("cn-north-4", ak=AK, sk=SK, security_token=SECURITY_TOKEN, environ={})
    for client in (token_client, aksk_client):
        assert_no_secret(repr(client))
        assert_no_secret(str(client))


def test_logs_and_errors_carry_no_secrets(server: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every step at DEBUG
    body = ExecuteScriptOrCommandReq(script_ids=["s"])
    token_client = create_client(endpoint=server, token=TOKEN, raise_on_error=True, environ={})
    aksk_client = create_client(
        endpoint=server, ak=AK, sk=SK, security_token=SECURITY_TOKEN, raise_on_error=True, environ={}
    )
    messages = []
    for client in (token_client, aksk_client):
        # Wrong project: 403 or 401, either way an ApiError whose text we inspect.
        with pytest.raises(errors.ApiError) as raised:
            execute.sync("another-project", client=client, body=body)
        messages.append(str(raised.value))
        messages.append(repr(raised.value))

    async def async_call() -> None:
        async with create_client(endpoint=server, token=TOKEN, environ={}) as client:
            await execute.asyncio(PROJECT, client=client, body=body)

    asyncio.run(async_call())
    assert caplog.records, "httpx logged nothing: the check would be empty"
    assert_no_secret(caplog.text)
    assert_no_secret("\n".join(messages))


def test_a_connection_error_message_carries_no_secret() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    auth = AkSkAuth(AK, SK, security_token=SECURITY_TOKEN)
    client = AuthenticatedClient(
        "http://127.0.0.1:9", auth=auth, httpx_args={"transport": httpx.MockTransport(refuse)}
    )
    with pytest.raises(httpx.ConnectError) as raised:
        execute.sync(PROJECT, client=client, body=ExecuteScriptOrCommandReq())
    assert_no_secret(str(raised.value) + repr(raised.value))
