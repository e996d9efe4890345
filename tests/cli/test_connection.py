"""Where the service is and who calls it: the same credentials as the client takes, never shown."""

from __future__ import annotations

import socket
from pathlib import Path

from reference_server.pytest_plugin import WorkspaceServer

from .conftest import Cli

RUN = ("run", "--script", "script-1", "--desktop", "desktop-1")


def test_token_from_the_environment_reaches_the_service(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli(*RUN)
    assert outcome.exit_code == 0, outcome.stderr
    [task] = workspace_server.tasks()
    assert outcome.stdout == f"{task['task_id']}\n"


def test_token_from_a_file(cli: Cli, workspace_server: WorkspaceServer, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(workspace_server.token + "\n")
    outcome = cli("--token-file", str(token_file), *RUN, WORKSPACE_TOKEN="not-this-one")
    assert outcome.exit_code == 0, outcome.stderr
    assert len(workspace_server.tasks()) == 1


def test_aksk_from_the_sdk_variables(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli(
        *RUN,
        WORKSPACE_TOKEN=None,
        HUAWEICLOUD_SDK_AK=workspace_server.ak,
        HUAWEICLOUD_SDK_SK=workspace_server.sk,
    )
    assert outcome.exit_code == 0, outcome.stderr
    assert len(workspace_server.tasks()) == 1


def test_no_credentials_is_a_usage_error_naming_the_variables(
    cli: Cli, workspace_server: WorkspaceServer
) -> None:
    outcome = cli(*RUN, WORKSPACE_TOKEN=None)
    assert outcome.exit_code == 2
    assert outcome.stderr.count("\n") == 1
    assert "WORKSPACE_TOKEN" in outcome.stderr and "HUAWEICLOUD_SDK_AK" in outcome.stderr
    assert workspace_server.tasks() == []


def test_a_bad_token_is_named_never_shown(cli: Cli, workspace_server: WorkspaceServer) -> None:
    secret = "s3cret-token-value"
    outcome = cli(*RUN, WORKSPACE_TOKEN=secret + "\x07")
    assert outcome.exit_code == 2
    assert "token" in outcome.stderr
    assert secret not in outcome.stdout + outcome.stderr


def test_a_wrong_token_is_refused_in_one_line_with_the_request_id(
    cli: Cli, workspace_server: WorkspaceServer
) -> None:
    secret = "wrong-but-secret-token"
    outcome = cli(*RUN, "--json", WORKSPACE_TOKEN=secret)
    assert outcome.exit_code == 3
    [line] = outcome.stderr.splitlines()
    error = outcome.json()["error"]
    assert error["status"] == 401 and error["error_code"].startswith("APIGW.")
    assert error["request_id"] and error["request_id"] in line
    assert f"401 {error['error_code']}: {error['error_msg']}" in line
    assert secret not in outcome.stdout + outcome.stderr


def test_region_and_endpoint_exclude_each_other(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli("--region", "cn-north-4", *RUN)
    assert outcome.exit_code == 2
    assert "exactly one of --region" in outcome.stderr


def test_an_unknown_region_lists_the_known_ones(cli: Cli) -> None:
    outcome = cli("--region", "mars-1", *RUN, WORKSPACE_SCRIPTS_ENDPOINT=None)
    assert outcome.exit_code == 2
    assert "unknown region 'mars-1'" in outcome.stderr and "cn-north-4" in outcome.stderr


def test_no_answer_is_exit_4(cli: Cli) -> None:
    with socket.socket() as probe:  # a port nobody listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
        outcome = cli("--endpoint", url, *RUN, WORKSPACE_SCRIPTS_ENDPOINT=None)
    assert outcome.exit_code == 4
    [line] = outcome.stderr.splitlines()
    assert "no answer from" in line and "ConnectError" in line


def test_a_proxy_in_the_environment_is_not_used_for_a_local_server(
    cli: Cli, workspace_server: WorkspaceServer
) -> None:
    with socket.socket() as probe:  # the proxy: a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        proxy = f"http://127.0.0.1:{probe.getsockname()[1]}"
        names = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
        outcome = cli(*RUN, **dict.fromkeys(names, proxy), NO_PROXY=None, no_proxy=None)
    assert outcome.exit_code == 0, outcome.stderr
    assert len(workspace_server.tasks()) == 1
