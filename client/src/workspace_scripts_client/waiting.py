"""Waiting for an execution task to finish: poll the task and its records until they are final.

``wait_for_task`` (and its async twin ``async_wait_for_task``) reads the task (ListScriptTasks filtered by
its id) and all its records (ListScriptRecords by ``script_task_id``, every page) at each poll. It stops
when the task's status is final and no record is pending; it raises ``WaitTimeout``, carrying the last
state seen, when ``timeout`` runs out first.

The service does not document its status values. ``Statuses`` holds the ones this toolkit's reference
server uses (an assumption, as openapi.yaml's ``x-known-values`` says), and every set can be replaced.

The wait between polls starts at ``interval``, grows by ``backoff`` after each poll that saw no change, up to
``max_interval``, and drops back to ``interval`` when something changed. A task the list does not show
(yet) is polled for like a running one: the service may list a new task late, and the timeout bounds it.
Error answers raise the ``errors.ApiError`` for their status (give the client a ``RetryPolicy`` to ride
out 503s).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .api.script import list_script_tasks
from .client import AuthenticatedClient
from .models import ListScriptTasksResponse, ScriptRecordSimpleInfo, ScriptTaskInfo
from .pagination import aiter_script_records, iter_script_records, page_of

# execute_order of a record: the page's values.
NO_BATCHES, GRAY_BATCH, REST_BATCH = 0, 1, 2


def _set(*values: str) -> frozenset[str]:
    return frozenset(values)


@dataclass(frozen=True)
class Statuses:
    """Which status values are final, and how final records count. Defaults: the reference server's
    vocabulary (assumption: the service documents none). A record whose status is in none of
    ``succeeded``, ``failed`` and ``skipped`` counts as pending."""

    task_final: frozenset[str] = field(default_factory=lambda: _set("SUCCESS", "FAILED", "STOPPED"))
    succeeded: frozenset[str] = field(default_factory=lambda: _set("SUCCESS"))
    failed: frozenset[str] = field(default_factory=lambda: _set("FAILED", "TIMEOUT"))
    skipped: frozenset[str] = field(default_factory=lambda: _set("SKIPPED", "STOPPED"))

    @property
    def record_final(self) -> frozenset[str]:
        return self.succeeded | self.failed | self.skipped


@dataclass(frozen=True)
class Progress:
    """One poll's view of a task: what the progress callback gets, and what ``WaitTimeout`` carries.

    Attributes:
        task_id: The task waited for.
        task: The task as listed, or None while the list does not show it.
        records: All its records, in the order listed.
        succeeded, failed, skipped, pending: Record counts by ``Statuses``.
        batch: The batch running: 1 the gray batch, 2 the rest, 0 a task without a gray batch, None when
            no record is pending.
        polls: Polls made so far, this one included.
        elapsed: Seconds since the wait began.
    """

    task_id: str
    task: ScriptTaskInfo | None
    records: list[ScriptRecordSimpleInfo]
    succeeded: int
    failed: int
    skipped: int
    pending: int
    batch: int | None
    polls: int
    elapsed: float

    @property
    def status(self) -> str | None:
        """The task's status, if it is listed and has one."""
        status = self.task.status if self.task is not None else None
        return status if isinstance(status, str) else None

    def summary(self) -> str:
        names = {None: "none", NO_BATCHES: "the only one", GRAY_BATCH: "gray", REST_BATCH: "the rest"}
        batch = names.get(self.batch, str(self.batch))
        status = self.status or ("not listed" if self.task is None else "unknown")
        counts = f"{self.succeeded} succeeded, {self.failed} failed, {self.skipped} skipped"
        counts += f", {self.pending} pending"
        return (
            f"task {self.task_id}: status {status}, {counts}, batch running: {batch} "
            f"(after {self.polls} polls, {self.elapsed:.1f} s)"
        )


@dataclass(frozen=True)
class WaitResult:
    """A finished task and all its records."""

    task: ScriptTaskInfo
    records: list[ScriptRecordSimpleInfo]
    progress: Progress


class WaitTimeout(TimeoutError):
    """The task was not final within the timeout; ``last`` is the last state seen (``last.task`` is None if
    the task was never listed)."""

    def __init__(self, timeout: float, last: Progress) -> None:
        self.timeout = timeout
        self.last = last
        super().__init__(f"not final after {timeout:g} s: {last.summary()}")


@dataclass(frozen=True)
class Polling:
    """How often to poll, and for how long (seconds)."""

    timeout: float = 600.0
    interval: float = 2.0
    backoff: float = 1.5
    max_interval: float = 30.0

    def __post_init__(self) -> None:
        if not (self.timeout >= 0 and 0 < self.interval <= self.max_interval and self.backoff >= 1):
            raise ValueError("polling needs timeout >= 0, 0 < interval <= max_interval and backoff >= 1")


