"""Property-based fuzzing of the operation with Schemathesis: built-in checks plus the page's clauses."""

from __future__ import annotations

import contextlib
from typing import Any

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi import checks as builtin

from contract_tests import checks, guard, id_rules, report, rules, settings, spec, unchecked
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
            **({"phases": LIVE_PHASES} if current.live else {}),
            "checks": {
                # Documented refusals of a bad request (Status Codes table).
                "negative_data_rejection": {"expected-statuses": ["400", "401", "403", "404"]},
                # A valid body may still be refused for permissions or unknown scripts/desktops (403, 404).
                "positive_data_acceptance": {"expected-statuses": ["200", "403", "404"]},
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
]
DISTINCT_TASK_IDS = checks.DistinctTaskIds()


def worth_a_task(case: schemathesis.Case) -> bool:
    """Live mode: a positive case keeping the cross-field rules may name sandbox ids (budget allowing)."""
    meta = case.meta
    positive = meta is not None and meta.generation.mode == GenerationMode.POSITIVE
    exclusive = any(rule.broken_by(case.body) for rule in rules.EXCLUSIONS)
    return positive and not rules.broken_constraints(case.body) and not exclusive


def steer_case(case: schemathesis.Case, run: guard.Guard) -> contextlib.AbstractContextManager[Any]:
    """Live mode: swap the case's ids before sending, so the body judged is the body sent; the context
    lets the case itself (not the checks' follow-up requests) name sandbox ids."""
    if not run.live or case.body is NOT_SET:
        return contextlib.nullcontext()
    positive = worth_a_task(case)
    accept = positive and run.tasks_left() > 0
    body = case.body
    if positive and isinstance(body, dict) and not id_rules.names_desktop(body):
        # What the service does with an execution naming no desktop is unknown: name one, a sandbox
        # desktop if the case may spend a task, else a probe one (refused as unknown).
        body = {**body, "resource_ids": ["fuzzed-case-desktop"]}
    case.body = run.steer_value(body, accept=accept)
    return run.allowance() if accept else contextlib.nullcontext()


@schema.parametrize()
def test_operation_conforms(case: schemathesis.Case, contract_target: Target, fuzz_budget: Budget) -> None:
    if not fuzz_budget.take():
        return  # time budget used: the remaining examples send nothing
    run = guard.active()
    try:
        with steer_case(case, run):
            case.call_and_validate(
                base_url=contract_target.base_url,
                session=guard.session(),
                headers=contract_target.headers(),
                checks=[*BUILTIN_CHECKS, *CLAUSE_CHECKS, DISTINCT_TASK_IDS],
                **contract_target.transport_kwargs(),
            )
    except FailureGroup as group:
        raise report.with_clauses(group) from None
    except unchecked.NotChecked as held_back:
        # Live mode held this case back (budget, request cap, 429s): the item is reported not fully checked.
        fuzz_budget.held_back[held_back.msg.removeprefix(unchecked.PREFIX)] += 1
    finally:
        fuzz_budget.case_done()
