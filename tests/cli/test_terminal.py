"""The installed command as an operator meets it: the live display in a real terminal, and Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from reference_server.pytest_plugin import WorkspaceServer

from .conftest import server_environment
from .terminal import BACKENDS, COMMAND, run_in_terminal


def environment(server: WorkspaceServer) -> dict[str, str]:
    return {name: value for name, value in server_environment(server).items() if value}


@pytest.mark.parametrize("backend", BACKENDS)
def test_run_wait_in_a_terminal_shows_the_batches_then_the_summary(
    backend: str, workspace_server: WorkspaceServer
) -> None:
    # The gray batch takes a second, so the display is seen while it runs; d2 fails, the rest is skipped.
    workspace_server.set_outcome("success", seconds=1.0)
    workspace_server.set_outcome("fail", desktop="d2", seconds=1.0, result_code="7", reason="share not found")
    desktops = [arg for desktop in ("d1", "d2", "d3", "d4") for arg in ("--desktop", desktop)]
    screen = run_in_terminal(
        backend,
        ["run", "--script", "s1", *desktops, "--gray-count", "2", "--gray-fail-threshold", "0",
         "--wait", "--poll-interval", "0.2"],
        environment(workspace_server),
    )  # fmt: skip
    assert screen.exit_code == 1, screen.final
    [task] = workspace_server.tasks()
    running = [frame for frame in screen.frames if "gray batch (running)" in frame]
    assert running, f"no frame showed the gray batch running ({screen.via}); last:\n{screen.frames[-1:]}"
    final = screen.final
    assert "gray batch" in final and "rest" in final and "share not found" in final
    summary = final[final.rindex(f"task {task['task_id']} FAILED after") :].splitlines()
    assert summary[0].endswith("1 succeeded, 1 failed, 2 skipped, 0 pending (of 4)")
    assert summary[1].strip() == "gray batch: 1 succeeded, 1 failed, 0 skipped, 0 pending (of 2)"
    assert summary[2].strip() == "rest: 0 succeeded, 0 failed, 2 skipped, 0 pending (of 2)"
    assert "failed: d2 (gray batch, script s1) FAILED result_code=7 reason: share not found" in summary[3]


def test_ctrl_c_while_waiting_stops_nothing_and_says_how_to_stop(workspace_server: WorkspaceServer) -> None:
    workspace_server.set_outcome("hang")
    process = subprocess.Popen(
        [str(COMMAND), "run", "--script", "s1", "--desktop", "d1", "--wait", "--poll-interval", "0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # faulthandler: a command that ignores the Ctrl-C shows where it is when SIGABRT ends it (below).
        env={**os.environ, **environment(workspace_server), "PYTHONFAULTHANDLER": "1"},
    )  # fmt: skip
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # "task ... started; waiting ..."
        assert "started; waiting" in first, first
        [task] = workspace_server.tasks()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and all(
            record["status"] == "WAITING" for record in workspace_server.records(task["task_id"])
        ):
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)  # what the terminal sends on Ctrl-C
        try:
            stdout, rest = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # seen once under heavy load: say where the command was
            process.send_signal(signal.SIGABRT)
            _, stack = process.communicate(timeout=10)
            pytest.fail(f"the command went on 30 s after Ctrl-C; its threads when aborted:\n{stack}")
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, rest
    assert f"task {task['task_id']} goes on, nothing was stopped" in rest
    assert f"workspace-scripts stop --task {task['task_id']}" in rest
    assert "Traceback" not in rest
    assert stdout == "" or stdout.startswith(f"task {task['task_id']} ")  # the last state seen, if any
    assert {record["status"] for record in workspace_server.records(task["task_id"])} == {"RUNNING"}
