"""Where a task stands, per batch (gray, then the rest): counts and the failed desktops.

The client's waiting helper polls and counts the whole task; the display needs the same counts split by
batch, and each failed record, so this reads the records of each poll with the helper's ``Statuses`` (the
reference server's vocabulary, an assumption: the service documents none). ``execute_order`` is the
page's: 1 the gray batch, 2 the rest, 0 a task without a gray batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workspace_scripts_client.waiting import Progress as Poll
    from workspace_scripts_client.waiting import Statuses

BATCH_NAMES = {1: "gray batch", 2: "rest", 0: "all desktops"}


@dataclass
class Counts:
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.succeeded + self.failed + self.skipped + self.pending

    def add(self, status: str | None, statuses: Statuses) -> None:
        if status in statuses.succeeded:
            self.succeeded += 1
        elif status in statuses.failed:
            self.failed += 1
        elif status in statuses.skipped:
            self.skipped += 1
        else:
            self.pending += 1

    def as_dict(self) -> dict[str, int]:
        return {
            "succeeded": self.succeeded,
            "failed": self.failed,
            "skipped": self.skipped,
            "pending": self.pending,
            "total": self.total,
        }


@dataclass
class Progress:
    """A task's state at one poll: its own status and its records summed up."""

    task_id: str
    task_status: str | None
    final: bool
    batches: dict[int, Counts] = field(default_factory=dict)  # by execute_order, gray (1) first
    failures: list[dict[str, Any]] = field(default_factory=list)  # records FAILED or TIMEOUT

    @property
    def counts(self) -> Counts:
        total = Counts()
        for batch in self.batches.values():
            total.succeeded += batch.succeeded
            total.failed += batch.failed
            total.skipped += batch.skipped
            total.pending += batch.pending
        return total

    @property
    def all_succeeded(self) -> bool:
        counts = self.counts
        return counts.total > 0 and counts.succeeded == counts.total

    def running_batch(self) -> str | None:
        """The batch in progress: the first one that still has pending records."""
        for order, batch in self.batches.items():
            if batch.pending:
                return batch_name(order)
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "status": self.task_status,
            "counts": self.counts.as_dict(),
            "batches": [
                {"batch": batch_name(order), "execute_order": order, **counts.as_dict()}
                for order, counts in self.batches.items()
            ],
            "failed": self.failures,
        }


def batch_name(order: int) -> str:
    return BATCH_NAMES.get(order, f"batch {order}")


def _order_key(order: int) -> tuple[int, int]:
    return (0 if order == 1 else 1, order)  # the gray batch first, then by number


def from_poll(poll: Poll, statuses: Statuses) -> Progress:
    """The per-batch view of one poll of ``waiting.wait_for_task``."""
    return summarise(poll.task_id, poll.status, [record.to_dict() for record in poll.records], statuses)


def summarise(
    task_id: str, task_status: str | None, records: Iterable[Mapping[str, Any]], statuses: Statuses
) -> Progress:
    """``Progress`` from the task's status and its records (wire dicts, as ``to_dict()`` gives them)."""
    by_order: dict[int, Counts] = {}
    failures = []
    for record in records:
        order = record.get("execute_order")
        order = order if isinstance(order, int) else 0
        by_order.setdefault(order, Counts()).add(record.get("status"), statuses)
        if record.get("status") in statuses.failed:
            failures.append(
                {
                    "record_id": record.get("id"),
                    "desktop": record.get("resource_name") or record.get("resource_id"),
                    "resource_id": record.get("resource_id"),
                    "script": record.get("script_name") or record.get("script_id"),
                    "batch": batch_name(order),
                    "status": record.get("status"),
                    "result_code": record.get("result_code"),
                    "reason": record.get("reason"),
                }
            )
    batches = {order: by_order[order] for order in sorted(by_order, key=_order_key)}
    final = task_status in statuses.task_final and not any(batch.pending for batch in batches.values())
    return Progress(task_id, task_status, final, batches, failures)
