"""Property-based fuzzing of the operation with Schemathesis: built-in checks plus the page's clauses."""

from __future__ import annotations

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi import checks as builtin

from contract_tests import checks, report, settings, spec
from contract_tests.budget import Budget
from contract_tests.target import Target


def _schema() -> schemathesis.BaseSchema:
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
    return schemathesis.openapi.from_dict(document, config=config)


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


@schema.parametrize()
def test_operation_conforms(case: schemathesis.Case, contract_target: Target, fuzz_budget: Budget) -> None:
    if not fuzz_budget.take():
        return  # time budget used: the remaining examples send nothing
    try:
        case.call_and_validate(
            base_url=contract_target.base_url,
            headers=contract_target.headers(),
            checks=[*BUILTIN_CHECKS, *CLAUSE_CHECKS, DISTINCT_TASK_IDS],
            **contract_target.transport_kwargs(),
        )
    except FailureGroup as group:
        raise report.with_clauses(group) from None
    finally:
        fuzz_budget.case_done()
