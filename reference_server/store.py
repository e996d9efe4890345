"""Tasks in SQLite, and how storage failures reach callers: a write that fails before its commit is a
503 (nothing was carried out, so a retry is safe); a file that cannot serve as the store stops start-up."""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import errors
from .errors import ServiceError
from .gray_plan import gray_plan

# How long a write waits for another process's lock before giving up. The event loop waits with it, so
# it stays short: a lock held longer is answered with a 503.
BUSY_TIMEOUT_SECONDS = 1.0

INSERT_TASK = "INSERT INTO tasks (task_id, project_id, request, created_at, gray_plan) VALUES (?,?,?,?,?)"


class StoreUnusable(ValueError):
    """The database file cannot be opened or is not a SQLite database; the message is one line."""


class StorageUnavailable(ServiceError):
    """A write failed before it committed (disk full, read-only file, database locked): nothing stored."""

    def __init__(self, cause: sqlite3.Error) -> None:
        super().__init__(
            errors.UNAVAILABLE,
            f"Service temporarily unavailable: the task could not be stored ({cause}); nothing was"
            " stored, try again later.",
        )


def new_task_id() -> str:
    """32 hex digits: microseconds since the epoch, then 72 random bits. Ids of later tasks sort later,
    so the unique index on task_id grows at its end instead of being written all over."""
    return f"{time.time_ns() // 1000:014x}{secrets.token_hex(9)}"


class TaskStore:
    """WAL with synchronous=NORMAL: a committed task survives the process being killed (it is in the OS's
    page cache), and a commit costs no fsync."""

    def __init__(self, db: str | Path = ":memory:") -> None:
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(
                str(db), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS tasks (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " task_id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL, request TEXT NOT NULL,"
                " created_at TEXT NOT NULL, gray_plan TEXT)"
            )
        except sqlite3.Error as exc:
            raise StoreUnusable(f"cannot use {db} as the task database: {exc}") from None

    def add(self, project_id: str, request: dict[str, Any]) -> str:
        """Store a new task and return its id; the row is committed when this returns."""
        return self.add_many([(project_id, request)])[0]

    def add_many(self, items: list[tuple[str, dict[str, Any]]]) -> list[str]:
        """Store several tasks in one transaction (one WAL append, much cheaper than one per task).
        StorageUnavailable when the database refuses the write; then none of them is stored."""
        created_at = datetime.now(UTC).isoformat(timespec="microseconds")
        rows = []
        for project_id, request in items:
            plan = gray_plan(request)
            plan_json = None if plan is None else json.dumps(plan)
            rows.append((new_task_id(), project_id, json.dumps(request), created_at, plan_json))
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")  # take the write lock now: a busy file fails here
                self._conn.executemany(INSERT_TASK, rows)
                self._conn.execute("COMMIT")
            except BaseException as exc:
                self._roll_back()
                if isinstance(exc, sqlite3.OperationalError):
                    raise StorageUnavailable(exc) from exc
                raise
        return [row[0] for row in rows]

    def _roll_back(self) -> None:
        if self._conn.in_transaction:
            # Failing, it means SQLite has rolled back by itself (an I/O error does that).
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

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
