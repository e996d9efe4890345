"""Schemathesis' stateful testing over the contract's links: sequences of calls where each takes its ids
from an earlier answer (CreateScript's ``script_id`` into Show/Update/Delete and into an execution, an
execution's ``task_id`` into the task and record lists, stop and retry, a listed record into its detail).

Every answer is judged by the fuzzer's checks and clauses, plus Schemathesis' two stateful checks: a
resource deleted is not found afterwards (``use_after_free``), one created can be read right after
(``ensure_resource_availability``). Full mode only: live mode runs the hand-written lifecycle instead,
whose requests it can bound (generated script names and contents are not ``contract-probe-`` ones).
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
from schemathesis import Case, Response
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi import checks as builtin

from contract_tests import guard, report, settings
from contract_tests.target import Target
from contract_tests.test_fuzz import BUILTIN_CHECKS, CLAUSE_CHECKS, DISTINCT_TASK_IDS
from contract_tests.test_fuzz import schema as fuzz_schema
from contract_tests.workspace import Library

STATEFUL_CHECKS = [builtin.use_after_free, builtin.ensure_resource_availability]
SCENARIOS_PER_EXAMPLES = 30  # one call sequence per 30 of --max-examples (10 by default), at least 1
STEPS = 6


def test_linked_operations_conform(contract_target: Target, library: Library) -> None:
    if guard.active().live:
        pytest.skip(
            "live mode does not run generated call sequences (they create scripts with generated names and "
            "contents); test_lifecycle covers the same links with contract-probe- scripts"
        )
    base = fuzz_schema.as_state_machine()
    checks: list[Any] = [*BUILTIN_CHECKS, *CLAUSE_CHECKS, DISTINCT_TASK_IDS, *STATEFUL_CHECKS]

    class Linked(base):  # type: ignore[misc,valid-type]
        def before_call(self, case: Case) -> None:
            # The configured project id reaches the fuzzer's cases, not the state machine's.
            case.path_parameters = {**(case.path_parameters or {}), "project_id": contract_target.project_id}

        def get_call_kwargs(self, case: Case) -> dict[str, Any]:
            return {
                "base_url": contract_target.base_url,
                "session": guard.session(),
                "headers": contract_target.headers(),
                **contract_target.transport_kwargs(),
            }

        def after_call(self, response: Response, case: Case) -> None:
            super().after_call(response, case)
            if case.operation.method.upper() == "POST" and case.operation.path.endswith("/scripts"):
                created = _json(response).get("script_id") if response.status_code == 200 else None
                if isinstance(created, str):  # deleted again at the end of the run
                    library.created.setdefault(created, "(created by a stateful sequence)")

        def validate_response(
            self, response: Response, case: Case, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            try:
                case.validate_response(
                    response,
                    checks=checks,
                    transport_kwargs=kwargs or None,
                    recorder=getattr(self, "recorder", None),
                )
            except FailureGroup as group:
                raise report.with_clauses(group) from None

    current = settings.current()
    Linked.run(
        settings=hypothesis.settings(
            max_examples=max(1, current.max_examples // SCENARIOS_PER_EXAMPLES),
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            derandomize=True,  # the same sequences every run (the seed option replays the fuzzer only)
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.generate],
        )
    )


def _json(response: Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
