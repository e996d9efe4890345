"""Property-based fuzzing of the operation with Schemathesis: built-in checks plus the page's clauses."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi import checks as builtin

from contract_tests import (
    api_rules,
    checks,
    constraints,
    guard,
    id_rules,
    operations,
    report,
    settings,
    spec,
    unchecked,
    workspace,
)
from contract_tests.budget import Budget
from contract_tests.target import Target


def _schema() -> schemathesis.BaseSchema:
    # Built when pytest collects this module, after pytest_configure read the options. (from_fixture
    # would remove this module-level read, but in Schemathesis 4.32.5 under pytest 9.2 it needs a shim for
    # the removed ``node._nodeid`` and reports the fuzzing as a subtest the clause-first report does not
    # read yet.)
    current = settings.current()
    config = schemathesis.Config.from_dict(
        {
            "seed": current.seed,
            "generation": {
                "max-examples": current.max_examples,
                # The suite sends real credentials; generated ones would only blur what a refusal means.
                "with-security-parameters": False,
                **({} if current.replay else {"database": "none"}),
            },
            # Fuzz the body against the project the credentials belong to; foreign ids get their own test.
            "parameters": {"project_id": current.target.project_id},
            # The original operation keeps the whole --max-examples; each other one a fifth of it, so the
            # twelve operations together cost about three times what one did (their bodies are smaller).
            "operations": [
                {
                    "include-operation-id": operation_id,
                    "generation": {"max-examples": max(1, current.max_examples // 5)},
                }
                for operation_id in operations.operation_ids()
                if operation_id != operations.ORIGINAL
            ],
            **({"phases": LIVE_PHASES} if current.live else {}),
            "checks": {
                # Documented refusals of a bad request (Status Codes table).
                "negative_data_rejection": {"expected-statuses": ["400", "401", "403", "404"]},
                # A valid body may still be refused for permissions or unknown scripts/desktops (403, 404).
                # (204: UpdateScript and DeleteScript answer without a body.)
                "positive_data_acceptance": {"expected-statuses": ["200", "204", "403", "404"]},
            },
        }
    )
    # Our own server is held to the SDK's fields too; any other server to the page (and HTTP) alone.
    document = spec.load() if current.target.bundled else spec.page_view(spec.load())
    loaded = schemathesis.openapi.from_dict(document, config=config)
    return loaded.include(operation_id=list(spec.FUZZED_OPERATIONS))


# Live mode, paced: the first cases sent are positive ones, so the task budget left by the hand-made clauses
# goes to fuzzed bodies. The contract's own examples are already sent by those clauses; the boundary
# phase's negative cases (some 80 requests, a minute at the live pace) by the hand-made type clauses.
LIVE_PHASES = {"examples": {"enabled": False}, "coverage": {"generation": {"mode": "positive"}}}

schema = _schema()

BUILTIN_CHECKS = [
    not_a_server_error,
    builtin.status_code_conformance,
    builtin.content_type_conformance,
    builtin.response_schema_conformance,
    builtin.response_headers_conformance,
    builtin.missing_required_header,
    builtin.unsupported_method,
    builtin.ignored_auth,
]
CLAUSE_CHECKS = [
    checks.negative_data_rejection_by_source,
    checks.error_fields_on_every_error,
    checks.cross_field_rule_enforced,
    checks.positive_data_acceptance_within_rules,
    checks.no_body_on_204,
]
DISTINCT_TASK_IDS = checks.DistinctTaskIds()


def worth_a_task(case: schemathesis.Case) -> bool:
    """Live mode: a positive case keeping the cross-field rules may name sandbox ids (budget allowing)."""
    meta = case.meta
    positive = meta is not None and meta.generation.mode == GenerationMode.POSITIVE
    return positive and not constraints.broken(operations.of_case(case), body=case.body)


def live_fuzzed(operation: operations.Operation) -> str | None:
    """Why live mode does not fuzz ``operation`` (None: it does). Every operation is fuzzed, under the
    gate's rules (``api_rules``); execution by desktop tag only with the user's sandbox tag."""
    if operation.operation_id == api_rules.BY_TAG and guard.active().limits.sandbox.tag is None:
        return api_rules.NO_TAG
    return None


def _names_something(parameter: operations.Parameter) -> bool:
    """A free-text parameter (or array of them) that may name a script, task, record or desktop."""
    schema = parameter.schema.get("items", {}) if parameter.is_array else parameter.schema
    return schema.get("type") == "string" and "enum" not in schema and "format" not in schema


def probe_parameters(case: schemathesis.Case) -> None:
    """Live mode: every free-text path and query parameter becomes a probe id (a read may be fuzzed,
    but names only ids that cannot be a real script, task, record or desktop)."""
    operation = operations.of_case(case)
    for parameter in operation.parameters:
        values = case.path_parameters if parameter.where == "path" else case.query
        if parameter.name == "project_id" or not isinstance(values, dict) or parameter.name not in values:
            continue
        if _names_something(parameter):
            values[parameter.name] = id_rules.steer(values[parameter.name], frozenset())


def steer_case(case: schemathesis.Case, run: guard.Guard) -> contextlib.AbstractContextManager[Any]:
    """Live mode: swap the case's ids before sending, so the request judged is the request sent; the
    context lets the case itself (not the checks' follow-up requests) name sandbox ids."""
    if not run.live:
        return contextlib.nullcontext()
    probe_parameters(case)
    if case.body is NOT_SET:
        return contextlib.nullcontext()
    positive = worth_a_task(case)
    operation_id = operations.of_case(case).operation_id
    accept = positive and run.tasks_left() > 0 and operation_id in TASK_WORTHY
    body = case.body
    if operation_id in api_rules.SCRIPT_WRITES:
        case.body = api_rules.steer_script(body, keep_short=not positive)
        problems = api_rules.script_problems(operation_id, case.body)
        if problems:
            raise LiveHeldBack(f"a script body live mode does not send ({problems[0]})")
        return contextlib.nullcontext()
    execution = operation_id == operations.ORIGINAL
    if execution and positive and isinstance(body, dict) and not id_rules.names_desktop(body):
        # What the service does with an execution naming no desktop is unknown: name one, a sandbox
        # desktop if the case may spend a task, else a probe one (refused as unknown).
        body = {**body, "resource_ids": ["fuzzed-case-desktop"]}
    case.body = run.steer_value(body, accept=accept, operation_id=operation_id)
    return run.allowance() if accept else contextlib.nullcontext()


# Operations whose positive fuzzed cases may name the sandbox (and spend a task): the executions.
TASK_WORTHY = frozenset({operations.ORIGINAL, api_rules.BY_TAG})


class LiveHeldBack(Exception):
    """A fuzzed case live mode does not send: steering it would change what it tests (a negative case
    whose script name or content is missing or of another type), or the gate refused it."""


def delete_created_script(operation_id: str, response: Any, target: Target) -> None:
    """A fuzzed CreateScript that was accepted left a script: delete it at once, so the next case finds
    the library as it was (a server may look script ids up only once its library holds one)."""
    if operation_id != "CreateScript" or response.status_code != 200:
        return
    with contextlib.suppress(ValueError, AttributeError):
        script_id = response.json().get("script_id")
        if isinstance(script_id, str):
            workspace.send(target, "DeleteScript", path_ids={"script_id": script_id})


@schema.parametrize()
def test_operation_conforms(case: schemathesis.Case, contract_target: Target, fuzz_budget: Budget) -> None:
    operation = operations.of_case(case)
    operation_id = operation.operation_id
    why_not = live_fuzzed(operation) if guard.active().live else None
    if why_not is not None:
        # A plain skip, not "not checked" (like a failing script that was not given).
        pytest.skip(f"live mode does not fuzz {operation.label}: {why_not}")
    if not fuzz_budget.take(operation_id):
        return  # time budget used: the remaining examples send nothing
    run = guard.active()
    try:
        with steer_case(case, run):
            response = case.call_and_validate(
                base_url=contract_target.base_url,
                session=guard.session(),
                headers=contract_target.headers(),
                checks=[*BUILTIN_CHECKS, *CLAUSE_CHECKS, DISTINCT_TASK_IDS],
                **contract_target.transport_kwargs(),
            )
        delete_created_script(operation_id, response, contract_target)
    except FailureGroup as group:
        raise report.with_clauses(group) from None
    except (LiveHeldBack, guard.GuardRefusal) as refused:
        # Not a finding, not a clause left unchecked: a generated case the live rules keep off the wire.
        run.live_held_back[str(refused).split(":")[0][:80]] += 1
    except unchecked.NotChecked as held_back:
        # Live mode held this case back (budget, request cap, 429s): the item is reported not fully checked.
        fuzz_budget.held_back[held_back.msg.removeprefix(unchecked.PREFIX)] += 1
    finally:
        fuzz_budget.case_done(operation_id)
