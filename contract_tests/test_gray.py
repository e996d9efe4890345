"""The gray rule, observed: the gray batch runs first, and gray failures past the threshold leave the rest
not run; with a passing script the rest does run.

Failing a desktop needs a script that fails on purpose: ``--sandbox-failing-script`` names one (on any
target), and on the bundled server the run makes one with the server's outcome control. Without one,
the clauses that need a failure are skipped, saying why. Every execution here spends a task of live
mode's budget.

Where the page leaves the edge open (failures equal to the threshold; a threshold of 0 with no failure),
the contract reads "reached" as "more failures than tolerated" (``x-decisions gray_threshold_reached``):
a server reading it the other way breaks that assumption, never the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from contract_tests import report, sources
from contract_tests.fixtures import execution_desktops, final_records, start_task
from contract_tests.target import Target

RAN = frozenset({"SUCCESS", "FAILED", "TIMEOUT"})  # a record in one of these was run


def _run(target: Target, script_id: str, **gray: Any) -> tuple[str, list[dict[str, Any]], Any]:
    desktops = execution_desktops()[:2]
    task_id = start_task(target, script_id, desktops, **gray)
    records, final = final_records(
        target,
        task_id,
        "ListScriptRecords: a task's records become final (SUCCESS, FAILED, TIMEOUT, STOPPED, SKIPPED)",
    )
    return task_id, records, final


def _batches(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return [r for r in records if r.get("execute_order") == 1], [
        r for r in records if r.get("execute_order") != 1
    ]


def _expect_gray_first(records: list[dict[str, Any]], final: Any) -> None:
    gray, rest = _batches(records)
    orders = sorted({r.get("execute_order") for r in records}, key=str)
    report.expect(
        len(gray) == 1 and bool(rest) and all(r.get("execute_order") == 2 for r in rest),
        "ExecuteScriptOrCommand (gray batch; ListScriptRecords execute_order): gray records are 1, the rest "
        "2",
        f"execute_order of the records: {[(r.get('resource_id'), r.get('execute_order')) for r in records]} "
        f"({orders})",
        final,
    )
    ends = [str(r.get("end_time")) for r in gray if r.get("end_time")]
    starts = [str(r.get("start_time")) for r in rest if r.get("start_time")]
    report.expect(
        not ends or not starts or max(ends) <= min(starts),
        "ExecuteScriptOrCommand (gray batch first): no record of the rest starts before the gray batch is "
        "final",
        f"gray batch ended {ends}; the rest started {starts}",
        final,
    )


def _rest_ran(records: list[dict[str, Any]]) -> bool:
    return all(r.get("status") in RAN for r in _batches(records)[1])


@pytest.fixture
def passing(a_script: tuple[str, dict[str, Any]]) -> str:
    return a_script[0]


def test_passing_gray_batch_lets_the_rest_run(contract_target: Target, passing: str) -> None:
    _, records, final = _run(contract_target, passing, gray_count=1)
    _expect_gray_first(records, final)
    report.expect(
        _rest_ran(records),
        "ExecuteScriptOrCommand (gray_fail_threshold): without a threshold, the rest runs after the gray "
        "batch",
        f"statuses of the rest: {[r.get('status') for r in _batches(records)[1]]}",
        final,
    )


def test_threshold_zero_without_failure_lets_the_rest_run(contract_target: Target, passing: str) -> None:
    """The edge the page leaves open: 0 failures against a threshold of 0."""
    _, records, final = _run(contract_target, passing, gray_count=1, gray_fail_threshold=0)
    report.expect(
        _rest_ran(records),
        "ExecuteScriptOrCommand (x-decisions gray_threshold_reached): a threshold of 0 with no failure lets "
        "the rest run",
        f"no gray failure, yet the rest is {[r.get('status') for r in _batches(records)[1]]} "
        "(this server reads 'reached' as 'at least as many')",
        final,
        source=sources.ASSUMPTION,
    )


def test_failures_past_the_threshold_skip_the_rest(
    contract_target: Target, failing: Callable[[], str]
) -> None:
    """One gray desktop fails, threshold 0: past the threshold under either reading of the page."""
    _, records, final = _run(contract_target, failing(), gray_count=1, gray_fail_threshold=0)
    _expect_gray_first(records, final)
    gray, rest = _batches(records)
    report.expect(
        all(r.get("status") in ("FAILED", "TIMEOUT") for r in gray),
        "the failing sandbox script fails (--sandbox-failing-script, or the bundled server's outcome "
        "control)",
        f"gray statuses: {[r.get('status') for r in gray]}",
        final,
        source=sources.ASSUMPTION,
    )
    report.expect(
        not any(r.get("status") in RAN for r in rest),
        "ExecuteScriptOrCommand (gray_fail_threshold): gray failures past the threshold leave the rest not "
        "run",
        f"the gray batch failed, yet the rest is {[r.get('status') for r in rest]}",
        final,
    )
    report.expect(
        all(r.get("status") == "SKIPPED" for r in rest),
        "ExecuteScriptOrCommand (x-known-values): the records not run are SKIPPED",
        f"statuses of the rest: {[r.get('status') for r in rest]}",
        final,
        source=sources.ASSUMPTION,
    )


def test_failures_equal_to_the_threshold_let_the_rest_run(
    contract_target: Target, failing: Callable[[], str]
) -> None:
    """The other edge the page leaves open: one gray failure against a threshold of 1 (the gray batch named
    by gray_resource_ids, so gray_count's bound does not apply)."""
    desktops = execution_desktops()[:2]
    _, records, final = _run(
        contract_target, failing(), gray_resource_ids=desktops[:1], gray_fail_threshold=1
    )
    report.expect(
        _rest_ran(records),
        "ExecuteScriptOrCommand (x-decisions gray_threshold_reached): failures equal to the threshold let "
        "the rest run",
        "one gray failure against a threshold of 1, yet the rest is "
        f"{[r.get('status') for r in _batches(records)[1]]} "
        "(this server reads 'reached' as 'at least as many')",
        final,
        source=sources.ASSUMPTION,
    )
