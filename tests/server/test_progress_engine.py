"""The progress engine without HTTP: a catch-up on a quiet store costs no query, and stops being quiet
as soon as anything could be due (a write, the clock reaching a record, another process's write)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reference_server.progress import engine as engine_module
from reference_server.progress.clock import Clock
from reference_server.progress.engine import Engine
from reference_server.store import TaskStore

PROJECT = "p" * 32
REQUEST = {"resource_ids": ["d1", "d2"], "script_ids": ["s"]}


def statuses(store: TaskStore) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT status FROM records ORDER BY seq")]


@pytest.fixture
def frozen() -> Clock:
    clock = Clock()
    clock.freeze()
    return clock


def test_a_quiet_store_is_not_queried_again(frozen: Clock) -> None:
    store = TaskStore()
    engine = Engine(store, frozen)
    store.add(PROJECT, REQUEST)
    engine.run_until_idle()
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    for _ in range(3):
        engine.catch_up()
    frozen.advance(3600)
    engine.catch_up()
    assert statements == []
    store.add(PROJECT, REQUEST)  # a write: the next catch-up looks again, and writes the new records
    engine.catch_up()
    assert statements and len(statuses(store)) == 4


def test_the_clock_reaching_a_record_ends_the_quiet(frozen: Clock) -> None:
    store = TaskStore()
    engine = Engine(store, frozen)
    store.add(PROJECT, REQUEST)
    engine.catch_up()
    engine.catch_up()  # quiet until the records are due to start
    assert statuses(store) == ["WAITING", "WAITING"]
    frozen.advance(0.15)
    engine.catch_up()
    assert statuses(store) == ["RUNNING", "RUNNING"]


def test_another_processes_write_is_seen_once_the_quiet_is_rechecked(
    tmp_path: Path, frozen: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "tasks.sqlite3"
    store, other = TaskStore(db), TaskStore(db)
    engine = Engine(store, frozen)
    engine.catch_up()
    other.add(PROJECT, REQUEST)  # this connection's change count does not show it
    engine.catch_up()
    assert statuses(store) == []
    clock_of_recheck = engine_module.time.monotonic() + engine_module.QUIET_RECHECK_SECONDS
    monkeypatch.setattr(engine_module.time, "monotonic", lambda: clock_of_recheck)
    engine.catch_up()
    assert statuses(store) == ["WAITING", "WAITING"]
