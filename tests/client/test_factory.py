"""create_client: one line from a region or endpoint, credentials from arguments or the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from workspace_scripts_client import REGIONS, AkSkAuth, UnknownRegionError, create_client
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.models import ExecuteScriptOrCommandReq

from .constants import AK, PROJECT, SECURITY_TOKEN, SK, TOKEN

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"

SDK_ENV = {
    "HUAWEICLOUD_SDK_AK": AK,
    "HUAWEICLOUD_SDK_SK": SK,
    "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT,
    "HUAWEICLOUD_SDK_SECURITY_TOKEN": SECURITY_TOKEN,
}


def test_the_regions_are_the_contract_server_enum() -> None:
    with open(SPEC, encoding="utf-8") as spec_file:
        spec = yaml.safe_load(spec_file)
    assert list(REGIONS) == spec["servers"][0]["variables"]["region"]["enum"]


def test_a_region_gives_its_endpoint() -> None:
    client = create_client("ap-southeast-1", token=TOKEN)
    assert str(client.get_httpx_client().base_url) == "https://workspace.ap-southeast-1.myhuaweicloud.com"


def test_an_unknown_region_lists_the_known_ones() -> None:
    with pytest.raises(UnknownRegionError) as raised:
        create_client("mars-north-1", token=TOKEN)
    assert "mars-north-1" in str(raised.value)
    assert all(region in str(raised.value) for region in REGIONS)


def test_region_and_endpoint_are_exclusive() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        create_client("cn-north-4", endpoint="http://127.0.0.1:1", token=TOKEN)
    with pytest.raises(ValueError, match="exactly one"):
        create_client(token=TOKEN)


def test_defaults_are_finite_timeouts_and_tls_verification() -> None:
    client = create_client("cn-north-4", token=TOKEN)
    timeout = client.get_httpx_client().timeout
    assert None not in (timeout.connect, timeout.read, timeout.write, timeout.pool)
    assert client._verify_ssl is True
    assert client.validate_requests is True
    assert client.raise_on_error is False
    assert client.retry is None


def test_aksk_credentials_come_from_the_sdk_environment_variables() -> None:
    client = create_client("cn-north-4", environ=SDK_ENV)
    assert isinstance(client.auth, AkSkAuth)
    assert client.auth.ak == AK
    assert client.project_id == PROJECT
    request = httpx.Request("POST", "https://h/v2/p/script-executions", json={})
    signed = next(client.auth.sync_auth_flow(request))
    assert signed.headers["X-Security-Token"] == SECURITY_TOKEN
    assert signed.headers["X-Project-Id"] == PROJECT


def test_arguments_win_over_the_environment() -> None:
    client = create_client("cn-north-4", ak="OTHER", sk="other-sk", project_id="p2", environ=SDK_ENV)
    assert isinstance(client.auth, AkSkAuth)
    assert (client.auth.ak, client.project_id) == ("OTHER", "p2")


def test_a_token_client_sends_x_auth_token_without_showing_it() -> None:
    client = create_client(endpoint="http://127.0.0.1:9", token=TOKEN, project_id=PROJECT, environ={})
    assert client.auth is None
    http = client.get_httpx_client()
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    http._transport = httpx.MockTransport(record)
    http.post("/anything")
    assert sent[0].headers["X-Auth-Token"] == TOKEN and "Authorization" not in sent[0].headers
    # Sent per request by an auth flow: not a default header, which httpx's repr would print.
    assert TOKEN not in repr(http.headers) and TOKEN not in repr(http.auth)


def test_missing_or_mixed_credentials_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="HUAWEICLOUD_SDK_AK"):
        create_client("cn-north-4", environ={})
    with pytest.raises(ValueError, match="HUAWEICLOUD_SDK_SK"):
        create_client("cn-north-4", ak=AK, environ={})
    with pytest.raises(ValueError, match="not both"):
        create_client("cn-north-4", token=TOKEN, ak=AK, sk=SK, environ={})


def test_explicit_credentials_take_nothing_from_the_environment() -> None:
    request = httpx.Request("POST", "https://h/v2/p/script-executions", json={})
    client = create_client("cn-north-4", ak="OTHER", sk="other-sk", environ=SDK_ENV)
    assert isinstance(client.auth, AkSkAuth)
    signed = next(client.auth.sync_auth_flow(request))
    # The environment's security token and project belong to other credentials: neither is sent.
    assert "X-Security-Token" not in signed.headers
    assert "X-Project-Id" not in signed.headers
    with pytest.raises(ValueError, match="project_id is required"):
        client.project_id  # noqa: B018 - reading it is the test
    token_client = create_client("cn-north-4", token=TOKEN, environ=SDK_ENV)
    with pytest.raises(ValueError, match="project_id is required") as raised:
        token_client.project_id  # noqa: B018
    # The variable is set but was not read: the message says why, rather than advising to set it.
    assert "HUAWEICLOUD_SDK_PROJECT_ID is read only when no credentials are passed" in str(raised.value)
    assert "or set HUAWEICLOUD_SDK_PROJECT_ID" not in str(raised.value)


def test_a_call_without_a_project_does_not_advise_the_variable_a_token_client_ignores() -> None:
    client = create_client("cn-north-4", token=TOKEN, environ=SDK_ENV)
    body = ExecuteScriptOrCommandReq(resource_ids=["desktop-01"], script_ids=["script-01"])
    with pytest.raises(ValueError, match="project_id is required") as raised:
        execute.sync_detailed("", client=client, body=body)
    assert "HUAWEICLOUD_SDK_PROJECT_ID is read only when no credentials are passed" in str(raised.value)


def test_the_environment_project_fills_in_only_when_no_project_is_given() -> None:
    assert create_client("cn-north-4", environ=SDK_ENV).project_id == PROJECT
    assert create_client("cn-north-4", project_id="p2", environ=SDK_ENV).project_id == "p2"


@pytest.mark.parametrize(
    ("arguments", "missing"),
    [
        ({"ak": AK}, "sk= missing"),
        ({"sk": SK}, "ak= missing"),
        ({"security_token": SECURITY_TOKEN}, "ak= and sk= missing"),
    ],
    ids=["ak-alone", "sk-alone", "security-token-alone"],
)
def test_half_given_aksk_credentials_are_an_error_even_with_the_environment_set(
    arguments: dict[str, Any], missing: str
) -> None:
    with pytest.raises(ValueError, match=missing) as raised:
        create_client("cn-north-4", environ=SDK_ENV, **arguments)
    for value in (AK, SK, SECURITY_TOKEN):
        assert value not in str(raised.value)
