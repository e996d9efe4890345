"""Every subcommand against the reference server's lifecycle: tasks run, gray batches gate the rest,
outcomes are chosen per desktop (``workspace_server.set_outcome``), stop and retry act on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reference_server.pytest_plugin import WorkspaceServer

from .conftest import Cli
from .listener import silent_listener

FAST = ("--poll-interval", "0.1", "--wait-timeout", "60")
FIVE = [arg for desktop in ("d1", "d2", "d3", "d4", "d5") for arg in ("--desktop", desktop)]
# A gray batch of two that tolerates no failure: d2 fails, so d3-d5 are skipped.
GRAY_OF_TWO = ("--gray-count", "2", "--gray-fail-threshold", "0")


@pytest.fixture
def gray_fails(workspace_server: WorkspaceServer) -> WorkspaceServer:
    workspace_server.set_outcome("fail", desktop="d2", result_code="2", reason="disk full on C:")
    return workspace_server


def test_a_failing_gray_batch_skips_the_rest_and_names_the_desktop(
    cli: Cli, gray_fails: WorkspaceServer
) -> None:
    outcome = cli("run", "--script", "s1", *FIVE, *GRAY_OF_TWO, "--wait", *FAST)
    assert outcome.exit_code == 1, outcome.stderr
    [task] = gray_fails.tasks()
    lines = outcome.stdout.splitlines()
    assert lines[0].startswith(f"task {task['task_id']} FAILED after ")
    assert lines[0].endswith("1 succeeded, 1 failed, 3 skipped, 0 pending (of 5)")
    assert "  gray batch: 1 succeeded, 1 failed, 0 skipped, 0 pending (of 2)" in lines
    assert "  rest: 0 succeeded, 0 failed, 3 skipped, 0 pending (of 3)" in lines
    [failed] = [line for line in lines if line.startswith("  failed: ")]
    assert "d2 (gray batch" in failed and "result_code=2" in failed and "reason: disk full on C:" in failed
    assert f"task {task['task_id']} started" in outcome.stderr


def test_the_same_as_json(cli: Cli, gray_fails: WorkspaceServer) -> None:
    outcome = cli("run", "--script", "s1", *FIVE, *GRAY_OF_TWO, "--wait", *FAST, "--json")
    assert outcome.exit_code == 1, outcome.stderr
    answer = outcome.json()
    assert answer["status"] == "FAILED" and answer["exit_code"] == 1
    assert answer["counts"] == {"succeeded": 1, "failed": 1, "skipped": 3, "pending": 0, "total": 5}
    gray, rest = answer["batches"]
    assert (gray["batch"], gray["failed"], rest["batch"], rest["skipped"]) == ("gray batch", 1, "rest", 3)
    [failed] = answer["failed"]
    assert (failed["resource_id"], failed["result_code"], failed["reason"]) == ("d2", "2", "disk full on C:")
    assert outcome.stderr == ""  # --json: no remarks, no display


def test_every_record_succeeding_is_exit_0(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli("run", "--command", "hostname", "--command-type", "SHELL", *FIVE, "--wait", *FAST)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.splitlines()[0].endswith("5 succeeded, 0 failed, 0 skipped, 0 pending (of 5)")


def test_wait_timeout_leaves_the_task_running(cli: Cli, workspace_server: WorkspaceServer) -> None:
    workspace_server.set_outcome("hang")
    outcome = cli(
        "run",
        "--script",
        "s1",
        "--desktop",
        "d1",
        "--wait",
        "--poll-interval",
        "0.1",
        "--wait-timeout",
        "0.3",
    )
    assert outcome.exit_code == 5
    assert (
        "goes on, nothing was stopped" in outcome.stderr and "workspace-scripts stop --task" in outcome.stderr
    )
    [task] = workspace_server.tasks()
    assert all(record["status"] not in {"STOPPED"} for record in workspace_server.records(task["task_id"]))


def test_by_desktop_tag(cli: Cli, workspace_server: WorkspaceServer) -> None:
    outcome = cli("run", "--script", "s1", "--desktop-tag", "wave-1", "--post-finish", "reboot", "--json")
    assert outcome.exit_code == 0, outcome.stderr
    [task] = workspace_server.tasks()
    assert outcome.json() == {"task_id": task["task_id"]}
    assert task["request"]["desktop_tag"] == "wave-1" and task["request"]["post_finish"] == "reboot"


def started(cli: Cli, *args: str) -> str:
    outcome = cli("run", *args, *FAST, "--wait", "--json")
    assert outcome.exit_code in (0, 1), outcome.stderr
    task_id: str = outcome.json()["task_id"]
    return task_id


def test_tasks_lists_and_filters(cli: Cli, gray_fails: WorkspaceServer) -> None:
    failed = started(cli, "--script", "s1", *FIVE, *GRAY_OF_TWO)
    succeeded = started(cli, "--script", "s1", "--desktop", "d1")
    listed = cli("tasks", "--json")
    assert listed.exit_code == 0, listed.stderr
    by_id = {task["id"]: task for task in listed.json()["script_tasks"]}
    assert set(by_id) == {failed, succeeded}
    assert (by_id[failed]["status"], by_id[failed]["skip_num"], by_id[failed]["failed_num"]) == (
        "FAILED",
        3,
        1,
    )
    only = cli("tasks", "--task", failed, "--json").json()["script_tasks"]
    assert [task["id"] for task in only] == [failed]
    assert [task["id"] for task in cli("tasks", "--status", "SUCCESS", "--json").json()["script_tasks"]] == [
        succeeded
    ]
    table = cli("tasks").stdout.splitlines()  # not a terminal: tab-separated, header first
    assert table[0].split("\t")[:3] == ["id", "status", "scripts"]
    assert {line.split("\t")[0] for line in table[1:]} == {failed, succeeded}


def test_records_every_page_filters_and_limit(cli: Cli, gray_fails: WorkspaceServer) -> None:
    many = [arg for number in range(150) for arg in ("--desktop", f"m{number:03d}")]
    big = started(cli, "--script", "s1", *many)
    assert len(cli("records", "--task", big, "--json").json()["script_records"]) == 150  # two pages
    small = started(cli, "--script", "s1", *FIVE, *GRAY_OF_TWO)
    failed = cli("records", "--task", small, "--status", "FAILED", "--json").json()["script_records"]
    assert [(record["resource_id"], record["reason"]) for record in failed] == [("d2", "disk full on C:")]
    gray = cli("records", "--task", small, "--first-order", "--json").json()["script_records"]
    assert sorted(record["resource_id"] for record in gray) == ["d1", "d2"]
    limited = cli("records", "--task", big, "--limit", "3", "--json").json()
    assert len(limited["script_records"]) == 3 and limited["more"] is True
    assert cli("records", "--task", small, "--limit", "5", "--json").json()["more"] is False
    shown = cli("records", "--task", big, "--limit", "3")
    assert len(shown.stdout.splitlines()) == 4 and "the first 3 shown; more match" in shown.stderr


def test_record_shows_its_output(cli: Cli, workspace_server: WorkspaceServer) -> None:
    workspace_server.set_outcome("success", output="C: 41 GB free\nD: 3 GB free")
    task_id = started(cli, "--script", "s1", "--desktop", "d1")
    [listed] = cli("records", "--task", task_id, "--json").json()["script_records"]
    shown = cli("record", listed["id"])
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.endswith("output:\nC: 41 GB free\nD: 3 GB free\n")
    assert cli("record", listed["id"], "--json").json()["output"] == "C: 41 GB free\nD: 3 GB free"
    missing = cli("record", "no-such-record")
    assert missing.exit_code == 3 and " 404 " in f" {missing.stderr.split('error: ')[1]}"


def test_stop_a_task_then_retry_what_did_not_succeed(cli: Cli, workspace_server: WorkspaceServer) -> None:
    workspace_server.set_outcome("hang")
    outcome = cli("run", "--script", "s1", "--desktop", "d1", "--desktop", "d2")
    assert outcome.exit_code == 0, outcome.stderr
    task_id = outcome.stdout.strip()
    stopped = cli("stop", "--task", task_id)
    assert stopped.exit_code == 0, stopped.stderr
    assert stopped.stdout == f"stop requested for task {task_id}\n"
    assert {record["status"] for record in workspace_server.records(task_id)} == {"STOPPED"}
    workspace_server.set_outcome("success")
    retried = cli("retry", "--task", task_id, "--wait", *FAST, "--json")
    assert retried.exit_code == 0, retried.stderr
    again = retried.json()
    assert again["task_id"] != task_id and again["counts"]["succeeded"] == 2


def test_stop_and_retry_need_exactly_one_target_and_send_nothing_otherwise(cli: Cli) -> None:
    with silent_listener() as listener:
        for command in ("stop", "retry"):
            for targets in ([], ["--task", "t", "--record", "r"]):
                outcome = cli("--endpoint", listener.url, command, *targets)
                assert outcome.exit_code == 2, (command, targets, outcome.stderr)
                assert "not sent: " in outcome.stderr
    assert listener.connections == 0


def test_scripts_create_list_show_update_delete(
    cli: Cli, workspace_server: WorkspaceServer, tmp_path: Path
) -> None:
    source = tmp_path / "clean-temp.ps1"
    source.write_text("Remove-Item $env:TEMP\\* -Recurse\n")
    created = cli("scripts", "create", "--file", str(source), "--description", "weekly")
    assert created.exit_code == 0, created.stderr
    script_id = created.stdout.strip()
    [stored] = workspace_server.scripts()
    assert (stored["id"], stored["name"], stored["type"]) == (script_id, "clean-temp", "POWERSHELL")

    listed = cli("scripts", "list", "--name", "clean", "--json").json()["scripts"]
    assert [script["id"] for script in listed] == [script_id]
    shown = cli("scripts", "show", script_id)
    assert shown.stdout.endswith("content:\nRemove-Item $env:TEMP\\* -Recurse\n\n")

    renamed = cli("scripts", "update", script_id, "--name", "clean-temp-v2")
    assert renamed.exit_code == 0, renamed.stderr
    [stored] = workspace_server.scripts()
    assert (stored["name"], stored["content"], stored["description"]) == (
        "clean-temp-v2", "Remove-Item $env:TEMP\\* -Recurse\n", "weekly",
    )  # fmt: skip

    deleted = cli("scripts", "delete", script_id, "--json")
    assert deleted.exit_code == 0 and deleted.json() == {"deleted": script_id}
    assert workspace_server.scripts() == []
    gone = cli("scripts", "show", script_id, "--json")
    assert gone.exit_code == 3 and gone.json()["error"]["status"] == 404


def test_scripts_create_needs_a_type_it_can_tell(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("echo hi\n")
    with silent_listener() as listener:
        outcome = cli("--endpoint", listener.url, "scripts", "create", "--file", str(source))
    assert outcome.exit_code == 2 and "--type is needed" in outcome.stderr
    assert listener.connections == 0


def test_records_history_needs_a_desktop_and_a_script_and_sends_nothing_without(cli: Cli) -> None:
    with silent_listener() as listener:
        outcome = cli("--endpoint", listener.url, "records", "--history", "--script-id", "s1")
    assert outcome.exit_code == 2
    [line] = outcome.stderr.splitlines()
    assert "not sent: " in line and "resource_id" in line and "--desktop" in line
    assert listener.connections == 0
