"""What ``--wait`` shows: the live display (Rich) and the plain summary, from a ``Progress``.

The polling itself is the client's ``waiting.wait_for_task``: each poll reads the task and all its records
and changes nothing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .progress import Progress, batch_name

if TYPE_CHECKING:
    from rich.console import RenderableType


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


class LiveView:
    """The renderable a Rich ``Live`` shows: the latest poll, with the elapsed time as of each refresh (so
    the clock ticks between polls, which the waiting helper spaces out while nothing changes)."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.progress: Progress | None = None

    def __rich__(self) -> RenderableType:
        from rich.text import Text

        elapsed = time.monotonic() - self.started
        if self.progress is None:
            return Text(f"waiting for the first look at the task... {elapsed_text(elapsed)}")
        return render(self.progress, elapsed)
