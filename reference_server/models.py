"""State of the reference server, with no HTTP in sight: credentials, inventory, gray plans, tasks,
armed faults. Everything here can be driven directly from tests."""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import config_files, errors
from .errors import ServiceError


@dataclass(frozen=True)
class Credential:
    """What one caller may present: an IAM token, an AK/SK pair, or both, bound to one project."""

    project_id: str
    token: str | None = None
    ak: str | None = None
    sk: str | None = None

    def __post_init__(self) -> None:
        if not self.project_id:
            raise ValueError("a credential needs a project_id")
        for name in ("project_id", "token", "ak", "sk"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, str) and value):
                raise ValueError(
                    f"credential for project {self.project_id}: {name} must be a non-empty string"
                )
        if (self.ak is None) != (self.sk is None):
            raise ValueError("ak and sk go together")
        if self.token is None and self.ak is None:
            raise ValueError(f"credential for project {self.project_id} has neither a token nor an AK/SK")


@dataclass(frozen=True)
class Inventory:
    """Scripts and desktops that exist, per project. ``None`` means: every id exists."""

    projects: dict[str, tuple[frozenset[str], frozenset[str]]] | None = None

    @classmethod
    def load(cls, path: str | Path) -> Inventory:
        """Read ``{"projects": {"<id>": {"scripts": [...], "desktops": [...]}}}`` from YAML or JSON."""
        document = config_files.read(path, config_files.INVENTORY_FILE)
        projects = {
            project_id: (frozenset(entry.get("scripts", [])), frozenset(entry.get("desktops", [])))
            for project_id, entry in document["projects"].items()
        }
        return cls(projects)

    def check(self, project_id: str, request: dict[str, Any]) -> None:
        if self.projects is None:
            return
        scripts, desktops = self.projects.get(project_id, (frozenset(), frozenset()))
        for kind, known, field_names in (
            ("Script", scripts, ("script_ids",)),
            ("Desktop", desktops, ("resource_ids", "gray_resource_ids")),
        ):
            for name in field_names:
                for item in request.get(name, ()):
                    if item not in known:
                        raise ServiceError(errors.RESOURCE_NOT_FOUND, f"{kind} not found: {item}")


def gray_plan(request: dict[str, Any]) -> dict[str, Any] | None:
    """First batch (``gray_resource_ids``, else the first ``gray_count`` desktops), then the rest.

    ``None`` when the request asks for no gray rollout."""
    gray_ids = request.get("gray_resource_ids")
    gray_count = request.get("gray_count")
    if gray_ids is None and gray_count is None:
        return None
    resources = request.get("resource_ids", [])
    first = list(gray_ids) if gray_ids is not None else resources[:gray_count]
    in_first = set(first)
    return {
        "first_batch": first,
        "remaining": [resource for resource in resources if resource not in in_first],
        "fail_threshold": request.get("gray_fail_threshold"),
    }


def new_task_id() -> str:
    """32 hex digits: microseconds since the epoch, then 72 random bits. Ids of later tasks sort later,
    so the unique index on task_id grows at its end instead of being written all over."""
    return f"{time.time_ns() // 1000:014x}{secrets.token_hex(9)}"


INSERT_TASK = "INSERT INTO tasks (task_id, project_id, request, created_at, gray_plan) VALUES (?,?,?,?,?)"


class TaskStore:
    """Tasks in SQLite. WAL with synchronous=NORMAL: a committed task survives the process being
    killed (it is in the OS's page cache), and a commit costs no fsync."""

    def __init__(self, db: str | Path = ":memory:") -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(db), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS tasks (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            " task_id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL, request TEXT NOT NULL,"
            " created_at TEXT NOT NULL, gray_plan TEXT)"
        )

    def add(self, project_id: str, request: dict[str, Any]) -> str:
        """Store a new task and return its id; the row is committed when this returns."""
        return self.add_many([(project_id, request)])[0]

    def add_many(self, items: list[tuple[str, dict[str, Any]]]) -> list[str]:
        """Store several tasks in one transaction (one WAL append, much cheaper than one per task)."""
        created_at = datetime.now(UTC).isoformat(timespec="microseconds")
        rows = []
        for project_id, request in items:
            plan = gray_plan(request)
            plan_json = None if plan is None else json.dumps(plan)
            rows.append((new_task_id(), project_id, json.dumps(request), created_at, plan_json))
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                self._conn.executemany(INSERT_TASK, rows)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        return [row[0] for row in rows]

    def all(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT task_id, project_id, request, created_at, gray_plan FROM tasks ORDER BY seq"
            ).fetchall()
        return [
            {
                "task_id": task_id,
                "project_id": project_id,
                "request": json.loads(request),
                "created_at": created_at,
                "gray_plan": None if plan is None else json.loads(plan),
            }
            for task_id, project_id, request, created_at, plan in rows
        ]

    def clear(self) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM tasks")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


@dataclass(frozen=True)
class Fault:
    status: int | None
    delay_seconds: float


class FaultPlan:
    """The next N service requests get a fault: a delay, then an error status (or normal handling)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._remaining = 0
        self._fault = Fault(None, 0.0)

    def arm(self, count: int, status: int | None, delay_seconds: float = 0.0) -> None:
        if status is not None and status not in errors.FAULT_CODES:
            raise ValueError(f"fault status must be one of {sorted(errors.FAULT_CODES)} or None")
        with self._lock:
            self._remaining, self._fault = count, Fault(status, delay_seconds)

    def take(self) -> Fault | None:
        if not self._remaining:  # fast path without the lock: usually nothing is armed
            return None
        with self._lock:
            if not self._remaining:
                return None
            self._remaining -= 1
            return self._fault

    def clear(self) -> None:
        self.arm(0, None)


class ScriptService:
    """The operation itself, once the caller is authenticated and the body validated."""

    def __init__(self, store: TaskStore, inventory: Inventory | None = None) -> None:
        self.store = store
        self.inventory = inventory or Inventory()
        self.faults = FaultPlan()

    def admit(self, project_id: str, request: dict[str, Any]) -> None:
        """Everything short of storing: ServiceError when the request cannot become a task."""
        self.inventory.check(project_id, request)

    def execute(self, project_id: str, request: dict[str, Any]) -> str:
        self.admit(project_id, request)
        return self.store.add(project_id, request)

    def reset(self) -> None:
        self.store.clear()
        self.faults.clear()
