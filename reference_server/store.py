"""The one SQLite store (scripts, tasks, records), and how storage failures reach callers: a write that
fails before its commit is a 503 (nothing was carried out, so a retry is safe); a file that cannot serve
as the store stops start-up. Every write is committed before the request that made it is answered."""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import errors
from .errors import ServiceError
from .executions.plan import NewTask, plan_task

# How long a write waits for another process's lock before giving up. The event loop waits with it, so
# it stays short: a lock held longer is answered with a 503.
BUSY_TIMEOUT_SECONDS = 1.0
# Bumped when the tables change: a file written by another layout is refused at start-up, not misread.
SCHEMA_VERSION = 7
# A task's records are also kept joined ten places at a time (``record_chunks``): a page that starts and
# ends on those places is read as ten rows instead of a hundred.
RECORDS_PER_CHUNK = 10

# A record as ListScriptRecords shows it (a ScriptRecordSimpleInfo), written by SQLite itself into
# ``record_json`` whenever the record is written (triggers), so a page of 100 is read as one string
# instead of being built per request. ``records.models.record_info`` builds the same object in Python
# for the detail; a test holds the two equal. Times as ``iso_time`` writes them (truncated to the second).
_ISO = "replace(datetime(CAST({} AS INTEGER), 'unixepoch'), ' ', 'T') || 'Z'"


def _record_json(row: str) -> str:
    """The JSON object of the record ``row`` (``NEW`` in a trigger)."""
    return (
        f"json_object('id', {row}.record_id, 'script_id', {row}.script_id, 'script_name', {row}.script_name,"
        f" 'script_task_id', {row}.task_id, 'resource_id', {row}.resource_id, 'resource_name',"
        f" {row}.resource_name, 'resource_type', {row}.resource_type, 'start_time',"
        f" {_ISO.format(row + '.start_time')}, 'end_time', {_ISO.format(row + '.end_time')}, 'status',"
        f" {row}.status, 'execute_order', {row}.execute_order, 'result_code', {row}.result_code, 'reason',"
        f" {row}.reason)"
    )


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS tasks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL,
    request TEXT NOT NULL, created_at TEXT NOT NULL, gray_plan TEXT, origin TEXT NOT NULL,
    task_type TEXT NOT NULL, scripts TEXT NOT NULL, resource_type TEXT, resource_ids TEXT NOT NULL,
    gray_resource_ids TEXT NOT NULL, fail_threshold INTEGER, retry_of TEXT,
    status TEXT NOT NULL, success_num INTEGER NOT NULL DEFAULT 0, failed_num INTEGER NOT NULL DEFAULT 0,
    skip_num INTEGER NOT NULL DEFAULT 0, start_time REAL, end_time REAL,
    planned_at REAL NOT NULL, timeout_seconds REAL NOT NULL, plan TEXT);
CREATE INDEX IF NOT EXISTS tasks_by_project ON tasks (project_id, seq);
CREATE INDEX IF NOT EXISTS tasks_to_materialize ON tasks (seq) WHERE plan IS NOT NULL;
CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT UNIQUE NOT NULL, task_id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    project_id TEXT NOT NULL, task_type TEXT NOT NULL, script_id TEXT, script_name TEXT,
    command TEXT, resource_id TEXT NOT NULL, resource_name TEXT, resource_type TEXT,
    execute_order INTEGER NOT NULL, status TEXT NOT NULL, start_time REAL, end_time REAL,
    result_code TEXT, reason TEXT, output TEXT,
    outcome TEXT NOT NULL, timeout_seconds REAL NOT NULL, released_at REAL, due_at REAL);
