"""Checks for what JSON Schema cannot say, one function per clause of the page.

Each check takes Schemathesis' ``(ctx, response, case)`` and raises ``report.ContractFailure`` carrying its
clause and the clause's source (see ``sources``).
"""

from __future__ import annotations

import json
import threading
from typing import Any

from schemathesis import Case, CheckContext, Response
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from contract_tests import report, rules, sources, spec
from contract_tests.report import ContractFailure


def error_body_fields(status: int, text: str) -> str | None:
    """Why an error answer's body lacks the two error fields, or None when it has them."""
    try:
        body: Any = json.loads(text)
    except ValueError:
        return f"the body of this {status} answer is not JSON"
    if not isinstance(body, dict):
        return f"the body of this {status} answer is not a JSON object"
    missing = [name for name in ("error_code", "error_msg") if not isinstance(body.get(name), str)]
    if missing:
        return f"this {status} answer lacks string field(s) {', '.join(missing)}"
    return None


def error_fields_on_every_error(ctx: CheckContext, response: Response, case: Case) -> None:
    """Tables 5-11 (status codes 400, 401, 403, 404, 405, 500, 503): every non-2xx answer carries
    ``error_code`` and ``error_msg`` as strings - 405s and 401s included, and statuses the table omits."""
    if 200 <= response.status_code < 300:
        return
    problem = error_body_fields(response.status_code, response.text)
    if problem:
        raise ContractFailure(report.ERROR_BODY, problem)


def cross_field_rule_enforced(ctx: CheckContext, response: Response, case: Case) -> None:
    """Table 3, row gray_fail_threshold ("the value is less than the value of gray_count"), as stated
    in openapi.yaml ``x-constraints``: a request breaking it must not be accepted."""
    broken = rules.broken_constraints(case.body)
    if broken and 200 <= response.status_code < 300:
        rule = broken[0]
        raise ContractFailure(
            f"Table 3 cross-field rule {rule.name} ({rule.message})",
            f"a body breaking it was answered {response.status_code}",
            source=sources.of_rule(rule.name),
        )


def positive_data_acceptance_within_rules(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Table 3: a body valid by the schema AND by the ``x-constraints`` rules must not be refused.

    Schemathesis' own positive-data check, told about the cross-field rule: a schema-valid body that
    breaks the rule is invalid by the contract, so ``cross_field_rule_enforced`` judges it instead.
    Bodies with fields the page does not name may go either way."""
    if rules.broken_constraints(case.body):
        return None
    if isinstance(case.body, dict) and not spec.declared_fields().issuperset(case.body):
        return None  # the page neither allows nor forbids fields it does not name: refusing them is open
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData as failure:
        raise ContractFailure(report.VALID_BODY_ACCEPTED, failure.message) from None


def negative_data_rejection_by_source(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Table 3: a body breaking the schema is refused. Schemathesis' own check, labelled with the source
    of the part the body breaks: a negative count breaks only an assumption of ours, an unknown
    ``command_type`` only the SDK's fields, a wrong type the page."""
    try:
        return negative_data_rejection(ctx, response, case)
    except AcceptedNegativeData as failure:
        raise ContractFailure(
            report.BODY_TYPES_REFUSED, failure.message, source=sources.of_invalid_body(case.body)
        ) from None


class DistinctTaskIds:
    """Table 4 / operation description ("sending it twice starts two tasks"): every accepted
    execution gets its own ``task_id``; one id handed out twice is a failure."""

    __name__ = "distinct_task_ids"

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, ctx: CheckContext, response: Response, case: Case) -> None:
        if response.status_code != 200:
            return
        try:
            task_id = json.loads(response.text).get("task_id")
        except (ValueError, AttributeError):
            return  # the schema check reports a body without a task id
        if not isinstance(task_id, str):
            return
        with self._lock:
            if task_id in self._seen:
                raise ContractFailure(
                    report.DISTINCT_TASK_IDS,
                    f"id {task_id!r} was already given to another execution",
                )
            self._seen.add(task_id)
