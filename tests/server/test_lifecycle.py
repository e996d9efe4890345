"""The whole script lifecycle over HTTP: the library, executions that progress on a frozen clock, the
gray rule both ways, timeouts, stop and retry, and the list filters."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from reference_server import ReferenceApp
from reference_server.records.models import COLUMNS, record_info

from .constants import AUTH, OTHER_TOKEN
from .lifecycle_helpers import (
    RECORDS,
    RETRY,
    SCRIPTS,
    STOP,
    TASKS,
    execute,
    outcome,
    records,
    statuses,
    task,
)


@pytest.fixture
def frozen(client: httpx.Client, app: ReferenceApp) -> Iterator[httpx.Client]:
    app.service.clock.freeze()
    yield client
    app.service.clock.reset()


def run_all(app: ReferenceApp) -> None:
    app.service.engine.run_until_idle()


def new_script(client: httpx.Client, name: str = "cleanup", kind: str = "POWERSHELL") -> str:
    body = {"name": name, "type": kind, "content": "Remove-Item $env:TEMP\\*", "version": "1"}
    response = client.post(SCRIPTS, json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    script_id: str = response.json()["script_id"]
    return script_id


def test_library_create_show_update_list_delete(client: httpx.Client) -> None:
    script_id = new_script(client, "cleanup temp")
    shown = client.get(f"{SCRIPTS}/{script_id}", headers=AUTH).json()
    assert shown["name"] == "cleanup temp" and shown["type"] == "POWERSHELL" and shown["version"] == "1"
    assert shown["content"] == "Remove-Item $env:TEMP\\*" and shown["create_time"].endswith("Z")
    updated = client.put(
        f"{SCRIPTS}/{script_id}", json={"name": "cleanup all", "content": "echo"}, headers=AUTH
    )
    assert updated.status_code == 204 and updated.content == b"" and "content-type" not in updated.headers
    assert updated.headers["x-request-id"]
    shown = client.get(f"{SCRIPTS}/{script_id}", headers=AUTH).json()
    assert (shown["name"], shown["content"], shown["version"], shown["type"]) == (
        "cleanup all",
        "echo",
        None,
        "POWERSHELL",
    )
    for name in ("a", "b", "c"):
        new_script(client, f"report {name}", "SHELL")
    page = client.get(SCRIPTS, params={"name": "report", "limit": 2, "offset": 1}, headers=AUTH).json()
    assert page["count"] == 3 and [item["name"] for item in page["scripts"]] == ["report b", "report c"]
    assert client.get(SCRIPTS, params={"type": "POWERSHELL"}, headers=AUTH).json()["count"] == 1
    assert client.get(SCRIPTS, params={"id": script_id}, headers=AUTH).json()["scripts"][0]["id"] == script_id
    deleted = client.delete(f"{SCRIPTS}/{script_id}", headers=AUTH)
    assert deleted.status_code == 204 and deleted.content == b""
    for response in (
        client.get(f"{SCRIPTS}/{script_id}", headers=AUTH),
        client.delete(f"{SCRIPTS}/{script_id}", headers=AUTH),
        client.put(f"{SCRIPTS}/{script_id}", json={"name": "x", "content": "y"}, headers=AUTH),
    ):
        assert response.status_code == 404 and response.json()["error_code"] == "WKS.0404", response.text


def test_a_project_with_a_library_only_runs_its_scripts(client: httpx.Client) -> None:
    assert execute(client, resource_ids=["d1"], script_ids=["anything"])  # empty library: any id
    script_id = new_script(client)
    response = client.post(
        TASKS.replace("script-execution-tasks", "script-executions"),
        json={"resource_ids": ["d1"], "script_ids": ["anything"]},
        headers=AUTH,
    )
    assert response.status_code == 404 and response.json()["error_msg"] == "Script not found: anything"
    task_id = execute(client, resource_ids=["d1"], script_ids=[script_id])
    (record,) = records(client, task_id)
    assert record["script_id"] == script_id and record["script_name"] == "cleanup"


def test_records_wait_run_and_succeed_on_the_clock(frozen: httpx.Client, app: ReferenceApp) -> None:
    task_id = execute(frozen, resource_ids=["d1", "d2"], script_ids=["s1", "s2"])
    assert task(frozen, task_id)["status"] == "WAITING"
    assert set(statuses(frozen, task_id).values()) == {"WAITING"} and len(records(frozen, task_id)) == 4
    app.service.engine.advance(0.15)
    assert task(frozen, task_id)["status"] == "RUNNING"
    assert {record["status"] for record in records(frozen, task_id)} == {"RUNNING"}
    app.service.engine.advance(1)
    summary = task(frozen, task_id)
    assert (summary["status"], summary["success_num"], summary["failed_num"], summary["skip_num"]) == (
        "SUCCESS",
        4,
        0,
        0,
    )
    first = records(frozen, task_id)[0]
    detail = frozen.get(f"{RECORDS}/{first['id']}", headers=AUTH).json()
    assert detail["output"] == "Script s1 (s1) ran on desktop d1." and detail["execute_order"] == 0
    assert detail["start_time"] <= detail["end_time"] and detail["result_code"] == "0"


def test_a_failing_gray_desktop_skips_the_rest(frozen: httpx.Client, app: ReferenceApp) -> None:
    outcome(app, desktop="d1", result="fail", result_code="5", reason="disk full", output="no space")
    task_id = execute(
        frozen, resource_ids=["d1", "d2", "d3"], script_ids=["s1"], gray_count=1, gray_fail_threshold=0
    )
    run_all(app)
    found = {record["resource_id"]: record for record in records(frozen, task_id)}
    assert (found["d1"]["status"], found["d1"]["execute_order"], found["d1"]["result_code"]) == (
        "FAILED",
        1,
        "5",
    )
    assert found["d1"]["reason"] == "disk full"
    for desktop in ("d2", "d3"):
        assert (found[desktop]["status"], found[desktop]["execute_order"]) == ("SKIPPED", 2)
        assert found[desktop]["start_time"] is None
    summary = task(frozen, task_id)
    assert (summary["status"], summary["success_num"], summary["failed_num"], summary["skip_num"]) == (
        "FAILED",
        0,
        1,
        2,
    )
    assert summary["gray_resource_ids"] == ["d1"] and summary["resource_ids"] == ["d1", "d2", "d3"]


def test_a_passing_gray_batch_lets_the_rest_run_after_it(frozen: httpx.Client, app: ReferenceApp) -> None:
    outcome(app, desktop="d1", result="success", seconds=5)
    task_id = execute(
        frozen, resource_ids=["d1", "d2"], script_ids=["s1"], gray_count=1, gray_fail_threshold=0
    )
    app.service.engine.advance(3)
    assert statuses(frozen, task_id) == {"d1": "RUNNING", "d2": "WAITING"}
    run_all(app)
    gray, rest = records(frozen, task_id)
    assert (gray["status"], gray["execute_order"], rest["status"], rest["execute_order"]) == (
        "SUCCESS",
        1,
        "SUCCESS",
        2,
    )
    assert rest["start_time"] >= gray["end_time"]


@pytest.mark.parametrize(("failures", "skipped"), [(1, False), (2, True)])
def test_the_threshold_is_reached_only_by_more_failures(
    frozen: httpx.Client, app: ReferenceApp, failures: int, skipped: bool
) -> None:
    for desktop in ["g1", "g2"][:failures]:
        outcome(app, desktop=desktop, result="fail")
    task_id = execute(
        frozen, resource_ids=["g1", "g2", "g3", "r1"], script_ids=["s"], gray_count=3, gray_fail_threshold=1
    )
    run_all(app)
    assert statuses(frozen, task_id)["r1"] == ("SKIPPED" if skipped else "SUCCESS")


def test_gray_resource_ids_join_the_targets_and_without_threshold_the_rest_runs(
    frozen: httpx.Client, app: ReferenceApp
) -> None:
    outcome(app, desktop="g", result="fail")
    task_id = execute(
        frozen, resource_ids=["d1"], gray_resource_ids=["g"], command="echo hi", command_type="SHELL"
    )
    run_all(app)
    assert statuses(frozen, task_id) == {"g": "FAILED", "d1": "SUCCESS"}
    assert frozen.get(TASKS, params={"task_type": "COMMAND"}, headers=AUTH).json()["count"] == 1
    (record,) = [item for item in records(frozen, task_id) if item["resource_id"] == "d1"]
    assert (
        frozen.get(f"{RECORDS}/{record['id']}", headers=AUTH).json()["output"]
        == "Command ran on desktop d1: echo hi"
    )


def test_a_listed_record_is_its_detail_without_the_output(frozen: httpx.Client, app: ReferenceApp) -> None:
    # The listing reads the JSON SQLite keeps per record, the detail is built in Python: the same fields.
    outcome(app, desktop="bad", result="fail", result_code="7", reason='disk "C:" full\n', seconds=2)
    outcome(app, desktop="slow", result="hang")
    task_id = execute(frozen, resource_ids=["ok", "bad", "slow", "d\u00e9sk"], script_ids=["s"], gray_count=1)
    for step in (0, 0.15, 1.5, 3):  # waiting, running, a final gray batch, then the rest under way
        app.service.engine.advance(step)
        for listed in records(frozen, task_id):
            detail = frozen.get(f"{RECORDS}/{listed['id']}", headers=AUTH).json()
            assert {**listed, "output": detail["output"]} == detail
    assert {record["status"] for record in records(frozen, task_id)} >= {"FAILED", "SUCCESS", "RUNNING"}


def test_the_listing_json_follows_every_write_of_a_record(frozen: httpx.Client, app: ReferenceApp) -> None:
    """Each record's listing JSON has a table of its own (``record_json``, same ``seq``): written with
    the record, changed by every later write (progress, a skipped batch, a stop), gone with it; and so
    has each chunk of ten places of a task, joined (``record_chunks``). Records of tasks written together
    keep one run of ``seq`` per task, which the task's page relies on."""
    outcome(app, desktop="bad", result="fail", result_code="1", reason="broken", seconds=1)
    desktops = ["bad", *(f"d{i}" for i in range(11))]  # 12 records: one chunk of ten, one of two
    skipping = execute(frozen, resource_ids=desktops, script_ids=["s"], gray_count=1, gray_fail_threshold=0)
    stopping = execute(frozen, resource_ids=["d3", "d4", "d5"], script_ids=["s1", "s2"])
    conn = app.service.store.conn

    def listed_json_is_the_records() -> None:
        rows = conn.execute(f"SELECT seq, {COLUMNS} FROM records ORDER BY seq").fetchall()
        stored = dict(conn.execute("SELECT seq, info FROM record_json").fetchall())
        assert {seq: json.loads(stored[seq]) for seq, *_ in rows} == {
            row[0]: record_info(row[1:]) for row in rows
        }
        assert len(stored) == len(rows)
        places = conn.execute("SELECT seq, task_id, pos FROM records ORDER BY seq").fetchall()
        expected: dict[int, tuple[str, list[object]]] = {}
        for seq, task_id, pos in places:  # a chunk is keyed by the seq of its first place
            expected.setdefault(seq - pos % 10, (task_id, []))[1].append(json.loads(stored[seq]))
        chunks = conn.execute("SELECT first_seq, task_id, info FROM record_chunks").fetchall()
        assert {first: (task_id, json.loads(f"[{info}]")) for first, task_id, info in chunks} == expected

    for step in (0, 0.15):  # written (both tasks in one step), then under way
        app.service.engine.advance(step)
        listed_json_is_the_records()
    runs = conn.execute("SELECT task_id, count(DISTINCT seq - pos) FROM records GROUP BY task_id").fetchall()
    assert sorted(runs) == sorted([(skipping, 1), (stopping, 1)])
    assert frozen.post(STOP, json={"task_id": stopping}, headers=AUTH).status_code == 200
    app.service.engine.advance(5)
    assert set(statuses(frozen, skipping).values()) == {"FAILED", "SKIPPED"}
    assert set(statuses(frozen, stopping).values()) == {"STOPPED"}
    listed_json_is_the_records()
    app.service.store.clear()
    assert conn.execute("SELECT count(*) FROM record_json").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM record_chunks").fetchone() == (0,)


