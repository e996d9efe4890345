"""The watching parts on their own: counting records by batch, the display's content, the summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from workspace_scripts_cli import progress
from workspace_scripts_cli.watch import render, summary_lines
from workspace_scripts_client.waiting import Statuses


def summarise(task_id: str, status: str, records: Iterable[Mapping[str, Any]]) -> progress.Progress:
    return progress.summarise(task_id, status, records, Statuses())


def record(desktop: str, order: int, status: str, **more: Any) -> dict[str, Any]:
    return {"id": f"r-{desktop}", "resource_id": desktop, "execute_order": order, "status": status, **more}


GRAY_FAILED = [
    record("d1", 1, "SUCCESS"),
    record("d2", 1, "FAILED", result_code="2", reason="exit code 2", script_name="cleanup"),
    record("d3", 2, "SKIPPED"),
    record("d4", 2, "SKIPPED"),
    record("d5", 2, "STOPPED"),
]


def test_counts_by_batch_gray_first() -> None:
    progress = summarise("t1", "FAILED", reversed(GRAY_FAILED))
    assert list(progress.batches) == [1, 2]
    assert progress.batches[1].as_dict() == {
        "succeeded": 1,
        "failed": 1,
        "skipped": 0,
        "pending": 0,
        "total": 2,
    }
    assert progress.batches[2].as_dict() == {
        "succeeded": 0,
        "failed": 0,
        "skipped": 3,
        "pending": 0,
        "total": 3,
    }
    assert progress.final and not progress.all_succeeded
    [failure] = progress.failures
    assert (failure["desktop"], failure["result_code"], failure["reason"]) == ("d2", "2", "exit code 2")


def test_timeout_counts_as_failed_and_unknown_statuses_as_pending_so_not_final() -> None:
    seen = summarise("t1", "SUCCESS", [record("d1", 0, "TIMEOUT"), record("d2", 0, "QUEUED_SOMEWHERE")])
    assert seen.counts.failed == 1 and seen.counts.pending == 1
    assert seen.running_batch() == "all desktops"
    assert not seen.final


def test_the_display_shows_batches_counts_and_failed_desktops() -> None:
    console = Console(record=True, width=140)
    console.print(render(summarise("t1", "FAILED", GRAY_FAILED), 75.0))
    text = console.export_text()
    assert "t1" in text and "FAILED" in text and "elapsed 0:01:15" in text
    gray = next(line for line in text.splitlines() if "gray batch" in line)
    assert [cell.strip() for cell in gray.split("│")[2:7]] == ["2", "1", "1", "0", "0"]
    assert "exit code 2" in text and "cleanup" in text


def test_the_summary_names_each_failed_desktop() -> None:
    lines = summary_lines(summarise("t1", "FAILED", GRAY_FAILED), 3.0)
    assert lines[0] == "task t1 FAILED after 0:00:03: 1 succeeded, 1 failed, 3 skipped, 0 pending (of 5)"
    assert lines[1] == "  gray batch: 1 succeeded, 1 failed, 0 skipped, 0 pending (of 2)"
    assert lines[2] == "  rest: 0 succeeded, 0 failed, 3 skipped, 0 pending (of 3)"
    assert lines[3] == "  failed: d2 (gray batch, script cleanup) FAILED result_code=2 reason: exit code 2"
