"""kill -9 in the middle of a running task: after a restart the task carries on from the stored state
(the decision in docs/lifecycle.md) and ends as it would have."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx
import yaml

from .constants import AUTH, PROJECT
from .lifecycle_helpers import EXECUTE, RECORDS, TASKS
from .polling import eventually
from .test_load import start_server


def served(db: Path, inventory: Path) -> tuple[subprocess.Popen[str], str]:
    return start_server(db, ["--inventory", str(inventory)])


def test_a_task_running_at_kill_9_carries_on_after_the_restart(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.yaml"
    outcomes = [{"desktop": "slow", "result": "success", "seconds": 2, "output": "done slowly"}]
    projects = {PROJECT: {"desktops": ["slow", "rest"], "scripts": ["s"], "outcomes": outcomes}}
    inventory.write_text(yaml.safe_dump({"projects": projects}))
    db = tmp_path / "tasks.db"
    process, url = served(db, inventory)
    try:
        body = {
            "resource_ids": ["slow", "rest"],
            "script_ids": ["s"],
            "gray_count": 1,
            "gray_fail_threshold": 0,
        }
        task_id = httpx.post(url + EXECUTE, json=body, headers=AUTH).json()["task_id"]

        def slow_is_running() -> bool:
            listed = httpx.get(url + RECORDS, params={"script_task_id": task_id}, headers=AUTH).json()
            return [r["status"] for r in listed["script_records"]] == ["RUNNING", "WAITING"]

        eventually(slow_is_running, within=10)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        process.kill()
    restarted, url = served(db, inventory)
    try:

        def finished() -> dict[str, object] | None:
            (task,) = httpx.get(url + TASKS, params={"task_id": task_id}, headers=AUTH).json()["script_tasks"]
            return task if task["status"] not in ("WAITING", "RUNNING") else None

        task = eventually(finished, within=15)
        assert task is not None
        assert (task["status"], task["success_num"]) == ("SUCCESS", 2)
        slow, rest = httpx.get(url + RECORDS, params={"script_task_id": task_id}, headers=AUTH).json()[
            "script_records"
        ]
        assert (slow["resource_id"], rest["resource_id"]) == ("slow", "rest")
        assert rest["start_time"] >= slow["end_time"] and rest["execute_order"] == 2
        detail = httpx.get(f"{url}{RECORDS}/{slow['id']}", headers=AUTH).json()
        assert detail["output"] == "done slowly"
    finally:
        restarted.kill()
        restarted.wait()
