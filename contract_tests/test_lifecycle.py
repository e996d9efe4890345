"""The lifecycle the pages describe, step by step: a script is created, read, changed, listed and deleted;
a task is started, listed, its records read and their output shown; a task is stopped and retried.

Each step is a clause of its own, so the first broken one is named. Reads that must see an earlier write
are polled (``workspace.settle``: at most ``SETTLE_SECONDS``), allowing for an eventually consistent
service; a clause that gives up says how long it waited.
"""

from __future__ import annotations

from typing import Any

import requests

from contract_tests import conformance, guard, operations, report, sources, workspace
from contract_tests.fixtures import execution_desktops, final_records, start_task
from contract_tests.operations import json_body
from contract_tests.target import Target
from contract_tests.workspace import Library, items, send, settle, settle_note

SCRIPT_FIELDS = ("name", "type", "description", "version", "content")


def _conforms(operation_id: str, response: requests.Response) -> None:
    conformance.expect_conforming(operations.by_id(operation_id), response)


def _show(target: Target, script_id: str) -> requests.Response:
    return send(target, workspace.SHOW_SCRIPT, path_ids={"script_id": script_id})


def _expect_no_body(response: requests.Response, operation_id: str) -> None:
    report.expect(
        response.status_code == 204,
        f"{operation_id} (status code 204): the script the run created is changed",
        f"expected 204, got {response.status_code}",
        response,
    )
    report.expect(
        not response.content,
        "HTTP 204 No Content (UpdateScript, DeleteScript): the answer has no body",
        f"the 204 answer carries {len(response.content)} byte(s)",
        response,
        source=sources.HTTP,
    )


def test_script_lifecycle(contract_target: Target, library: Library) -> None:
    """Create -> show -> update -> show again -> list finds it -> delete -> show is 404."""
    script_id, created = library.create(contract_target, "lifecycle")

    shown = _show(contract_target, script_id)
    _conforms(workspace.SHOW_SCRIPT, shown)
    body = json_body(shown) or {}
    differing = [name for name in SCRIPT_FIELDS if body.get(name) != created[name]]
    report.expect(
        shown.status_code == 200 and body.get("id") == script_id and not differing,
        "ShowScriptDetail (response table): a created script reads back as it was stored",
        f"fields differing from what CreateScript sent: {differing}",
        shown,
    )

    change = {
        "name": workspace.probe_name("renamed"),
        "description": "changed by the contract suite",
        "content": workspace.HARMLESS_AGAIN,
        "version": "2",
    }
    updated = send(contract_target, workspace.UPDATE, path_ids={"script_id": script_id}, body=change)
    _expect_no_body(updated, workspace.UPDATE)

    shown, done = settle(
        lambda: _show(contract_target, script_id),
        lambda r: (json_body(r) or {}).get("name") == change["name"],
    )
    body = json_body(shown) or {}
    differing = [name for name in change if body.get(name) != change[name]]
    report.expect(
        done and not differing and body.get("type") == created["type"],
        "UpdateScript then ShowScriptDetail: the update is kept (and the type, which it cannot change)",
        f"fields not updated: {differing}; type {body.get('type')!r} {settle_note()}",
        shown,
    )

    def listed(response: requests.Response) -> bool:
        return any(item.get("id") == script_id for item in items(response, "scripts"))

    found, done = settle(
        lambda: send(contract_target, workspace.LIST_SCRIPTS, query={"id": script_id}), listed
    )
    _conforms(workspace.LIST_SCRIPTS, found)
    report.expect(
        done and (json_body(found) or {}).get("count") == 1,
        "ListScripts (query id): the script is listed, once, under its id",
        f"listing by id did not show exactly this script {settle_note()}",
        found,
    )
    found, done = settle(
        lambda: send(contract_target, workspace.LIST_SCRIPTS, query={"name": change["name"]}), listed
    )
    report.expect(
        done,
        "ListScripts (query name): the script is listed under its new name",
        f"listing by name did not show it {settle_note()}",
        found,
    )

    deleted = send(contract_target, workspace.DELETE, path_ids={"script_id": script_id})
    _expect_no_body(deleted, workspace.DELETE)
    library.forget(script_id)

    gone, done = settle(lambda: _show(contract_target, script_id), lambda r: r.status_code == 404)
    report.expect(
        done,
        "DeleteScript then ShowScriptDetail (status code 404): a deleted script is gone",
        f"after the delete, the script still answers {gone.status_code} {settle_note()}",
        gone,
    )
    found, done = settle(
        lambda: send(contract_target, workspace.LIST_SCRIPTS, query={"id": script_id}),
        lambda r: not listed(r),
    )
    report.expect(
        done and (json_body(found) or {}).get("count") == 0,
        "DeleteScript then ListScripts: a deleted script is not listed (count 0)",
        f"the deleted script is still listed {settle_note()}",
        found,
    )
    again = send(contract_target, workspace.DELETE, path_ids={"script_id": script_id})
    report.expect(
        again.status_code == 404,
        "DeleteScript (status code 404): deleting a deleted script finds nothing",
        f"expected 404, got {again.status_code}",
        again,
    )


