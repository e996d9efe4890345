"""The progress engine: brings every record to where the clock says it is, and keeps each task's
status, counts and time window in step with its records.

A record's course is fixed by when it was released (its batch allowed to start), its planned outcome and
its timeout: it starts ``START_DELAY_SECONDS`` after release, and ends after its run time, or as TIMEOUT
when that is longer than the timeout (a ``hang`` never ends by itself). So the state at any instant is a
function of the clock alone: catching up once or a hundred times gives the same result, and a restart
(the store holds release times and outcomes) carries on where the clock is. Work happens when someone
looks (each request catches up first) or when a test moves the clock; nothing runs in the background.

Gray batches: the rest of a task is held (no release time) until every gray record is final; then, at
the moment the last one ended, it is either released or, when the gray batch's failures (FAILED and
TIMEOUT) are MORE THAN ``gray_fail_threshold``, skipped (assumption: the page leaves the edge open)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from typing import Any, NamedTuple

from ..store import RECORD_CHUNKS_OF_NEW, RECORD_JSON_OF_NEW, TaskStore
from .clock import Clock
from .outcomes import START_DELAY_SECONDS, planned

FINAL = ("SUCCESS", "FAILED", "TIMEOUT", "STOPPED", "SKIPPED")
UNFINISHED = ("WAITING", "RUNNING")
UPDATE_RECORD = (
    "UPDATE records SET status=?, start_time=?, end_time=?, due_at=?, result_code=?, reason=?, output=?,"
    " released_at=? WHERE seq=?"
)
INSERT_RECORD = (
    "INSERT INTO records (record_id, task_id, pos, project_id, task_type, script_id, script_name, command,"
    " resource_id, resource_name, resource_type, execute_order, status, outcome, timeout_seconds,"
    " released_at, due_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'WAITING',?,?,?,?)"
)
Course = tuple[str, float | None, float | None, float | None, str | None, str | None, str | None]
# How long a quiet store is trusted without looking: writes through another connection to the same file
# (another process) do not show in this connection's change count.
QUIET_RECHECK_SECONDS = 1.0


class _Quiet(NamedTuple):
    """What a catch-up that found nothing more to do saw: this connection's change count, the next due
    record's instant and when to look again regardless. While the count stands and the clock is before
    that instant, a catch-up has nothing to do (every record's course is fixed until it is due): a poller
    then costs no query for it."""

    changes: int
    next_due: float | None
    recheck_at: float

    def holds(self, conn: sqlite3.Connection, now: float) -> bool:
        return (
            conn.total_changes == self.changes
            and (self.next_due is None or now < self.next_due)
            and time.monotonic() < self.recheck_at
        )


def course_at(released: float, outcome: dict[str, Any], timeout: float, now: float) -> Course:
    """(status, start_time, end_time, due_at, result_code, reason, output) of a record released at
    ``released``, seen at ``now``."""
    start = released + START_DELAY_SECONDS
    if now < start:
        return "WAITING", None, None, start, None, None, None
    run = float("inf") if outcome["result"] == "hang" else float(outcome["seconds"])
    timed_out = run > timeout
    end = start + (timeout if timed_out else run)
    if now < end:
        return "RUNNING", start, None, end, None, None, None
    if timed_out:
        minutes = f"{timeout / 60:g}"
        reason = f"The execution did not end within execution_timeout ({minutes} minute(s))."
        return "TIMEOUT", start, end, None, None, reason, outcome.get("output")
    status = "SUCCESS" if outcome["result"] == "success" else "FAILED"
    return status, start, end, None, outcome.get("result_code"), outcome.get("reason"), outcome.get("output")


class Engine:
    def __init__(self, store: TaskStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._quiet: _Quiet | None = None

    def catch_up(self) -> float:
        """Apply everything due by now; the instant caught up to. A write only when something is due."""
        now = self.clock.now()
        with self.store.lock:
            conn = self.store.conn
            if self._quiet is not None and self._quiet.holds(conn, now):
                return now
            unwritten = conn.execute("SELECT 1 FROM tasks WHERE plan IS NOT NULL LIMIT 1").fetchone()
            if (
                unwritten
                or conn.execute("SELECT 1 FROM records WHERE due_at <= ? LIMIT 1", (now,)).fetchone()
            ):
                with self.store.transaction() as conn:
                    if unwritten:
                        self.materialize(conn)
                    self._advance(conn, now)
            (next_due,) = conn.execute("SELECT min(due_at) FROM records WHERE due_at IS NOT NULL").fetchone()
            self._quiet = _Quiet(conn.total_changes, next_due, time.monotonic() + QUIET_RECHECK_SECONDS)
        return now

    @staticmethod
    def materialize(conn: sqlite3.Connection) -> None:
        """Write the records that accepted tasks carry in their row (``plan``) into the records table:
        a task's first batch (or all of it) released when it was accepted, the rest held. Record ids are
        the task's id and the record's place in it."""
        rows = conn.execute(
            "SELECT task_id, project_id, task_type, resource_type, planned_at, timeout_seconds, plan"
            " FROM tasks WHERE plan IS NOT NULL ORDER BY seq"
        ).fetchall()
        inserts = []
        for task_id, project_id, task_type, resource_type, planned_at, timeout, plan_text in rows:
            plan = json.loads(plan_text)
            desktops, scripts, command, first = (
                plan["desktops"],
                plan["scripts"],
                plan["command"],
                plan["first"],
            )
            outcomes, names = plan["outcomes"], plan["desktop_names"]
            pairs = plan["pairs"] or [(d, s) for d in range(len(desktops)) for s in range(len(scripts))]
            for index, (d, s) in enumerate(pairs):
                desktop, (script_id, script_name) = desktops[d], scripts[s]
                order = (1 if d < first else 2) if first else 0
                released = None if order == 2 else planned_at  # the rest waits for the gray batch
                outcome = outcomes.get(f"{d},{s}") or planned(None, desktop, script_id, script_name, command)
                inserts.append(
                    (
                        f"{task_id}{index:05x}",
                        task_id,
                        index,
                        project_id,
                        task_type,
                        script_id,
                        script_name,
                        command,
                        desktop,
                        names.get(desktop, desktop),
                        resource_type,
                        order,
                        json.dumps(outcome),
                        timeout,
                        released,
                        None if released is None else released + START_DELAY_SECONDS,
                    )
                )
        (before,) = conn.execute("SELECT coalesce(max(seq), 0) FROM records").fetchone()
        conn.executemany(INSERT_RECORD, inserts)  # in order, one task after another: see the records' layout
        conn.execute(RECORD_JSON_OF_NEW, (before,))
        conn.execute(RECORD_CHUNKS_OF_NEW, (before,))
        conn.execute("UPDATE tasks SET plan = NULL WHERE plan IS NOT NULL")

    def advance(self, seconds: float) -> float:
        self.clock.advance(seconds)
        return self.catch_up()

    def run_until_idle(self) -> float:
        """Move the clock to the moment nothing is pending any more (every record final, hangs timed out)
        and catch up; the instant reached."""
        while True:
            self.catch_up()  # writes the records of tasks accepted since the last step
            with self.store.lock:
                (last,) = self.store.conn.execute(
                    "SELECT max(due_at) FROM records WHERE due_at IS NOT NULL"
                ).fetchone()
            if last is None:
                return self.clock.now()
            self.clock.jump_to(last)
            self.catch_up()

    def pending(self) -> int:
        """Records not final yet."""
        self.catch_up()
        with self.store.lock:
            (count,) = self.store.conn.execute(
                "SELECT count(*) FROM records WHERE status IN ('WAITING', 'RUNNING')"
            ).fetchone()
        return int(count)

    def _advance(self, conn: sqlite3.Connection, now: float) -> None:
        rows = conn.execute(
            "SELECT seq, task_id, released_at, outcome, timeout_seconds FROM records WHERE due_at <= ?",
            (now,),
        ).fetchall()
        updates = []
        for seq, _task_id, released, outcome, timeout in rows:
            updates.append((*course_at(released, json.loads(outcome), timeout, now), released, seq))
        conn.executemany(UPDATE_RECORD, updates)
        self.settle(conn, {row[1] for row in rows}, now)

    def settle(self, conn: sqlite3.Connection, task_ids: Iterable[str], now: float) -> None:
        """Release or skip held batches whose gray batch is final, then refresh the tasks' summaries."""
        task_ids = list(task_ids)
        for task_id in task_ids:
            self._release_held(conn, task_id, now)
        for task_id in task_ids:
            refresh_task(conn, task_id)

    def _release_held(self, conn: sqlite3.Connection, task_id: str, now: float) -> None:
        held = conn.execute(
            "SELECT seq, outcome, timeout_seconds FROM records"
            " WHERE task_id = ? AND status = 'WAITING' AND released_at IS NULL",
            (task_id,),
        ).fetchall()
        if not held:
            return
        unfinished, failures, last_end = conn.execute(
            "SELECT sum(status IN ('WAITING', 'RUNNING')), sum(status IN ('FAILED', 'TIMEOUT')),"
            " max(end_time) FROM records WHERE task_id = ? AND execute_order = 1",
            (task_id,),
        ).fetchone()
        if unfinished:
            return
        (threshold,) = conn.execute(
            "SELECT fail_threshold FROM tasks WHERE task_id = ?", (task_id,)
        ).fetchone()
        when = last_end if last_end is not None else now
        if threshold is not None and (failures or 0) > threshold:
            reason = (
                f"Skipped: {failures} record(s) of the gray batch failed, more than gray_fail_threshold"
                f" ({threshold})."
            )
            conn.execute(
                "UPDATE records SET status = 'SKIPPED', end_time = ?, reason = ?, due_at = NULL"
                " WHERE task_id = ? AND status = 'WAITING' AND released_at IS NULL",
                (when, reason, task_id),
            )
            return
        conn.executemany(
            UPDATE_RECORD,
            [
                (*course_at(when, json.loads(outcome), timeout, now), when, seq)
                for seq, outcome, timeout in held
            ],
        )

    def stop(self, conn: sqlite3.Connection, where: str, value: str, now: float) -> list[str]:
        """Stop the unfinished records selected by ``where`` (``task_id`` or ``record_id``); the ids of
        the tasks touched. Final records stay as they are."""
        column = {"task_id": "task_id", "record_id": "record_id"}[where]
        touched = [
            row[0]
            for row in conn.execute(
                f"SELECT DISTINCT task_id FROM records WHERE {column} = ?",  # noqa: S608 (fixed names)
                (value,),
            )
        ]
        conn.execute(
            "UPDATE records SET status = 'STOPPED', end_time = ?, due_at = NULL,"  # noqa: S608
            f" reason = 'Stopped by StopScriptExecution.' WHERE {column} = ?"
            " AND status IN ('WAITING', 'RUNNING')",
            (now, value),
        )
        self.settle(conn, touched, now)
        return touched


def refresh_task(conn: sqlite3.Connection, task_id: str) -> None:
    """A task's counts, status and window from its records (assumption for the status and counts:
    success_num = SUCCESS; failed_num = FAILED + TIMEOUT; skip_num = SKIPPED + STOPPED)."""
    row = conn.execute(
        "SELECT count(*), sum(status = 'SUCCESS'), sum(status IN ('FAILED', 'TIMEOUT')),"
        " sum(status IN ('SKIPPED', 'STOPPED')), sum(status IN ('WAITING', 'RUNNING')),"
        " sum(status = 'STOPPED'), sum(status IN ('FAILED', 'TIMEOUT', 'SKIPPED')),"
        " sum(status <> 'WAITING' OR start_time IS NOT NULL), min(start_time), max(end_time)"
        " FROM records WHERE task_id = ?",
        (task_id,),
    ).fetchone()
    total, success, failed, skipped, unfinished, stopped, bad, begun, start, end = (
        value or 0 for value in row
    )
    if not total:
        return
    if unfinished:
        status = "RUNNING" if begun else "WAITING"
        end = None
    else:
        status = "STOPPED" if stopped else "FAILED" if bad else "SUCCESS"
    conn.execute(
        "UPDATE tasks SET status=?, success_num=?, failed_num=?, skip_num=?, start_time=?, end_time=?"
        " WHERE task_id=?",
        (status, success, failed, skipped, start or None, end or None, task_id),
    )