def test_a_hanging_record_times_out_after_execution_timeout(frozen: httpx.Client, app: ReferenceApp) -> None:
    outcome(app, desktop="d1", result="hang")
    task_id = execute(frozen, resource_ids=["d1", "d2"], script_ids=["s"], execution_timeout=2)
    app.service.engine.advance(119)
    assert statuses(frozen, task_id) == {"d1": "RUNNING", "d2": "SUCCESS"}
    app.service.engine.advance(2)
    (hung,) = [record for record in records(frozen, task_id) if record["resource_id"] == "d1"]
    assert hung["status"] == "TIMEOUT" and "2 minute" in hung["reason"]
    summary = task(frozen, task_id)
    assert (summary["status"], summary["failed_num"], summary["success_num"]) == ("FAILED", 1, 1)


def test_stop_a_task_then_a_record(frozen: httpx.Client, app: ReferenceApp) -> None:
    outcome(app, result="hang")
    outcome(app, desktop="fast", result="success", seconds=0)
    task_id = execute(frozen, resource_ids=["fast", "d2", "d3"], script_ids=["s"])
    app.service.engine.advance(1)
    stopped = frozen.post(STOP, json={"task_id": task_id}, headers=AUTH)
    assert stopped.status_code == 200 and stopped.content == b""
    assert statuses(frozen, task_id) == {"fast": "SUCCESS", "d2": "STOPPED", "d3": "STOPPED"}
    summary = task(frozen, task_id)
    assert (summary["status"], summary["success_num"], summary["skip_num"]) == ("STOPPED", 1, 2)
    again = frozen.post(STOP, json={"task_id": task_id}, headers=AUTH)
    assert again.status_code == 200 and statuses(frozen, task_id)["fast"] == "SUCCESS"
    other = execute(frozen, resource_ids=["d4", "d5"], script_ids=["s"])
    (first, _second) = records(frozen, other)
    assert frozen.post(STOP, json={"record_id": first["id"]}, headers=AUTH).status_code == 200
    assert statuses(frozen, other) == {"d4": "STOPPED", "d5": "WAITING"}
    for body in ({"task_id": "nope"}, {"record_id": "nope"}):
        response = frozen.post(STOP, json=body, headers=AUTH)
        assert response.status_code == 404 and response.json()["error_code"] == "WKS.0404"
    for body in ({}, {"task_id": task_id, "record_id": first["id"]}):
        assert frozen.post(STOP, json=body, headers=AUTH).status_code == 400


