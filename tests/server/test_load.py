"""Concurrency and durability: many parallel POSTs, and a SIGKILL in the middle of a load."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from reference_server import create_app
from reference_server.testing import serve_in_thread

from .constants import AUTH, CREDENTIALS, PROJECT, SERVICE_PATH, TOKEN


async def post_many(base_url: str, total: int, connections: int) -> list[httpx.Response | Exception]:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    slots = asyncio.Semaphore(connections)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as http:

        async def one(index: int) -> httpx.Response | Exception:
            async with slots:
                try:
                    return await http.post(SERVICE_PATH, json={"script_ids": [f"s{index}"]}, headers=AUTH)
                except httpx.HTTPError as exc:
                    return exc

        return await asyncio.gather(*(one(index) for index in range(total)))


def test_2000_concurrent_posts_give_2000_stored_tasks(tmp_path: Path) -> None:
    app = create_app(credentials=CREDENTIALS, db=str(tmp_path / "tasks.db"))
    with serve_in_thread(app) as url:
        responses = asyncio.run(post_many(url, 2000, 32))
    assert all(isinstance(r, httpx.Response) and r.status_code == 200 for r in responses)
    task_ids = {r.json()["task_id"] for r in responses if isinstance(r, httpx.Response)}
    assert len(task_ids) == 2000
    stored = app.service.store.all()
    assert {task["task_id"] for task in stored} == task_ids
    assert sorted(task["request"]["script_ids"][0] for task in stored) == sorted(f"s{i}" for i in range(2000))


def start_server(db: Path, extra: list[str] | None = None) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "reference_server", "--port", "0", "--db", str(db)]
        + ["--project-id", PROJECT, "--token", TOKEN, "--log-level", "info", *(extra or [])],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:  # uvicorn announces the port it got
        found = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
        if found:
            # Drain the rest in the background so the pipe never fills up.
            threading.Thread(target=process.stderr.read, daemon=True).start()
            return process, found.group(1)
    raise AssertionError(f"server did not start, exit code {process.wait()}")


async def load_until_killed(url: str, process: subprocess.Popen[str], kill_after: int) -> list[str]:
    acknowledged: list[str] = []

    async def worker(http: httpx.AsyncClient) -> None:
        while True:
            try:
                response = await http.post(SERVICE_PATH, json={"script_ids": ["s"]}, headers=AUTH)
            except httpx.HTTPError:
                return  # the server is gone
            assert response.status_code == 200, response.text
            acknowledged.append(response.json()["task_id"])
            if len(acknowledged) == kill_after:
                os.kill(process.pid, signal.SIGKILL)

    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        await asyncio.gather(*(worker(http) for _ in range(16)))
    return acknowledged


def test_sigkill_mid_load_loses_no_acknowledged_task(tmp_path: Path) -> None:
    db = tmp_path / "tasks.db"
    process, url = start_server(db)
    try:
        acknowledged = asyncio.run(load_until_killed(url, process, kill_after=400))
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL and len(acknowledged) >= 400
    restarted, url = start_server(db)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                stored = httpx.get(f"{url}/_reference/tasks", timeout=10).json()["tasks"]
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert set(acknowledged) <= {task["task_id"] for task in stored}
        assert httpx.post(url + SERVICE_PATH, json={}, headers=AUTH).status_code == 200
    finally:
        restarted.kill()
        restarted.wait()