-- Each record's listing JSON, in a table of its own with the same ``seq``: a page of a hundred is a range
-- of small rows (half the memory a range of whole records touches, so a page reads in three quarters of
-- the time). New records get theirs in one statement (``RECORD_JSON_OF_NEW``, a trigger per row costs as
-- much again as the records' own insert); the triggers below follow every later change.
CREATE TABLE IF NOT EXISTS record_json (seq INTEGER PRIMARY KEY, task_id TEXT NOT NULL, info TEXT NOT NULL);
-- The same JSON joined by ", " per chunk of a task: its records at places 10k to 10k+9 in order, under the
-- ``seq`` of the first. ``RECORD_CHUNKS_OF_NEW`` writes them; the triggers follow every change of a
-- record's JSON and drop a chunk with its records (a task's go all together).
CREATE TABLE IF NOT EXISTS record_chunks (
    first_seq INTEGER PRIMARY KEY, task_id TEXT NOT NULL, info TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS record_json_on_update AFTER UPDATE ON records BEGIN
    UPDATE record_json SET info = {_record_json("NEW")} WHERE seq = NEW.seq;
END;
-- A record's JSON names its own id, so it is in its chunk exactly once: replaced there in place.
CREATE TRIGGER IF NOT EXISTS record_chunk_on_update AFTER UPDATE ON record_json
WHEN OLD.info IS NOT NEW.info BEGIN
    UPDATE record_chunks SET info = replace(info, OLD.info, NEW.info)
        WHERE first_seq = NEW.seq - (SELECT pos FROM records WHERE seq = NEW.seq) % {RECORDS_PER_CHUNK};
END;
CREATE TRIGGER IF NOT EXISTS record_json_on_delete AFTER DELETE ON records BEGIN
    DELETE FROM record_json WHERE seq = OLD.seq;
    DELETE FROM record_chunks WHERE first_seq = OLD.seq - OLD.pos % {RECORDS_PER_CHUNK};
END;
-- A task's records by their place in it (``pos``: 0, 1, ... in the order of the request; a task's
-- records are written once, all together in that order, so their ``seq`` follow one another, and never
-- removed one by one): polling a task (ListScriptRecords with script_task_id) reads its count and first
-- ``seq`` at the last place and its page as a range of ``seq``, walking nothing.
CREATE INDEX IF NOT EXISTS records_of_project_task ON records (project_id, task_id, pos);
CREATE INDEX IF NOT EXISTS records_by_task ON records (task_id, seq);
CREATE INDEX IF NOT EXISTS records_by_project ON records (project_id, seq);
CREATE INDEX IF NOT EXISTS records_due ON records (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS scripts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, script_id TEXT NOT NULL, project_id TEXT NOT NULL,
    name TEXT NOT NULL, type TEXT NOT NULL, description TEXT, content TEXT NOT NULL, version TEXT,
    create_time REAL NOT NULL, update_time REAL NOT NULL, UNIQUE (project_id, script_id));
