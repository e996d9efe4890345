"""The pagination and waiting helpers against the reference server: a real task's life, end to end."""

from __future__ import annotations

import asyncio

from workspace_scripts_client import create_client, pagination, waiting
from workspace_scripts_client.api.script import execute_script_or_command
from workspace_scripts_client.models import ExecuteScriptOrCommandReq

from .constants import PROJECT, TOKEN

POLLING = waiting.Polling(timeout=60, interval=0.05, backoff=1.5, max_interval=0.2)
DESKTOPS = ["desktop-01", "desktop-02", "desktop-03"]


def test_a_gray_batch_task_is_waited_for_and_listed(server: str) -> None:
    client = create_client(endpoint=server, token=TOKEN, project_id=PROJECT, raise_on_error=True)
    body = ExecuteScriptOrCommandReq(resource_ids=DESKTOPS, script_ids=["script-01"], gray_count=1)
    task_id = execute_script_or_command.sync(PROJECT, client=client, body=body).task_id
    batches: list[int | None] = []
    done = waiting.wait_for_task(
        client, task_id, polling=POLLING, on_progress=lambda p: batches.append(p.batch)
    )
    assert done.task.id == task_id and done.task.status == "SUCCESS"
    assert sorted(r.resource_id for r in done.records if isinstance(r.resource_id, str)) == DESKTOPS
    assert done.progress.succeeded == 3 and done.progress.pending == 0 and batches[-1] is None
    assert sorted({order for r in done.records if isinstance(order := r.execute_order, int)}) == [1, 2]
    listed = list(pagination.iter_script_records(client, script_task_id=task_id, page_size=2))
    assert sorted(r.id for r in listed) == sorted(r.id for r in done.records)
    assert task_id in {task.id for task in pagination.iter_script_tasks(client, page_size=1)}


def test_the_async_wait_on_the_reference_server(server: str) -> None:
    async def scenario() -> str | None:
        async with create_client(
            endpoint=server, token=TOKEN, project_id=PROJECT, raise_on_error=True
        ) as client:
            body = ExecuteScriptOrCommandReq(resource_ids=DESKTOPS[:2], script_ids=["script-01"])
            answer = await execute_script_or_command.asyncio(PROJECT, client=client, body=body)
            done = await waiting.async_wait_for_task(client, answer.task_id, polling=POLLING)
            return done.progress.status

    assert asyncio.run(scenario()) == "SUCCESS"
