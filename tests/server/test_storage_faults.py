"""Storage that refuses writes: a 503 with the error body, nothing stored, recovery by itself when the
fault clears; a file that cannot be the store stops start-up with one line."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reference_server import ReferenceApp, create_app
from reference_server.group_commit import GroupCommit
from reference_server.store import StorageUnavailable, StoreUnusable, TaskStore
from reference_server.testing import serve_in_thread

from .constants import AUTH, CREDENTIALS, PROJECT, SERVICE_PATH, TOKEN


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ReferenceApp, httpx.Client]]:
    app = create_app(credentials=CREDENTIALS, db=str(tmp_path / "tasks.db"))
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield app, http


def post_many(http: httpx.Client, count: int) -> list[httpx.Response]:
    return [http.post(SERVICE_PATH, json={"script_ids": [f"s{i}" * 50]}, headers=AUTH) for i in range(count)]


def test_full_disk_answers_503_loses_no_acknowledged_task_and_recovers(
    served: tuple[ReferenceApp, httpx.Client],
) -> None:
    app, http = served
    conn = app.service.store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own "disk full" past two more pages
    responses = post_many(http, 200)
    statuses = [response.status_code for response in responses]
    assert set(statuses) == {200, 503} and statuses.index(503) > 0, statuses
    for response in responses:
        if response.status_code == 503:
            body = response.json()
            assert body["error_code"] == "WKS.0503" and "full" in body["error_msg"], body
    acknowledged = {r.json()["task_id"] for r in responses if r.status_code == 200}
    stored = {task["task_id"] for task in http.get("/_reference/tasks").json()["tasks"]}
    assert stored == acknowledged  # nothing acknowledged is lost, nothing refused is stored
    conn.execute("PRAGMA max_page_count = 1073741823")
    after = http.post(SERVICE_PATH, json={}, headers=AUTH)
    assert after.status_code == 200
    assert len(http.get("/_reference/tasks").json()["tasks"]) == len(acknowledged) + 1


def test_read_only_database_answers_503_and_recovers(served: tuple[ReferenceApp, httpx.Client]) -> None:
    # As root, file permissions do not stop writes; SQLite's query_only fails them with the same
    # SQLITE_READONLY a read-only file gives.
    app, http = served
    conn = app.service.store._conn
    conn.execute("PRAGMA query_only = 1")
    for _ in range(2):
        response = http.post(SERVICE_PATH, json={}, headers=AUTH)
        assert response.status_code == 503 and "readonly" in response.json()["error_msg"], response.text
    conn.execute("PRAGMA query_only = 0")
    assert http.post(SERVICE_PATH, json={}, headers=AUTH).status_code == 200
    assert len(app.service.store.all()) == 1


def test_database_locked_past_the_wait_answers_503_and_recovers(
    served: tuple[ReferenceApp, httpx.Client], tmp_path: Path
) -> None:
    app, http = served
    other = sqlite3.connect(tmp_path / "tasks.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        response = http.post(SERVICE_PATH, json={}, headers=AUTH)
        assert response.status_code == 503 and "locked" in response.json()["error_msg"], response.text
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert http.post(SERVICE_PATH, json={}, headers=AUTH).status_code == 200
    assert len(app.service.store.all()) == 1


def test_a_failed_write_is_a_storage_error_for_every_waiting_request() -> None:
    store = TaskStore()
    store._conn.execute("PRAGMA query_only = 1")
    with pytest.raises(StorageUnavailable) as caught:
        store.add_many([("p", {}), ("p", {"script_ids": ["s"]})])
    assert caught.value.status == 503
    store._conn.execute("PRAGMA query_only = 0")
    assert store.all() == []


@pytest.mark.parametrize("kind", ["not a database", "directory", "missing directory"])
def test_unusable_database_file_stops_start_up_with_one_line(tmp_path: Path, kind: str) -> None:
    path = {
        "not a database": tmp_path / "junk.db",
        "directory": tmp_path,
        "missing directory": tmp_path / "nowhere" / "tasks.db",
    }[kind]
    if kind == "not a database":
        path.write_bytes(b"this is not SQLite " * 100)
    with pytest.raises(StoreUnusable):
        TaskStore(path)
    command = [sys.executable, "-m", "reference_server", "--port", "0", "--db", str(path)]
    result = subprocess.run(
        [*command, "--project-id", PROJECT, "--token", TOKEN], capture_output=True, text=True, timeout=60
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert str(path) in lines[0] and "cannot use" in lines[0]


def test_group_commit_passes_a_storage_error_to_each_caller() -> None:
    store = TaskStore()
    writer = GroupCommit(store)
    store._conn.execute("PRAGMA query_only = 1")

    async def scenario() -> list[object]:
        return await asyncio.gather(*(writer.add("p", {}) for _ in range(3)), return_exceptions=True)

    assert all(isinstance(result, StorageUnavailable) for result in asyncio.run(scenario()))