def test_retry_runs_what_did_not_succeed_in_a_new_task(frozen: httpx.Client, app: ReferenceApp) -> None:
    outcome(app, desktop="bad", result="fail")
    task_id = execute(frozen, resource_ids=["good", "bad"], script_ids=["s"])
    early = frozen.post(RETRY, json={"task_id": task_id}, headers=AUTH)
    assert early.status_code == 400 and early.json()["error_code"] == "WKS.0012"
    run_all(app)
    outcome(app, desktop="bad", result="success")  # the desktop is fixed
    retried = frozen.post(RETRY, json={"task_id": task_id}, headers=AUTH)
    assert retried.status_code == 200, retried.text
    new_task = retried.json()["task_id"]
    assert new_task != task_id
    run_all(app)
    assert statuses(frozen, new_task) == {"bad": "SUCCESS"} and task(frozen, new_task)["status"] == "SUCCESS"
    assert task(frozen, task_id)["status"] == "FAILED"  # the old task keeps its history
    nothing = frozen.post(RETRY, json={"task_id": new_task}, headers=AUTH)
    assert nothing.status_code == 400 and "every record succeeded" in nothing.json()["error_msg"]
    (bad_record,) = [record for record in records(frozen, task_id) if record["resource_id"] == "bad"]
    by_record = frozen.post(RETRY, json={"record_id": bad_record["id"]}, headers=AUTH)
    assert by_record.status_code == 200
    assert frozen.post(RETRY, json={"record_id": "nope"}, headers=AUTH).status_code == 404


