"""The watching parts on their own: counting records by batch, the wait loop, the display's content."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console
from workspace_scripts_cli.progress import Progress, summarise
from workspace_scripts_cli.watch import Interrupted, WaitTimedOut, render, summary_lines, wait


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


def test_timeout_counts_as_failed_and_unknown_statuses_as_pending() -> None:
    progress = summarise("t1", "RUNNING", [record("d1", 0, "TIMEOUT"), record("d2", 0, "QUEUED_SOMEWHERE")])
    assert progress.counts.failed == 1 and progress.counts.pending == 1
    assert progress.running_batch() == "all desktops"
    assert not progress.final


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


def states(*statuses: str) -> Iterator[Progress]:
    for status in statuses:
        yield summarise("t1", status, [record("d1", 0, "SUCCESS" if status == "SUCCESS" else "RUNNING")])


def test_wait_polls_until_final_and_reports_each_poll() -> None:
    polls = states("WAITING", "RUNNING", "SUCCESS")
    seen: list[str | None] = []
    slept: list[float] = []
    final = wait(
        lambda: next(polls), interval=2.0, timeout=None,
        on_progress=lambda progress, _: seen.append(progress.task_status), sleep=slept.append,
    )  # fmt: skip
    assert final.task_status == "SUCCESS" and final.all_succeeded
    assert seen == ["WAITING", "RUNNING", "SUCCESS"]
    assert slept == [2.0, 2.0]


def test_wait_gives_up_after_its_timeout_with_the_last_state() -> None:
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    polls = states(*["RUNNING"] * 10)
    with pytest.raises(WaitTimedOut) as raised:
        wait(lambda: next(polls), interval=1.0, timeout=2.5, on_progress=lambda *_: None, sleep=sleep,
             clock=lambda: now[0])  # fmt: skip
    assert raised.value.progress.task_status == "RUNNING"
    assert now[0] == 2.0  # two sleeps; a third would pass the limit


def test_ctrl_c_while_sleeping_is_interrupted_with_the_last_state() -> None:
    def sleep(_: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(Interrupted) as raised:
        wait(
            lambda: next(states("RUNNING")),
            interval=1.0,
            timeout=None,
            on_progress=lambda *_: None,
            sleep=sleep,
        )
    assert raised.value.progress is not None and raised.value.progress.task_status == "RUNNING"
