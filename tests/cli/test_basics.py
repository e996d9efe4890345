"""Help, version, completion and the exit-code table: what works without a server."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from workspace_scripts_cli import __version__
from workspace_scripts_cli.app import main
from workspace_scripts_cli.exit_codes import ExitCode

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "tasks", "records", "record", "stop", "retry", "scripts", "completion"):
        assert re.search(rf"^  {command}\s", result.stdout, re.M), command


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_completion_prints_clicks_script_for_the_command() -> None:
    result = CliRunner().invoke(main, ["completion", "bash"])
    assert result.exit_code == 0
    assert "_WORKSPACE_SCRIPTS_COMPLETE=bash_complete" in result.stdout
    assert "complete -o nosort -F" in result.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["run", "--desktops", "d"])
    assert result.exit_code == ExitCode.USAGE == 2
    assert "No such option '--desktops'" in result.stderr


def test_docs_list_every_exit_code() -> None:
    table = DOCS.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| `(\d+)` \|", table, re.M)}
    assert documented == {int(code) for code in ExitCode}