def test_record_filters_and_pages(frozen: httpx.Client, app: ReferenceApp) -> None:
    task_id = execute(frozen, resource_ids=["d1", "d2", "d3"], script_ids=["s1", "s2"], gray_count=1)
    execute(frozen, resource_ids=["d1"], script_ids=["s1"])
    run_all(app)
    query = httpx.QueryParams(
        [("script_task_id", task_id), ("resource_id", "d1"), ("resource_id", "d3"), ("limit", 3)]
    )
    page = frozen.get(RECORDS, params=query, headers=AUTH).json()
    assert page["count"] == 4 and len(page["script_records"]) == 3
    assert {record["resource_id"] for record in page["script_records"]} <= {"d1", "d3"}
    gray = frozen.get(
        RECORDS, params={"script_task_id": task_id, "is_first_order": "TRUE"}, headers=AUTH
    ).json()
    assert gray["count"] == 2 and {record["execute_order"] for record in gray["script_records"]} == {1}
    history = frozen.get(
        RECORDS, params={"show_history": "true", "resource_id": "d1", "script_id": "s1"}, headers=AUTH
    )
    assert history.status_code == 200 and history.json()["count"] == 2
    assert frozen.get(RECORDS, params={"status": "SUCCESS"}, headers=AUTH).json()["count"] == 7
    assert (
        frozen.get(RECORDS, params={"execute_time_start": "2999-01-01T00:00:00Z"}, headers=AUTH).json()[
            "count"
        ]
        == 0
    )


