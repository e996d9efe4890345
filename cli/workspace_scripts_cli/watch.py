"""``--wait``: poll a task until it is final, with a Rich live display on a terminal.

Each poll is two reads: the task (its status) and its records, all pages (per-batch counts and each failed
desktop's ``result_code`` and ``reason``). Waiting never changes anything: Ctrl-C or ``--wait-timeout``
end the watching, not the task.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .progress import Progress, summarise

if TYPE_CHECKING:
    from rich.console import RenderableType
    from workspace_scripts_client import RaisingClient


class WaitTimedOut(Exception):
    """``--wait-timeout`` passed before the task was final; ``progress`` is the last state seen."""

    def __init__(self, progress: Progress, seconds: float) -> None:
        self.progress = progress
        super().__init__(f"task {progress.task_id} not final after {seconds:g}s")


class Interrupted(Exception):
    """Ctrl-C while waiting; ``progress`` is the last state seen (None before the first poll)."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress


def poll(client: RaisingClient, task_id: str) -> Progress:
    """The task's state now."""
    from . import service

    _, tasks = service.list_tasks(client, {"task_id": [task_id]}, None)
    status = next((task.get("status") for task in tasks if task.get("id") == task_id), None)
    _, records = service.list_records(client, {"script_task_id": task_id}, None)
    return summarise(task_id, status, records)


def wait(
    fetch: Callable[[], Progress],
    *,
    interval: float,
    timeout: float | None,
    on_progress: Callable[[Progress, float], None],
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Progress:
    """Poll with ``fetch`` every ``interval`` seconds until final; ``on_progress(progress, elapsed)``
    after each poll. Raises ``WaitTimedOut`` or ``Interrupted`` (Ctrl-C) with the last state."""
    started = clock()
    progress: Progress | None = None
    try:
        while True:
            progress = fetch()
            elapsed = clock() - started
            on_progress(progress, elapsed)
            if progress.final:
                return progress
            if timeout is not None and elapsed + interval > timeout:
                raise WaitTimedOut(progress, timeout)
            sleep(interval)
    except KeyboardInterrupt:
        raise Interrupted(progress) from None


def elapsed_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def summary_lines(progress: Progress, elapsed: float) -> list[str]:
    """The final (or last seen) state as plain lines: the header, one line per batch, one per failure."""
    counts = progress.counts
    lines = [
        f"task {progress.task_id} {progress.task_status or 'UNKNOWN'} after {elapsed_text(elapsed)}: "
        f"{counts.succeeded} succeeded, {counts.failed} failed, {counts.skipped} skipped, "
        f"{counts.pending} pending (of {counts.total})"
    ]
    for order, batch in progress.batches.items():
        from .progress import batch_name

        lines.append(
            f"  {batch_name(order)}: {batch.succeeded} succeeded, {batch.failed} failed, "
            f"{batch.skipped} skipped, {batch.pending} pending (of {batch.total})"
        )
    for failure in progress.failures:
        lines.append(
            f"  failed: {failure['desktop']} ({failure['batch']}, script {failure['script'] or '-'}) "
            f"{failure['status']} result_code={failure['result_code'] or '-'} "
            f"reason: {failure['reason'] or '-'}"
        )
    return lines


def render(progress: Progress, elapsed: float) -> RenderableType:
    """The live display: a header, the batches' counts (gray first), the failed desktops."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .progress import batch_name

    counts = progress.counts
    running = progress.running_batch()
    header = Text.assemble(
        ("task ", "bold"),
        (progress.task_id, "bold cyan"),
        f"  {progress.task_status or 'UNKNOWN'}",
        f"  elapsed {elapsed_text(elapsed)}",
        f"  running: {running}" if running and not progress.final else "",
    )
    batches = Table("batch", "desktops", "succeeded", "failed", "skipped", "pending")
    for order, batch in progress.batches.items():
        name = batch_name(order) + (" (running)" if batch_name(order) == running else "")
        batches.add_row(
            name,
            str(batch.total),
            str(batch.succeeded),
            str(batch.failed),
            str(batch.skipped),
            str(batch.pending),
        )
    batches.add_row(
        "total", str(counts.total), str(counts.succeeded), str(counts.failed), str(counts.skipped),
        str(counts.pending), style="bold",
    )  # fmt: skip
    parts: list[Any] = [header, batches]
    if progress.failures:
        failed = Table(
            "failed desktop", "batch", "script", "status", "result_code", "reason", title_justify="left"
        )
        for failure in progress.failures:
            columns = ("desktop", "batch", "script", "status", "result_code", "reason")
            failed.add_row(*(str(failure[column] or "-") for column in columns))
        parts.append(failed)
    return Group(*parts)