def progress_of(
    task_id: str,
    task: ScriptTaskInfo | None,
    records: Iterable[ScriptRecordSimpleInfo],
    statuses: Statuses,
    polls: int,
    elapsed: float,
) -> Progress:
    """Counts and the running batch, from one poll's task and records."""
    listed = list(records)
    counts = {"succeeded": 0, "failed": 0, "skipped": 0}
    pending_orders: list[int] = []
    for record in listed:
        status = record.status if isinstance(record.status, str) else None
        if status in statuses.succeeded:
            counts["succeeded"] += 1
        elif status in statuses.failed:
            counts["failed"] += 1
        elif status in statuses.skipped:
            counts["skipped"] += 1
        else:
            order = record.execute_order
            pending_orders.append(order if isinstance(order, int) else NO_BATCHES)
    batch = min(pending_orders, key=lambda order: (order == NO_BATCHES, order)) if pending_orders else None
    return Progress(
        task_id,
        task,
        listed,
        pending=len(pending_orders),
        batch=batch,
        polls=polls,
        elapsed=elapsed,
        **counts,
    )


def is_final(progress: Progress, statuses: Statuses) -> bool:
    return progress.task is not None and progress.status in statuses.task_final and progress.pending == 0


def _listed_task(page: ListScriptTasksResponse, task_id: str) -> ScriptTaskInfo | None:
    # Filtered by id already; matched again in case a server ignores the filter.
    return next((task for task in page.script_tasks if task.id == task_id), None)


def _changed(before: Progress | None, now: Progress) -> bool:
    if before is None:
        return True
    seen = (
        before.status,
        before.succeeded,
        before.failed,
        before.skipped,
        before.pending,
        len(before.records),
    )
    return seen != (now.status, now.succeeded, now.failed, now.skipped, now.pending, len(now.records))


class _Clock:
    """The wait's schedule: elapsed time, and the next pause (back-off while nothing changes)."""

    def __init__(self, polling: Polling) -> None:
        self.polling = polling
        self.start = time.monotonic()
        self.pause = polling.interval

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def next_pause(self, changed: bool) -> float | None:
        """Seconds to sleep before the next poll, or None when the timeout has run out."""
        remaining = self.polling.timeout - self.elapsed()
        if remaining <= 0:
            return None
        self.pause = (
            self.polling.interval
            if changed
            else min(self.pause * self.polling.backoff, self.polling.max_interval)
        )
        return min(self.pause, remaining)


class _Wait:
    """What each poll's answer means, the same for the sync and the async loop: the result once the task
    and its records are final, else the pause before the next poll (``WaitTimeout`` when time is up)."""

    def __init__(
        self,
        task_id: str,
        polling: Polling | None,
        statuses: Statuses | None,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        self.task_id = task_id
        self.statuses = statuses or Statuses()
        self.clock = _Clock(polling or Polling())
        self.on_progress = on_progress
        self.last: Progress | None = None

    def after_poll(
        self, task: ScriptTaskInfo | None, records: Iterable[ScriptRecordSimpleInfo]
    ) -> WaitResult | float:
        polls = (self.last.polls if self.last else 0) + 1
        now = progress_of(self.task_id, task, records, self.statuses, polls, self.clock.elapsed())
        if self.on_progress is not None:
            self.on_progress(now)
        if is_final(now, self.statuses) and now.task is not None:
            return WaitResult(now.task, now.records, now)
        pause = self.clock.next_pause(_changed(self.last, now))
        self.last = now
        if pause is None:
            raise WaitTimeout(self.clock.polling.timeout, now)
        return pause


def wait_for_task(
    client: AuthenticatedClient,
    task_id: str,
    *,
    project_id: str | None = None,
    polling: Polling | None = None,
    statuses: Statuses | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> WaitResult:
    """Poll ``task_id`` until it and its records are final; ``WaitTimeout`` when ``polling.timeout`` runs out.

    ``on_progress`` is called after every poll, with the ``Progress`` seen.
    """
    project = project_id or client.project_id
    wait = _Wait(task_id, polling, statuses, on_progress)
    while True:
        answer = list_script_tasks.sync_detailed(project, client=client, task_id=[task_id], limit=1)
        task = _listed_task(page_of(answer, ListScriptTasksResponse), task_id)
        records = iter_script_records(client, project_id=project, script_task_id=task_id) if task else ()
        outcome = wait.after_poll(task, records)
        if isinstance(outcome, WaitResult):
            return outcome
        time.sleep(outcome)


async def async_wait_for_task(
    client: AuthenticatedClient,
    task_id: str,
    *,
    project_id: str | None = None,
    polling: Polling | None = None,
    statuses: Statuses | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> WaitResult:
    """The async twin of ``wait_for_task``."""
    project = project_id or client.project_id
    wait = _Wait(task_id, polling, statuses, on_progress)
    while True:
        answer = await list_script_tasks.asyncio_detailed(project, client=client, task_id=[task_id], limit=1)
        task = _listed_task(page_of(answer, ListScriptTasksResponse), task_id)
        records = (
            [
                record
                async for record in aiter_script_records(client, project_id=project, script_task_id=task_id)
            ]
            if task
            else []
        )
        outcome = wait.after_poll(task, records)
        if isinstance(outcome, WaitResult):
            return outcome
        await asyncio.sleep(outcome)