def test_polling_one_task_pages_as_the_filtered_listing(frozen: httpx.Client, app: ReferenceApp) -> None:
    """A query naming only the task is answered by places in the task (``_task_page``); any other filter
    by the general listing. A filter that keeps every record must not change a page or the count."""
    execute(frozen, resource_ids=["x1", "x2"], script_ids=["s1"])
    task_id = execute(frozen, resource_ids=[f"d{i}" for i in range(7)], script_ids=["s1", "s2"], gray_count=2)
    execute(frozen, resource_ids=["x3"], script_ids=["s1"])
    run_all(app)
    # Pages on the edges of chunks of ten (10, 20, 100 from 0 or 10) are read from the joined chunks.
    pages = [(1, 0), (5, 0), (5, 5), (10, 13), (100, 0), (3, 14), (3, 2**40), (10, 0), (10, 10), (20, 0)]
    for limit, offset in [*pages, (10, 20), (10, 10**12)]:
        query: dict[str, str | int] = {"script_task_id": task_id, "limit": limit, "offset": offset}
        fast = frozen.get(RECORDS, params=query, headers=AUTH).json()
        general = frozen.get(RECORDS, params={**query, "task_type": "SCRIPT"}, headers=AUTH).json()
        assert fast == general, (limit, offset)
        assert fast["count"] == 14 and len(fast["script_records"]) == max(0, min(limit, 14 - offset))
    listed = frozen.get(RECORDS, params={"script_task_id": task_id, "limit": 100}, headers=AUTH).json()
    assert [(r["resource_id"], r["script_id"]) for r in listed["script_records"]] == [
        (f"d{i}", s) for i in range(7) for s in ("s1", "s2")
    ]
    assert [r["execute_order"] for r in listed["script_records"]] == [1] * 4 + [2] * 10
    unknown = frozen.get(RECORDS, params={"script_task_id": "no-such-task"}, headers=AUTH).json()
    assert unknown == {"count": 0, "script_records": []}


@pytest.mark.parametrize(
    ("path", "query", "code", "named"),
    [
        (RECORDS, {"show_history": "true", "resource_id": "d1"}, "WKS.0011", "script_id"),
        (RECORDS, {"limit": "0"}, "WKS.0010", "limit"),
        (RECORDS, {"limit": "101"}, "WKS.0010", "limit"),
        (RECORDS, {"offset": "-1"}, "WKS.0010", "offset"),
        (RECORDS, {"is_first_order": "yes"}, "WKS.0010", "is_first_order"),
        (TASKS, {"task_type": "SCRIPTS"}, "WKS.0010", "task_type"),
        (TASKS, {"execute_time_end": "yesterday"}, "WKS.0010", "execute_time_end"),
        (SCRIPTS, {"limit": "ten"}, "WKS.0010", "limit"),
        (SCRIPTS, [("name", "a"), ("name", "b")], "WKS.0010", "name"),
    ],
)
def test_bad_query_parameters_are_400_naming_them(
    client: httpx.Client, path: str, query: object, code: str, named: str
) -> None:
    response = client.get(path, params=query, headers=AUTH)  # type: ignore[arg-type]
    assert response.status_code == 400 and response.json()["error_code"] == code, response.text
    assert named in response.json()["error_msg"]


