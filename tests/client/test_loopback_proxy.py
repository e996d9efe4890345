"""A proxy set in the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY without a NO_PROXY naming loopback)
never carries requests to a loopback endpoint: the reference server on 127.0.0.1 is not where the proxy
is. Other endpoints still go through it."""

from __future__ import annotations

import socket

import httpx
import pytest
from workspace_scripts_client import create_client
from workspace_scripts_client.api.script import list_script_tasks
from workspace_scripts_client.models import ListScriptTasksResponse

from reference_server.pytest_plugin import WorkspaceServer

pytest_plugins = ["pytester"]


@pytest.fixture
def dead_proxy(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every proxy variable names a loopback port nothing listens on; NO_PROXY is unset."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        proxy = f"http://127.0.0.1:{sock.getsockname()[1]}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, proxy)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    return proxy


def test_a_loopback_endpoint_is_reached_directly(dead_proxy: str, workspace_server: WorkspaceServer) -> None:
    for endpoint in (workspace_server.base_url, workspace_server.base_url.replace("127.0.0.1", "localhost")):
        client = create_client(
            endpoint=endpoint, token=workspace_server.token, project_id=workspace_server.project_id
        )
        with client:
            answer = list_script_tasks.sync(workspace_server.project_id, client=client)
        assert isinstance(answer, ListScriptTasksResponse), answer


def test_another_endpoint_still_goes_through_the_proxy(dead_proxy: str) -> None:
    client = create_client(endpoint="http://workspace.example.invalid", token="t", project_id="p", retry=None)
    with client, pytest.raises(httpx.ConnectError) as refused:
        list_script_tasks.sync("p", client=client)
    assert "Connection refused" in str(refused.value)  # the proxy's port, not a failed name look-up


def test_the_plugins_fixtures_reach_their_server_directly(pytester: pytest.Pytester, dead_proxy: str) -> None:
    pytester.makepyfile(
        test_behind_proxy="""
from workspace_scripts_client.api.script import list_script_tasks
from workspace_scripts_client.models import ListScriptTasksResponse


def test_fixtures(workspace_server, workspace_client, workspace_aksk_client):
    workspace_server.arm_fault(count=0)  # the plugin's own handle on its server
    for client in (workspace_client, workspace_aksk_client):
        answer = list_script_tasks.sync(workspace_server.project_id, client=client)
        assert isinstance(answer, ListScriptTasksResponse), answer
"""
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