def _records(target: Target, task_id: str) -> list[dict[str, Any]]:
    return items(workspace.records_of(target, task_id), "script_records")


def test_execution_lifecycle(contract_target: Target, a_script: tuple[str, dict[str, Any]]) -> None:
    """Execute -> the task is listed -> its records carry its id -> a record's detail has its output."""
    script_id = a_script[0]
    desktops = execution_desktops()
    task_id = start_task(contract_target, script_id, desktops)

    def has_task(response: requests.Response) -> bool:
        return any(item.get("id") == task_id for item in items(response, "script_tasks"))

    listed, done = settle(lambda: workspace.task_of(contract_target, task_id), has_task)
    _conforms(workspace.LIST_TASKS, listed)
    task = next((item for item in items(listed, "script_tasks") if item.get("id") == task_id), {})
    report.expect(
        done and (json_body(listed) or {}).get("count") == 1,
        "ExecuteScriptOrCommand then ListScriptTasks (query task_id): the new task is listed",
        f"task {task_id} not listed alone {settle_note()}",
        listed,
    )
    named = [entry.get("id") for entry in task.get("task_scripts") or [] if isinstance(entry, dict)]
    report.expect(
        script_id in named,
        "ListScriptTasks (response table, task_scripts): the task names the scripts it runs",
        f"task_scripts names {named}, not {script_id}",
        listed,
    )

    final, done = workspace.wait_until_final(contract_target, task_id)
    _conforms(workspace.LIST_RECORDS, final)
    records = items(final, "script_records")
    report.expect(
        bool(records) and all(record.get("script_task_id") == task_id for record in records),
        "ListScriptRecords (query script_task_id): the task's records carry its id",
        f"records: {[(r.get('id'), r.get('script_task_id')) for r in records]}",
        final,
    )
    pairs = sorted((str(r.get("resource_id")), str(r.get("script_id"))) for r in records)
    if not guard.active().live:  # live mode swaps the desktops for sandbox ones
        report.expect(
            pairs == sorted((desktop, script_id) for desktop in desktops),
            "ExecuteScriptOrCommand (x-decisions one_record_per_desktop_and_script): one record per desktop",
            f"records for (desktop, script): {pairs}",
            final,
            source=sources.ASSUMPTION,
        )
    report.expect(
        done,
        "ListScriptRecords: a task's records become final (SUCCESS, FAILED, TIMEOUT, STOPPED, SKIPPED)",
        f"records still unfinished: {[r.get('status') for r in records]} {settle_note()}",
        final,
        source=sources.ASSUMPTION,
    )

    record = records[0]
    detail = send(contract_target, workspace.SHOW_RECORD, path_ids={"record_id": str(record.get("id"))})
    _conforms(workspace.SHOW_RECORD, detail)
    shown = json_body(detail) or {}
    differing = [
        name
        for name in ("id", "script_task_id", "resource_id", "script_id", "status")
        if shown.get(name) != record.get(name)
    ]
    report.expect(
        detail.status_code == 200 and not differing,
        "ShowScriptRecordDetail (response table): the record's detail holds the listed record's fields",
        f"fields differing from the list: {differing}",
        detail,
    )
    report.expect(
        "output" in shown
        and (record.get("status") not in ("SUCCESS", "FAILED") or isinstance(shown["output"], str)),
        "ShowScriptRecordDetail (response table, output): a record that ran has its output",
        f"output is {shown.get('output')!r} for a {record.get('status')} record",
        detail,
        source=sources.ASSUMPTION,
    )

    _expect_counts_agree(contract_target, task_id, records)