def test_task_filters(frozen: httpx.Client, app: ReferenceApp) -> None:
    script_id = new_script(frozen, "nightly report")
    first = execute(frozen, resource_ids=["d1"], script_ids=[script_id])
    second = execute(frozen, resource_ids=["d1"], command="dir", command_type="BAT")
    listed = frozen.get(TASKS, params=[("task_id", first), ("task_id", second)], headers=AUTH).json()
    assert listed["count"] == 2 and [item["id"] for item in listed["script_tasks"]] == [second, first]
    assert frozen.get(TASKS, params={"script_name": "report"}, headers=AUTH).json()["count"] == 1
    assert (
        frozen.get(TASKS, params={"script_id": script_id}, headers=AUTH).json()["script_tasks"][0]["id"]
        == first
    )
    assert frozen.get(TASKS, params={"status": "WAITING"}, headers=AUTH).json()["count"] == 2
    assert frozen.get(TASKS, params={"resource_group_id": "g"}, headers=AUTH).json()["count"] == 0
    (info,) = frozen.get(TASKS, params={"task_id": first}, headers=AUTH).json()["script_tasks"]
    assert (
        info["task_scripts"] == [{"id": script_id, "name": "nightly report"}] and info["start_time"] is None
    )


def test_405_names_the_methods_of_the_path(client: httpx.Client) -> None:
    response = client.post(f"{SCRIPTS}/abc", json={}, headers=AUTH)
    assert response.status_code == 405 and response.headers["allow"] == "GET, PUT, DELETE"
    assert response.json()["error_code"] == "WKS.0405"
    assert client.delete(TASKS, headers=AUTH).headers["allow"] == "GET"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", SCRIPTS),
        ("GET", TASKS),
        ("GET", RECORDS),
        ("GET", f"{RECORDS}/r1"),
        ("DELETE", f"{SCRIPTS}/s"),
    ],
)
def test_every_operation_checks_the_caller(client: httpx.Client, method: str, path: str) -> None:
    assert client.request(method, path).status_code == 401
    other = client.request(method, path, headers={"X-Auth-Token": OTHER_TOKEN})
    assert other.status_code == 403 and other.json()["error_code"] == "WKS.0403"


def test_faults_hit_every_operation_before_or_after_the_commit(
    client: httpx.Client, app: ReferenceApp
) -> None:
    app.service.arm_faults({"count": 1, "status": 503})
    refused = client.post(SCRIPTS, json={"name": "n", "type": "BAT", "content": "c"}, headers=AUTH)
    assert refused.status_code == 503 and client.get(SCRIPTS, headers=AUTH).json()["count"] == 0
    app.service.arm_faults({"count": 1, "status": 500, "after_commit": True})
    late = client.post(SCRIPTS, json={"name": "n", "type": "BAT", "content": "c"}, headers=AUTH)
    assert late.status_code == 500 and client.get(SCRIPTS, headers=AUTH).json()["count"] == 1
    app.service.arm_faults({"count": 1, "status": 503})
    assert client.get(TASKS, headers=AUTH).status_code == 503


def test_the_real_clock_finishes_a_small_task_by_itself(client: httpx.Client) -> None:
    from .polling import eventually

    task_id = execute(client, resource_ids=["d1", "d2"], script_ids=["s"], gray_count=1)
    eventually(lambda: task(client, task_id)["status"] == "SUCCESS", within=10)


def test_a_threshold_past_64_bits_is_stored_and_never_reached(
    frozen: httpx.Client, app: ReferenceApp
) -> None:
    outcome(app, desktop="g", result="fail")
    task_id = execute(
        frozen, resource_ids=["g", "r"], script_ids=["s"], gray_resource_ids=["g"], gray_fail_threshold=10**30
    )
    run_all(app)
    assert statuses(frozen, task_id) == {"g": "FAILED", "r": "SUCCESS"}


def test_an_offset_past_64_bits_is_an_empty_page(client: httpx.Client) -> None:
    for path in (SCRIPTS, TASKS, RECORDS):
        response = client.get(path, params={"offset": str(10**30)}, headers=AUTH)
        assert response.status_code == 200 and response.json()["count"] == 0, response.text
