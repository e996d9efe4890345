"""Fixtures of the Script API clauses: the scripts and tasks the run creates, and their clean-up.

Every script a test creates is deleted when that test ends - after a failure, and on Ctrl-C too (pytest
tears fixtures down when interrupted); those the run could not delete are listed at the end. Deleting at
once, not at the end of the run, also gives the next test the library it found: a server may look
executions' script ids up in its library only once it holds a script (the reference server does).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from contract_tests import guard, live, report, settings, sources, workspace
from contract_tests.operations import json_body
from contract_tests.target import Target
from contract_tests.workspace import Library

LIBRARY = pytest.StashKey[Library]()
ENV_FAILING_SCRIPT = live.ENV_FAILING_SCRIPT
ENV_DESKTOP_TAG = live.ENV_DESKTOP_TAG


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract-live")
    group.addoption(
        "--sandbox-failing-script",
        help="a script that fails on purpose, so the gray rule can be observed on this target "
        f"(env {ENV_FAILING_SCRIPT}); on the bundled server the run makes one itself",
    )
    parser.getgroup("contract").addoption(
        "--settle-timeout",
        type=float,
        default=workspace.SETTLE_SECONDS,
        help="seconds a read may take to show an earlier write or a task to finish "
        "(polled: the service may be eventually consistent)",
    )


def pytest_configure(config: pytest.Config) -> None:
    workspace.SETTLE[:] = [config.getoption("settle_timeout")]


def option_or_env(config: pytest.Config, name: str, env: str) -> str | None:
    value = config.getoption(name) or os.environ.get(env, "").strip()
    return value or None


# The id the bundled server's outcome control makes fail (its library is empty while a gray clause runs:
# every id exists there then).
FAILS_ON_PURPOSE = live.FAILS_ON_PURPOSE


def make_fail(base_url: str, project_id: str, script_id: str = FAILS_ON_PURPOSE) -> None:
    """Tell the reference server (its documented ``/_reference/outcomes`` endpoint, open when no admin
    token is set) that ``script_id`` fails on every desktop of the project."""
    rule = {"result": "fail", "script": script_id, "project_id": project_id, "reason": "fails on purpose"}
    answer = guard.session().post(f"{base_url.rstrip('/')}/_reference/outcomes", json=rule, timeout=10)
    answer.raise_for_status()


@pytest.fixture(scope="session")
def failing(pytestconfig: pytest.Config, contract_target: Target) -> Callable[[], str]:
    """Gives the id of a script that fails on purpose, or skips the clause saying why there is none."""
    given = option_or_env(pytestconfig, "sandbox_failing_script", ENV_FAILING_SCRIPT)
    made: list[str] = []

    def script_id() -> str:
        if given:
            return given
        if settings.current().target.bundled:
            if not made:
                with guard.active().bundled_control():  # the bundled server is ours: tell it
                    make_fail(contract_target.base_url, contract_target.project_id)
                made.append(FAILS_ON_PURPOSE)
            return made[0]
        pytest.skip(
            "no script that fails on purpose on this target: give --sandbox-failing-script=ID "
            f"(or {ENV_FAILING_SCRIPT}) to observe the gray rule with failures"
        )

    return script_id


@pytest.fixture
def library(pytestconfig: pytest.Config, contract_target: Target) -> Iterator[Library]:
    """The scripts this test creates; deleted when it ends, and counted for the run's summary."""
    created = Library()
    try:
        yield created
    finally:
        created.clean_up(contract_target)
        pytestconfig.stash.setdefault(LIBRARY, Library()).absorb(created)


@pytest.fixture
def a_script(library: Library, contract_target: Target) -> tuple[str, dict[str, Any]]:
    """A harmless script the run created: (its id, the body it was created with)."""
    return library.create(contract_target, "fixture")


def execution_desktops() -> list[str]:
    """Desktops of openapi.yaml's first execution example (live mode's guard swaps them for sandbox ids)."""
    from contract_tests import spec

    return list(next(iter(spec.request_examples().values()))["resource_ids"])


def start_task(target: Target, script_id: str, desktops: list[str] | None = None, **extra: Any) -> str:
    """Run ``script_id`` on ``desktops``; the new task's id (the clause is skipped if nothing may run)."""
    body = {
        "resource_type": "DESKTOP",
        "resource_ids": desktops or execution_desktops(),
        "script_ids": [script_id],
        "execution_timeout": 1,
        **extra,
    }
    with guard.accepting():
        response = workspace.send(target, workspace.EXECUTE, body=body)
    task_id = (json_body(response) or {}).get("task_id") if response.status_code == 200 else None
    report.expect(
        isinstance(task_id, str),
        "ExecuteScriptOrCommand (status code 200, task_id): a script of the library runs",
        f"running a script the run created answered {response.status_code}",
        response,
    )
    assert isinstance(task_id, str)
    return task_id


def final_records(
    target: Target, task_id: str, clause: str, seen: str = "statuses"
) -> tuple[list[dict[str, Any]], requests.Response]:
    """The task's records once every one is final, and the answer listing them; ``clause`` (an assumption)
    is reported broken when they are not final within the settle time."""
    final, done = workspace.wait_until_final(target, task_id)
    records = workspace.items(final, "script_records")
    problem = f"{seen}: {[record.get('status') for record in records]} {workspace.settle_note()}"
    report.expect(done, clause, problem, final, source=sources.ASSUMPTION)
    return records, final


@pytest.fixture
def a_task(a_script: tuple[str, dict[str, Any]], contract_target: Target) -> str:
    """A task the run started, running its own harmless script."""
    return start_task(contract_target, a_script[0])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    made = guard.active().made
    if not made.scripts and not made.left_behind:
        return
    terminalreporter.write_line(
        f"contract: {len(made.scripts)} script(s) created by this run, "
        f"{len(made.deleted)} deleted again, {len(made.left_behind)} left behind"
    )
    for script_id, why in made.left_behind.items():
        name = made.scripts.get(script_id, script_id)
        terminalreporter.write_line(f"  script {script_id} ({name}) LEFT BEHIND: {why}")