def _expect_counts_agree(target: Target, task_id: str, records: list[dict[str, Any]]) -> None:
    listed, _ = settle(
        lambda: workspace.task_of(target, task_id),
        lambda r: any(t.get("status") in workspace.FINAL_TASK for t in items(r, "script_tasks")),
    )
    task = next((item for item in items(listed, "script_tasks") if item.get("id") == task_id), {})
    states = [r.get("status") for r in records]
    expected = {
        "success_num": states.count("SUCCESS"),
        "failed_num": states.count("FAILED") + states.count("TIMEOUT"),
        "skip_num": states.count("SKIPPED") + states.count("STOPPED"),
    }
    got = {name: task.get(name) for name in expected}
    report.expect(
        got == expected,
        "ListScriptTasks (x-decisions task_counts): a final task's counts agree with its records",
        f"task counts {got}, records say {expected} {settle_note()}",
        listed,
        source=sources.ASSUMPTION,
    )


def test_stop_then_retry(contract_target: Target, a_script: tuple[str, dict[str, Any]]) -> None:
    """Stop a task the run started, then retry what did not succeed (a new task, counted as one)."""
    task_id = start_task(contract_target, a_script[0])
    stopped = send(contract_target, workspace.STOP, body={"task_id": task_id})
    report.expect(
        stopped.status_code == 200,
        "StopScriptExecution (status code 200): a task the run started can be stopped",
        f"expected 200, got {stopped.status_code}",
        stopped,
    )
    records, _ = final_records(
        contract_target,
        task_id,
        "StopScriptExecution (x-decisions stop_unfinished_only): after a stop no record is left unfinished",
        seen="statuses after the stop",
    )
    before = {r.get("id"): r.get("status") for r in records}
    again = send(contract_target, workspace.STOP, body={"record_id": str(records[0].get("id"))})
    after = {r.get("id"): r.get("status") for r in _records(contract_target, task_id)}
    report.expect(
        again.status_code == 200 and after == before,
        "StopScriptExecution (x-decisions stop_unfinished_only): stopping a final record answers 200, "
        "changes nothing",
        f"answered {again.status_code}; statuses before {before}, after {after}",
        again,
        source=sources.ASSUMPTION,
    )

    unsuccessful = sorted(
        (str(r.get("resource_id")), str(r.get("script_id"))) for r in records if r.get("status") != "SUCCESS"
    )
    with guard.accepting():  # a retry runs scripts again: live mode counts it as a task
        retried = send(contract_target, workspace.RETRY, body={"task_id": task_id})
    if not unsuccessful:
        report.expect(
            retried.status_code == 400,
            "RetryScriptExecution (x-decisions retry_what_did_not_succeed): nothing to retry is a 400",
            f"every record succeeded, yet the retry answered {retried.status_code}",
            retried,
            source=sources.ASSUMPTION,
        )
        return
    _conforms(workspace.RETRY, retried)
    new_id = (json_body(retried) or {}).get("task_id")
    report.expect(
        retried.status_code == 200 and isinstance(new_id, str),
        "RetryScriptExecution (status code 200, task_id): a stopped task can be retried",
        f"expected 200 with a task_id, got {retried.status_code}",
        retried,
    )
    found, _ = settle(
        lambda: workspace.records_of(contract_target, str(new_id)),
        lambda r: len(items(r, "script_records")) >= len(unsuccessful),
    )
    rerun = sorted(
        (str(r.get("resource_id")), str(r.get("script_id"))) for r in items(found, "script_records")
    )
    report.expect(
        new_id != task_id and rerun == unsuccessful,
        "RetryScriptExecution (x-decisions retry_makes_a_new_task): a new task re-runs what did not succeed",
        f"retry answered task {new_id!r} (was {task_id!r}) running {rerun}; did not succeed: {unsuccessful} "
        f"{settle_note()}",
        found,
        source=sources.ASSUMPTION,
    )
