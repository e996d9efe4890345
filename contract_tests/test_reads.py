"""Invariants of the three list operations, on sets the run created itself (so nothing else changes them):
``count`` is the number of all matches, pages with the same filter partition the set, an offset past
the end gives an empty page, every item matches every filter, and reads change nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from contract_tests import report, sources, workspace
from contract_tests.fixtures import execution_desktops, start_task
from contract_tests.operations import json_body
from contract_tests.target import Target
from contract_tests.workspace import Library, items, send, settle, settle_note

SCRIPTS_IN_SET = 5
TYPES = ("POWERSHELL", "POWERSHELL", "SHELL", "SHELL", "SHELL")


@pytest.fixture
def script_set(contract_target: Target, library: Library) -> tuple[str, dict[str, str]]:
    """Five scripts sharing one new name (names may repeat): (the name, {id: type})."""
    name = workspace.probe_name("set")
    made = {}
    for kind in TYPES[:SCRIPTS_IN_SET]:
        script_id, _ = library.create(contract_target, name=name, type=kind)
        made[script_id] = kind
    return name, made


def _count(response: requests.Response) -> Any:
    return (json_body(response) or {}).get("count")


def _pages(
    target: Target, operation_id: str, key: str, query: dict[str, Any], size: int, total: int
) -> list[list[str]]:
    pages = []
    for offset in range(0, total, size):
        response = send(target, operation_id, query={**query, "offset": offset, "limit": size})
        report.expect(
            response.status_code == 200,
            f"{operation_id} (query offset, limit): every page of a set can be read",
            f"offset {offset} limit {size} answered {response.status_code}",
            response,
        )
        pages.append([str(item.get("id")) for item in items(response, key)])
    return pages


def _expect_partition(
    operation_id: str, pages: list[list[str]], expected: set[str], size: int, response: requests.Response
) -> None:
    flat = [item for page in pages for item in page]
    report.expect(
        len(flat) == len(set(flat)) and set(flat) == expected and all(len(page) <= size for page in pages),
        f"{operation_id} (query offset, limit): pages with the same filter partition the set (no duplicate, "
        "no gap)",
        f"pages {pages}; the set is {sorted(expected)}",
        response,
    )


def _expect_empty_past_the_end(
    target: Target, operation_id: str, key: str, query: dict[str, Any], total: int
) -> None:
    for offset in (total, total + 1000):
        response = send(target, operation_id, query={**query, "offset": offset})
        report.expect(
            response.status_code == 200 and items(response, key) == [] and _count(response) == total,
            f"{operation_id} (query offset): an offset past the end gives an empty page, count unchanged",
            f"offset {offset} of {total} answered {response.status_code} with {len(items(response, key))} "
            "item(s), "
            f"count {_count(response)!r}",
            response,
        )


def test_script_pages_count_and_filters(
    contract_target: Target, script_set: tuple[str, dict[str, str]]
) -> None:
    name, made = script_set
    query = {"name": name}
    first, done = settle(
        lambda: send(contract_target, workspace.LIST_SCRIPTS, query={**query, "limit": 100}),
        lambda r: _count(r) == len(made),
    )
    report.expect(
        done,
        "ListScripts (response table, count): count is the number of all scripts matching the filter",
        f"{len(made)} scripts named {name!r} were created; count is {_count(first)!r} {settle_note()}",
        first,
    )
    listed = items(first, "scripts")
    report.expect(
        all(name in str(item.get("name")) for item in listed),
        "ListScripts (query name): every listed script matches the name filter",
        f"names listed: {sorted({str(item.get('name')) for item in listed})}",
        first,
        source=sources.ASSUMPTION,
    )
    pages = _pages(contract_target, workspace.LIST_SCRIPTS, "scripts", query, 2, len(made))
    _expect_partition(workspace.LIST_SCRIPTS, pages, set(made), 2, first)
    _expect_empty_past_the_end(contract_target, workspace.LIST_SCRIPTS, "scripts", query, len(made))

    typed = send(contract_target, workspace.LIST_SCRIPTS, query={**query, "type": "POWERSHELL", "limit": 100})
    wanted = {script_id for script_id, kind in made.items() if kind == "POWERSHELL"}
    got = {str(item.get("id")) for item in items(typed, "scripts")}
    report.expect(
        got == wanted and _count(typed) == len(wanted),
        "ListScripts (query type, with name): every item matches every filter, and count counts them",
        f"POWERSHELL scripts of the set: {sorted(wanted)}; listed {sorted(got)}, count {_count(typed)!r}",
        typed,
    )
    one = next(iter(made))
    by_id = send(contract_target, workspace.LIST_SCRIPTS, query={"id": one})
    report.expect(
        [str(item.get("id")) for item in items(by_id, "scripts")] == [one],
        "ListScripts (query id): only the script with that id is listed",
        f"listed {[item.get('id') for item in items(by_id, 'scripts')]}",
        by_id,
    )


def test_reads_change_nothing(
    contract_target: Target, script_set: tuple[str, dict[str, str]], a_task: str
) -> None:
    """GET is safe (RFC 9110): the same reads, repeated around other reads, answer the same."""
    name, made = script_set
    reads: list[tuple[str, dict[str, Any]]] = [
        (workspace.LIST_SCRIPTS, {"query": {"name": name, "limit": 100}}),
        (workspace.SHOW_SCRIPT, {"path_ids": {"script_id": next(iter(made))}}),
        (workspace.LIST_RECORDS, {"query": {"script_task_id": a_task, "limit": 100}}),
    ]
    settle(lambda: workspace.records_of(contract_target, a_task), workspace.all_final)
    before = [send(contract_target, operation_id, **kwargs) for operation_id, kwargs in reads]
    for operation_id, kwargs in reads:
        send(contract_target, operation_id, **kwargs)
    after = [send(contract_target, operation_id, **kwargs) for operation_id, kwargs in reads]
    for (operation_id, _), first, second in zip(reads, before, after, strict=True):
        report.expect(
            first.status_code == second.status_code and json_body(first) == json_body(second),
            f"HTTP GET is safe (RFC 9110): {operation_id} read twice answers the same",
            "the second answer differs from the first",
            second,
            source=sources.HTTP,
        )


def test_record_pages_count_and_filters(contract_target: Target, a_task: str) -> None:
    final, _ = workspace.wait_until_final(contract_target, a_task)
    records = items(final, "script_records")
    total = len(records)
    report.expect(
        total > 0 and _count(final) == total,
        "ListScriptRecords (response table, count): count is the number of all records matching the filter",
        f"{total} record(s) listed with limit 100, count {_count(final)!r}",
        final,
    )
    query = {"script_task_id": a_task}
    pages = _pages(contract_target, workspace.LIST_RECORDS, "script_records", query, 1, total)
    _expect_partition(workspace.LIST_RECORDS, pages, {str(r.get("id")) for r in records}, 1, final)
    _expect_empty_past_the_end(contract_target, workspace.LIST_RECORDS, "script_records", query, total)

    desktop = str(records[0].get("resource_id"))
    status = str(records[0].get("status"))
    filters: list[tuple[dict[str, Any], str, Any, str]] = [
        ({"resource_id": [desktop]}, "resource_id", lambda r: r.get("resource_id") == desktop, sources.PAGE),
        ({"status": status}, "status", lambda r: r.get("status") == status, sources.PAGE),
        ({"is_first_order": True}, "is_first_order", lambda r: r.get("execute_order") == 1, sources.PAGE),
        (
            {"is_first_order": False},
            "is_first_order",
            lambda r: r.get("execute_order") != 1,
            sources.ASSUMPTION,
        ),
    ]
    for extra, name, matches, source in filters:
        response = send(contract_target, workspace.LIST_RECORDS, query={**query, **extra, "limit": 100})
        listed = items(response, "script_records")
        report.expect(
            response.status_code == 200
            and all(matches(r) and r.get("script_task_id") == a_task for r in listed)
            and _count(response) == len(listed),
            f"ListScriptRecords (query {name}, with script_task_id): every item matches every filter",
            f"{extra}: listed {[(r.get('id'), r.get(_shown(name))) for r in listed]}",
            response,
            source=source,
        )


def _shown(name: str) -> str:
    """The record field a filter is judged on."""
    return "execute_order" if name == "is_first_order" else name


def test_task_pages_count_and_filters(
    contract_target: Target, a_script: tuple[str, dict[str, Any]], a_task: str
) -> None:
    other = start_task(contract_target, a_script[0], execution_desktops()[:1])
    wanted = {a_task, other}
    query = {"task_id": sorted(wanted)}
    first, done = settle(
        lambda: send(contract_target, workspace.LIST_TASKS, query=query), lambda r: _count(r) == 2
    )
    listed = {str(item.get("id")) for item in items(first, "script_tasks")}
    report.expect(
        done and listed == wanted,
        "ListScriptTasks (query task_id, repeated keys): exactly the tasks named are listed, and counted",
        f"asked for {sorted(wanted)}, listed {sorted(listed)}, count {_count(first)!r} {settle_note()}",
        first,
    )
    pages = _pages(contract_target, workspace.LIST_TASKS, "script_tasks", query, 1, 2)
    _expect_partition(workspace.LIST_TASKS, pages, wanted, 1, first)
    _expect_empty_past_the_end(contract_target, workspace.LIST_TASKS, "script_tasks", query, 2)
    by_script = send(contract_target, workspace.LIST_TASKS, query={**query, "script_id": a_script[0]})
    runs_it = [
        any(isinstance(s, dict) and s.get("id") == a_script[0] for s in item.get("task_scripts") or [])
        for item in items(by_script, "script_tasks")
    ]
    report.expect(
        by_script.status_code == 200 and all(runs_it) and _count(by_script) == len(runs_it) == 2,
        "ListScriptTasks (query script_id, with task_id): every item matches every filter",
        f"listed {len(runs_it)} task(s), count {_count(by_script)!r}; each runs the script: {runs_it}",
        by_script,
    )
