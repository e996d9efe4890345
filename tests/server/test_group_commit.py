"""Group commit: requests of one event-loop turn share a transaction; each gets its own committed id."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from typing import Any

from reference_server.group_commit import GroupCommit
from reference_server.store import TaskStore


class CountingStore(TaskStore):
    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []

    def add_many(self, items: Sequence[Any]) -> list[str]:
        self.batches.append(len(items))
        return super().add_many(items)


def test_concurrent_adds_share_one_transaction() -> None:
    store = CountingStore()
    writer = GroupCommit(store)

    async def scenario() -> list[str]:
        first = await asyncio.gather(*(writer.add("p", {"script_ids": [str(i)]}) for i in range(10)))
        second = await writer.add("p", {})
        return [*first, second]

    task_ids = asyncio.run(scenario())
    assert store.batches == [10, 1]
    assert len(set(task_ids)) == 11
    assert [task["task_id"] for task in store.all()] == task_ids
    assert [task["request"] for task in store.all()[:10]] == [{"script_ids": [str(i)]} for i in range(10)]


def test_a_failed_write_fails_every_waiting_request_and_stores_nothing() -> None:
    store = TaskStore()
    writer = GroupCommit(store)
    store._conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON tasks BEGIN SELECT RAISE(ABORT, 'full'); END")

    async def scenario() -> list[Any]:
        return await asyncio.gather(*(writer.add("p", {}) for _ in range(3)), return_exceptions=True)

    results = asyncio.run(scenario())
    assert all(isinstance(result, sqlite3.IntegrityError) for result in results)
    store._conn.execute("DROP TRIGGER refuse")
    assert store.all() == []
