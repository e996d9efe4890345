"""Tasks as ListScriptTasks lists them (their summaries are kept current by the progress engine)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..filters import any_of, counted_page, time_window
from ..progress.clock import iso_time
from ..store import TaskStore

COLUMNS = (
    "task_id, scripts, resource_type, resource_ids, gray_resource_ids, success_num, failed_num, skip_num,"
    " start_time, end_time, status"
)


def task_info(row: tuple[Any, ...]) -> dict[str, Any]:
    """A ScriptTaskInfo."""
    task_id, scripts, kind, resources, gray, success, failed, skipped, start, end, status = row
    return {
        "id": task_id,
        "task_scripts": json.loads(scripts),
        "resource_type": kind,
        "resource_ids": json.loads(resources),
        "gray_resource_ids": json.loads(gray),
        "success_num": success,
        "failed_num": failed,
        "skip_num": skipped,
        "start_time": iso_time(start),
        "end_time": iso_time(end),
        "status": status,
    }


def list_tasks(store: TaskStore, project_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
    """One page, newest task first (assumption: the page states no order)."""
    where, params = ["project_id = ?"], [project_id]
    if "resource_group_id" in query or "resource_group_type" in query:
        where.append("0")  # no task of this server runs on a resource group (assumption)
    if "task_id" in query:
        any_of("task_id", query["task_id"], where, params)
    if "script_id" in query:
        where.append("EXISTS (SELECT 1 FROM json_each(tasks.scripts) WHERE value ->> '$.id' = ?)")
        params.append(query["script_id"])
    if "script_name" in query:  # substring (assumption)
        where.append("EXISTS (SELECT 1 FROM json_each(tasks.scripts) WHERE instr(value ->> '$.name', ?) > 0)")
        params.append(query["script_name"])
    for name in ("status", "task_type"):
        if name in query:
            where.append(f"{name} = ?")
            params.append(query[name])
    time_window(query, "start_time", where, params)
    count, rows = counted_page(store, "tasks", COLUMNS, where, params, "seq DESC", query)
    return {"count": count, "script_tasks": [task_info(row) for row in rows]}


def task_row(store: TaskStore, project_id: str, task_id: str) -> dict[str, Any] | None:
    """The stored task (request, kind, gray plan, status) of the project, or None."""
    with store.lock:
        row = store.conn.execute(
            "SELECT task_id, request, task_type, status, resource_type FROM tasks"
            " WHERE project_id = ? AND task_id = ?",
            (project_id, task_id),
        ).fetchone()
    if row is None:
        return None
    return {
        "task_id": row[0],
        "request": json.loads(row[1]),
        "task_type": row[2],
        "status": row[3],
        "resource_type": row[4],
    }