"""

# The listing JSON of the records written after ``seq`` ?, in the same transaction as they are.
RECORD_JSON_OF_NEW = (
    "INSERT INTO record_json (seq, task_id, info)"  # noqa: S608 (a constant)
    f" SELECT seq, task_id, {_record_json('records')} FROM records WHERE seq > ?"
)
# The chunks of those records, once their listing JSON is written: one per record at the start of one.
RECORD_CHUNKS_OF_NEW = (
    "INSERT INTO record_chunks (first_seq, task_id, info)"  # noqa: S608 (constants)
    " SELECT seq, task_id, (SELECT group_concat(info, ', ') FROM (SELECT info FROM record_json AS json"
    f" WHERE json.seq >= records.seq AND json.seq < records.seq + {RECORDS_PER_CHUNK}"
    " AND json.task_id = records.task_id ORDER BY json.seq))"
    f" FROM records WHERE seq > ? AND pos % {RECORDS_PER_CHUNK} = 0"
)

INSERT_TASK = (
    "INSERT INTO tasks (task_id, project_id, request, created_at, gray_plan, origin, task_type, scripts,"
    " resource_type, resource_ids, gray_resource_ids, fail_threshold, retry_of, status, planned_at,"
    " timeout_seconds, plan) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


class StoreUnusable(ValueError):
    """The database file cannot be opened or is not a SQLite database; the message is one line."""


class StorageUnavailable(ServiceError):
    """A write failed before it committed (disk full, read-only file, database locked): nothing stored."""

    def __init__(self, cause: sqlite3.Error) -> None:
        super().__init__(
            errors.UNAVAILABLE,
            f"Service temporarily unavailable: the change could not be stored ({cause}); nothing was"
            " stored, try again later.",
        )


def new_id() -> str:
    """32 hex digits: microseconds since the epoch, then 72 random bits. Later ids sort later, so the
    unique indexes grow at their end instead of being written all over."""
    return f"{time.time_ns() // 1000:014x}{secrets.token_hex(9)}"


new_task_id = new_id
# SQLite integers are 64-bit; the contract bounds no count from above. A threshold past this can never
# be exceeded by a count of records, so storing it clamped changes nothing it decides.
MAX_STORED_INT = 2**62


def _column_int(value: int | None) -> int | None:
    return None if value is None else min(value, MAX_STORED_INT)


class TaskStore:
    """WAL with synchronous=NORMAL: a committed row survives the process being killed (it is in the OS's
    page cache), and a commit costs no fsync. One connection, guarded by a lock: the event loop and a
    test's own thread (the pytest plugin) may both use it."""

    def __init__(self, db: str | Path = ":memory:") -> None:
        self.lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(
                str(db), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            tables = self._conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables and version != SCHEMA_VERSION:
                self._conn.close()
                raise StoreUnusable(
                    f"cannot use {db} as the task database: it was written by another version of the"
                    f" reference server (layout {version}, this one reads {SCHEMA_VERSION})"
                )
            self._conn.executescript(SCHEMA)
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise StoreUnusable(f"cannot use {db} as the task database: {exc}") from None

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, for reads made while holding ``lock``."""
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed write. StorageUnavailable when the database refuses it; then nothing is stored."""
        with self.lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")  # take the write lock now: a busy file fails here
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                self._roll_back()
                if isinstance(exc, sqlite3.OperationalError):
                    raise StorageUnavailable(exc) from exc
                raise

    def _roll_back(self) -> None:
        if self._conn.in_transaction:
            # Failing, it means SQLite has rolled back by itself (an I/O error does that).
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def add(self, project_id: str, request: dict[str, Any]) -> str:
        """Store a new task (with its records) and return its id; committed when this returns."""
        return self.add_many([(project_id, request)])[0]

    def add_many(self, items: Sequence[NewTask | tuple[str, dict[str, Any]]]) -> list[str]:
        """Store several tasks in one transaction (one WAL append, much cheaper than one per task). A
        ``(project_id, request)`` pair is planned with the defaults (every script and desktop known,
        every record succeeding). StorageUnavailable when the database refuses the write: none stored."""
        now = time.time()
        tasks = [item if isinstance(item, NewTask) else plan_task(item[0], item[1], now) for item in items]
        created_at = datetime.now(UTC).isoformat(timespec="microseconds")
        rows = []
        for task in tasks:
            # The records travel in the task's row (NewTask.plan); the progress engine writes them into
            # the records table on its next step, so an execution over 1,000 desktops costs one row here.
            rows.append(
                (
                    task.task_id,
                    task.project_id,
                    json.dumps(task.request),
                    created_at,
                    None if task.gray_plan is None else json.dumps(task.gray_plan),
                    task.origin,
                    task.task_type,
                    json.dumps(task.scripts),
                    task.resource_type,
                    json.dumps(task.resource_ids),
                    json.dumps(task.gray_resource_ids),
                    _column_int(task.fail_threshold),
                    task.retry_of,
                    "WAITING"
                    if task.record_count
                    else "SUCCESS",  # nothing to run: done at once (assumption)
                    task.planned_at,
                    task.timeout_seconds,
                    json.dumps(task.plan) if task.record_count else None,
                )
            )
        with self.transaction() as conn:
            conn.executemany(INSERT_TASK, rows)
        return [task.task_id for task in tasks]

    def all(self) -> list[dict[str, Any]]:
        """Every task, oldest first: what ``GET /_reference/tasks`` lists."""
        with self.lock:
            rows = self._conn.execute(
                "SELECT task_id, project_id, request, created_at, gray_plan, task_type, status, success_num,"
                " failed_num, skip_num, origin, retry_of FROM tasks ORDER BY seq"
            ).fetchall()
        return [
            {
                "task_id": task_id,
                "project_id": project_id,
                "request": json.loads(request),
                "created_at": created_at,
                "gray_plan": None if plan is None else json.loads(plan),
                "task_type": task_type,
                "status": status,
                "success_num": success,
                "failed_num": failed,
                "skip_num": skipped,
                "origin": origin,
                "retry_of": retry_of,
            }
            for (
                task_id,
                project_id,
                request,
                created_at,
                plan,
                task_type,
                status,
                success,
                failed,
                skipped,
                origin,
                retry_of,
            ) in rows
        ]

    def clear(self) -> None:
        with self.transaction() as conn:
            for table in ("records", "tasks", "scripts"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)

    def close(self) -> None:
        with self.lock:
            self._conn.close()
