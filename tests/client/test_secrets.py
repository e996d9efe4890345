"""Secret key, token and security token never show in reprs, logs or exception messages."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import pytest
from workspace_scripts_client import AkSkAuth, AuthenticatedClient, create_client, errors
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import ExecuteScriptOrCommandReq

from .constants import AK, PROJECT, SECURITY_TOKEN, SK, TOKEN

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


BAD_VALUES = [
    pytest.param("SECRET-VALUE\n", id="trailing-newline"),
    pytest.param("SECRET\r\nX-Injected: 1", id="crlf"),
    pytest.param("SECRET-VALUE-é", id="non-ascii"),
    pytest.param("SECRET\tVALUE", id="tab"),
    pytest.param(" SECRET-VALUE", id="leading-space"),
]


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("parameter", ["token", "ak", "security_token"])
def test_a_malformed_credential_is_refused_by_name_without_showing_it(parameter: str, value: str) -> None:
    credentials: dict[str, Any] = {"token": {"token": value}, "ak": {"ak": value, "sk": SK}}.get(
        parameter, {"ak": AK, "sk": SK, parameter: value}
    )
    with pytest.raises(ValueError, match=parameter) as raised:
        create_client(endpoint="http://127.0.0.1:9", environ={}, **credentials)
    assert "SECRET" not in str(raised.value) + repr(raised.value)


@pytest.mark.parametrize("value", BAD_VALUES)
def test_a_malformed_environment_credential_is_refused_by_variable_name(value: str) -> None:
    environ = {"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": SK, "HUAWEICLOUD_SDK_SECURITY_TOKEN": value}
    with pytest.raises(ValueError, match="HUAWEICLOUD_SDK_SECURITY_TOKEN") as raised:
        create_client(endpoint="http://127.0.0.1:9", environ=environ)
    assert "SECRET" not in str(raised.value) + repr(raised.value)


@pytest.mark.parametrize("value", BAD_VALUES)
def test_aksk_auth_and_the_client_refuse_malformed_header_values(value: str) -> None:
    for make in (
        lambda: AkSkAuth(value, SK),
        lambda: AkSkAuth(AK, SK, security_token=value),
        lambda: AuthenticatedClient("http://127.0.0.1:9", token=value),
    ):
        with pytest.raises(ValueError) as raised:
            make()
        assert "SECRET" not in str(raised.value) + repr(raised.value)


@pytest.mark.parametrize("parameter", ["token", "ak", "sk", "security_token", "project_id"])
def test_an_empty_credential_is_an_error(parameter: str) -> None:
    token_side = parameter in ("token", "project_id")
    credentials: dict[str, Any] = {"token": TOKEN} if token_side else {"ak": AK, "sk": SK}
    with pytest.raises(ValueError, match=f"{parameter} is empty"):
        create_client(endpoint="http://127.0.0.1:9", environ={}, **{**credentials, parameter: ""})
