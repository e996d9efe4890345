"""The waiting helper against a local fake server: progress, the batches, final sets, and the timeout."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from workspace_scripts_client import AuthenticatedClient, create_client, waiting
from workspace_scripts_client.waiting import Polling, Progress, Statuses, WaitTimeout

from reference_server.testing import serve_in_thread

from .fake_script_api import PROJECT, TASK_ID, FakeScriptApi, Snapshot

FAST = Polling(timeout=30, interval=0.001, backoff=1.0, max_interval=0.001)
# A gray batch of one desktop, then the two others: the task's life, one snapshot per poll.
GRAY_THEN_REST = [
    Snapshot("WAITING", [("WAITING", 1), ("WAITING", 2), ("WAITING", 2)]),
    Snapshot("RUNNING", [("RUNNING", 1), ("WAITING", 2), ("WAITING", 2)]),
    Snapshot("RUNNING", [("SUCCESS", 1), ("RUNNING", 2), ("WAITING", 2)]),
    Snapshot("RUNNING", [("SUCCESS", 1), ("FAILED", 2), ("RUNNING", 2)]),
    Snapshot("FAILED", [("SUCCESS", 1), ("FAILED", 2), ("SKIPPED", 2)]),
]


@pytest.fixture
def fake() -> Iterator[tuple[FakeScriptApi, AuthenticatedClient]]:
    api = FakeScriptApi()
    with serve_in_thread(api) as url:
        yield api, create_client(endpoint=url, token="fake-token", project_id=PROJECT)


def view(progress: Progress) -> tuple[str | None, int, int, int, int, int | None]:
    return (
        progress.status,
        progress.succeeded,
        progress.failed,
        progress.skipped,
        progress.pending,
        progress.batch,
    )


EXPECTED_PROGRESS = [
    ("WAITING", 0, 0, 0, 3, 1),
    ("RUNNING", 0, 0, 0, 3, 1),
    ("RUNNING", 1, 0, 0, 2, 2),
    ("RUNNING", 1, 1, 0, 1, 2),
    ("FAILED", 1, 1, 1, 0, None),
]


def test_waits_through_both_batches_and_returns_the_final_state(
    fake: tuple[FakeScriptApi, AuthenticatedClient],
) -> None:
    api, client = fake
    api.timeline = GRAY_THEN_REST
    seen: list[Progress] = []
    result = waiting.wait_for_task(client, TASK_ID, polling=FAST, on_progress=seen.append)
    assert [view(progress) for progress in seen] == EXPECTED_PROGRESS
    assert result.task.id == TASK_ID and result.task.status == "FAILED"
    assert [r.status for r in result.records] == ["SUCCESS", "FAILED", "SKIPPED"]
    assert result.progress.polls == 5
    tasks_queries = [query for path, query in api.queries if path.endswith("/script-execution-tasks")]
    assert tasks_queries[0]["task_id"] == [TASK_ID]
    records_queries = [query for path, query in api.queries if path.endswith("/script-execution-records")]
    assert records_queries[0]["script_task_id"] == [TASK_ID]


def test_the_async_twin_waits_the_same_way(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    api.timeline = GRAY_THEN_REST
    seen: list[Progress] = []
    result = asyncio.run(waiting.async_wait_for_task(client, TASK_ID, polling=FAST, on_progress=seen.append))
    assert [view(progress) for progress in seen] == EXPECTED_PROGRESS
    assert result.task.status == "FAILED" and len(result.records) == 3


NEVER_ENDS = [Snapshot("RUNNING", [("SUCCESS", 0), ("RUNNING", 0)])]
SHORT = Polling(timeout=0.3, interval=0.01, backoff=2.0, max_interval=0.05)


def test_a_task_that_never_finishes_times_out_with_its_last_state(
    fake: tuple[FakeScriptApi, AuthenticatedClient],
) -> None:
    api, client = fake
    api.timeline = NEVER_ENDS
    with pytest.raises(WaitTimeout) as raised:
        waiting.wait_for_task(client, TASK_ID, polling=SHORT)
    last = raised.value.last
    assert view(last) == ("RUNNING", 1, 0, 0, 1, 0)
    assert last.task is not None and [r.status for r in last.records] == ["SUCCESS", "RUNNING"]
    assert last.polls == api.task_polls  # the last poll made is the state carried
    assert "1 succeeded, 0 failed, 0 skipped, 1 pending" in str(raised.value)
    assert isinstance(raised.value, TimeoutError)


def test_the_async_twin_times_out_with_its_last_state(
    fake: tuple[FakeScriptApi, AuthenticatedClient],
) -> None:
    api, client = fake
    api.timeline = NEVER_ENDS
    with pytest.raises(WaitTimeout) as raised:
        asyncio.run(waiting.async_wait_for_task(client, TASK_ID, polling=SHORT))
    assert view(raised.value.last) == ("RUNNING", 1, 0, 0, 1, 0)
    assert raised.value.last.polls == api.task_polls


def test_a_task_never_listed_times_out_saying_so(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake  # no timeline: the list never shows the task
    with pytest.raises(WaitTimeout, match="status not listed") as raised:
        waiting.wait_for_task(client, TASK_ID, polling=SHORT)
    assert raised.value.last.task is None and raised.value.last.records == []


def test_the_final_sets_can_be_replaced(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    api.timeline = [Snapshot("RUNNING", [("BUSY", 0)]), Snapshot("DONE", [("OK", 0)])]
    with pytest.raises(WaitTimeout):  # the default vocabulary does not know DONE and OK
        waiting.wait_for_task(client, TASK_ID, polling=SHORT)
    api.task_polls = 0
    own = Statuses(task_final=frozenset({"DONE"}), succeeded=frozenset({"OK"}))
    result = waiting.wait_for_task(client, TASK_ID, polling=FAST, statuses=own)
    assert result.task.status == "DONE" and result.progress.succeeded == 1


def test_the_pause_backs_off_while_nothing_changes_and_resets_on_change() -> None:
    clock = waiting._Clock(Polling(timeout=1000, interval=1, backoff=2, max_interval=5))
    pauses = [clock.next_pause(changed) for changed in (True, False, False, False, False, True, False)]
    assert pauses == [1, 2, 4, 5, 5, 1, 2]
    assert waiting._Clock(Polling(timeout=0)).next_pause(False) is None


@pytest.mark.parametrize(
    "bad", [{"interval": 0}, {"interval": 5, "max_interval": 1}, {"backoff": 0.5}, {"timeout": -1}]
)
def test_nonsense_polling_is_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="polling needs"):
        Polling(**bad)
