"""Running ``workspace-scripts`` against the reference server (the pytest plugin's ``workspace_server``).

``cli`` runs it in-process through click's test runner (standard output is then not a terminal, as in a
pipe), with the server's endpoint and IAM token in the environment, exactly as an operator sets them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner
from workspace_scripts_cli.app import main

from reference_server.pytest_plugin import WorkspaceServer


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


Cli = Callable[..., Outcome]


def server_environment(server: WorkspaceServer) -> dict[str, str]:
    """The variables that point the command at ``server`` with its token (no AK/SK variables)."""
    return {
        "WORKSPACE_SCRIPTS_ENDPOINT": server.base_url,
        "WORKSPACE_TOKEN": server.token,
        "HUAWEICLOUD_SDK_PROJECT_ID": server.project_id,
        "WORKSPACE_SCRIPTS_REGION": "",
        "HUAWEICLOUD_SDK_AK": "",
        "HUAWEICLOUD_SDK_SK": "",
    }


def invoke(args: tuple[str, ...], env: Mapping[str, str | None], stdin: str | None = None) -> Outcome:
    result = CliRunner().invoke(main, list(args), env=dict(env), input=stdin, catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli(workspace_server: WorkspaceServer) -> Cli:
    """``cli("run", "--script", "s", ...)`` runs the command against ``workspace_server``."""
    env: dict[str, str | None] = {
        name: (value or None) for name, value in server_environment(workspace_server).items()
    }

    def run(*args: str, stdin: str | None = None, **extra_env: str | None) -> Outcome:
        return invoke(args, {**env, **extra_env}, stdin)

    return run
