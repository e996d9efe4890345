"""Help, version, completion and the exit-code table: what works without a server."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner
from workspace_scripts_cli import __version__
from workspace_scripts_cli.app import main
from workspace_scripts_cli.exit_codes import ExitCode

from tests.docs.tables import code_span, table_after


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
    # click words it "No such option '--desktops'" (8.2.1 on) or "No such option: --desktops" (8.2.0).
    assert "No such option" in result.stderr and "--desktops" in result.stderr


def test_docs_list_every_exit_code() -> None:
    rows = table_after("cli.md", ["code", "meaning"])
    assert [int(code_span(code)) for code, _ in rows] == sorted(int(code) for code in ExitCode)


def test_help_names_every_exit_code() -> None:
    text = " ".join(CliRunner().invoke(main, ["--help"]).stdout.split())
    for code in ExitCode:
        assert f" {int(code)} " in text.split("Exit codes:", 1)[1].split("Options:", 1)[0].replace(",", " ")


def test_help_imports_neither_the_client_nor_rich() -> None:
    """What keeps ``--help`` and tab completion fast: the heavy packages wait until a command runs."""
    check = (
        "import sys\n"
        "from workspace_scripts_cli.app import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'workspace_scripts_client', 'httpx', 'rich', 'attrs'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Usage:" in run.stdout
