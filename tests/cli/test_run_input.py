"""``run``'s input: what is typed is what is sent; bad input is one clear line and nothing is sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from reference_server.pytest_plugin import WorkspaceServer

from .conftest import Cli
from .listener import silent_listener


def sent_body(server: WorkspaceServer) -> dict[str, object]:
    [task] = server.tasks()
    body: dict[str, object] = task["request"]
    return body


def test_the_body_is_exactly_the_options(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli(
        "run", "--script", "s1", "--script", "s2", "--desktop", "d1", "--desktop", "d2", "--desktop", "d3",
        "--gray-desktop", "d1", "--gray-fail-threshold", "0", "--execution-timeout", "5", "--json",
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.json() == {"task_id": workspace_server.tasks()[0]["task_id"]}
    assert sent_body(workspace_server) == {
        "script_ids": ["s1", "s2"],
        "resource_ids": ["d1", "d2", "d3"],
        "gray_resource_ids": ["d1"],
        "gray_fail_threshold": 0,
        "execution_timeout": 5,
    }


def test_a_command_instead_of_scripts(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli("run", "--command", "hostname", "--command-type", "SHELL", "--desktop", "d1")
    assert outcome.exit_code == 0, outcome.stderr
    assert sent_body(workspace_server) == {
        "command": "hostname",
        "command_type": "SHELL",
        "resource_ids": ["d1"],
    }


def test_desktops_from_a_file_and_options_once_each(
    cli: Cli, workspace_server: WorkspaceServer, tmp_path: Path
) -> None:
    listed = tmp_path / "desktops.txt"
    listed.write_text("# rollout wave 1\nd2\n\n  d3  # the lab one\nd1\n")
    outcome = cli("run", "--script", "s", "--desktop", "d1", "--desktops-file", str(listed))
    assert outcome.exit_code == 0, outcome.stderr
    assert sent_body(workspace_server)["resource_ids"] == ["d1", "d2", "d3"]
    assert "1 desktop id(s) given more than once: each is sent once" in outcome.stderr


def test_desktops_from_standard_input(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli("run", "--script", "s", "--desktops-file", "-", stdin="d7\nd8\n")
    assert outcome.exit_code == 0, outcome.stderr
    assert sent_body(workspace_server)["resource_ids"] == ["d7", "d8"]


class TestAnInventory:
    @pytest.fixture
    def workspace_inventory(self) -> Mapping[str, Sequence[str]]:
        return {"scripts": ["s"], "desktops": ["d1", "d2"]}

    def test_an_unknown_desktop_is_the_services_404_in_one_line(
        self, cli: Cli, workspace_server: WorkspaceServer
    ) -> None:
        outcome = cli("run", "--script", "s", "--desktop", "d1", "--desktop", "d-unknown")
        assert outcome.exit_code == 3
        assert outcome.stdout == ""
        [line] = outcome.stderr.splitlines()
        assert line.startswith("workspace-scripts: error: 404 WKS.0404: ")
        assert "d-unknown" in line
        assert "(request id " in line and "(request id none)" not in line
        assert workspace_server.tasks() == []


BROKEN_RULES = {
    "scripts and a command": (
        ["--script", "s", "--command", "hostname", "--command-type", "SHELL", "--desktop", "d1"],
        "command",
    ),
    "threshold not below the gray count": (
        [
            "--script",
            "s",
            "--desktop",
            "d1",
            "--desktop",
            "d2",
            "--gray-count",
            "1",
            "--gray-fail-threshold",
            "1",
        ],
        "gray_fail_threshold",
    ),
    "a negative gray count": (["--script", "s", "--desktop", "d1", "--gray-count", "-1"], "gray_count"),
}


@pytest.mark.parametrize("options, field", BROKEN_RULES.values(), ids=BROKEN_RULES)
def test_a_broken_rule_is_one_line_and_nothing_reaches_the_network(
    cli: Cli, options: list[str], field: str
) -> None:
    with silent_listener() as listener:
        outcome = cli("--endpoint", listener.url, "run", *options)
    assert outcome.exit_code == 2
    [line] = outcome.stderr.splitlines()
    assert line.startswith("workspace-scripts: error: not sent: ")
    assert field in line
    assert listener.connections == 0


def test_the_listener_does_see_a_valid_request(cli: Cli) -> None:
    """The control for the test above: a valid run does reach the listener (which never answers, so the
    read times out and the command says the work may have started)."""
    with silent_listener() as listener:
        outcome = cli(
            "--endpoint", listener.url, "--request-timeout", "0.5", "run", "--script", "s", "--desktop", "d1"
        )
    assert listener.connections == 1
    assert outcome.exit_code == 4
    [line] = outcome.stderr.splitlines()
    assert "ReadTimeout" in line and "it may have started" in line


USAGE = {
    "nothing to run": (["--desktop", "d1"], "nothing to run"),
    "no desktops": (["--script", "s"], "no desktops"),
    "tag and ids": (["--script", "s", "--desktop", "d1", "--desktop-tag", "t"], "not both"),
    "empty file": (["--script", "s", "--desktops-file", "-"], "no desktop id"),
    "tag options without a tag": (
        ["--script", "s", "--desktop", "d1", "--post-finish", "stop"],
        "--desktop-tag",
    ),
}


@pytest.mark.parametrize("options, words", USAGE.values(), ids=USAGE)
def test_usage_errors_send_nothing(cli: Cli, options: list[str], words: str) -> None:
    with silent_listener() as listener:
        outcome = cli("--endpoint", listener.url, "run", *options, stdin="")
    assert outcome.exit_code == 2
    assert words in outcome.stderr
    assert listener.connections == 0
