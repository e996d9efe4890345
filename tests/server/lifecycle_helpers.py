"""Small helpers for the lifecycle tests: paths, a frozen clock, outcome rules, reads through HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from reference_server import ReferenceApp
from reference_server.progress.outcomes import OutcomeRule

from .constants import AUTH, PROJECT

BASE = f"/v2/{PROJECT}"
SCRIPTS = f"{BASE}/scripts"
EXECUTE = f"{BASE}/script-executions"
BY_TAG = f"{BASE}/script-executions/by-desktop-tag"
STOP = f"{BASE}/script-executions/stop"
RETRY = f"{BASE}/script-executions/retry"
TASKS = f"{BASE}/script-execution-tasks"
RECORDS = f"{BASE}/script-execution-records"


def outcome(app: ReferenceApp, **fields: Any) -> None:
    app.service.outcomes.add(OutcomeRule.parse(fields, project_id=PROJECT))


def execute(client: httpx.Client, **body: Any) -> str:
    response = client.post(EXECUTE, json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    task_id: str = response.json()["task_id"]
    return task_id


def task(client: httpx.Client, task_id: str) -> dict[str, Any]:
    response = client.get(TASKS, params={"task_id": task_id}, headers=AUTH)
    assert response.status_code == 200, response.text
    (found,) = response.json()["script_tasks"]
    return found  # type: ignore[no-any-return]


def records(client: httpx.Client, task_id: str) -> list[dict[str, Any]]:
    response = client.get(RECORDS, params={"script_task_id": task_id, "limit": 100}, headers=AUTH)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["script_records"]
    return found


def statuses(client: httpx.Client, task_id: str) -> dict[str, str]:
    return {record["resource_id"]: record["status"] for record in records(client, task_id)}
