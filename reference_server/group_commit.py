"""Group commit: the tasks of all requests handled in the same event-loop turn are written in one
SQLite transaction, and each request is answered only after that transaction committed."""

from __future__ import annotations

import asyncio
from typing import Any

from .executions.plan import NewTask
from .store import TaskStore

Item = NewTask | tuple[str, dict[str, Any]]


class GroupCommit:
    def __init__(self, store: TaskStore) -> None:
        self._store = store
        self._pending: list[tuple[Item, asyncio.Future[str]]] = []

    async def add(self, project_id: str, request: dict[str, Any]) -> str:
        """Store a task planned with the defaults (see ``TaskStore.add_many``)."""
        return await self.add_task((project_id, request))

    async def add_task(self, task: Item) -> str:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str] = loop.create_future()
        self._pending.append((task, future))
        if len(self._pending) == 1:  # the first of a batch schedules its flush after this turn
            loop.call_soon(self._flush)
        return await future

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        try:
            task_ids = self._store.add_many([task for task, _ in batch])
        except Exception as exc:
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for task_id, (_, future) in zip(task_ids, batch, strict=True):
            if not future.done():  # a caller that went away no longer waits for its id
                future.set_result(task_id)
