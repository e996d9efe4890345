"""Checks for what JSON Schema cannot say, one function per clause of the page.

Each check takes Schemathesis' ``(ctx, response, case)`` and raises ``report.ContractFailure`` carrying its
clause and the clause's source (see ``sources``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any

from schemathesis import Case, CheckContext, Response
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from contract_tests import constraints, negative, operations, report, sources
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


# Operations whose valid request may be refused with 400 for the state of the task it names (openapi.yaml
# x-decisions retry_what_did_not_succeed: nothing to retry, or not final yet).
STATE_REFUSALS = frozenset({"RetryScriptExecution"})
NO_BODY_ON_204 = "HTTP 204 No Content (UpdateScript, DeleteScript): the answer has no body"


def _query(case: Case) -> dict[str, Any]:
    """The case's query parameters as they travel: an empty array sends no key at all."""
    query = case.query if isinstance(case.query, Mapping) else {}
    return {name: value for name, value in query.items() if value != []}


def cross_field_rule_enforced(ctx: CheckContext, response: Response, case: Case) -> None:
    """The operation's cross-field rules, as stated in openapi.yaml ``x-constraints`` (body rules such as
    Table 3's ``gray_fail_threshold < gray_count``, query rules such as ``show_history``): a request
    breaking one must not be accepted."""
    operation = operations.of_case(case)
    broken = constraints.broken(operation, body=case.body, query=_query(case))
    if broken and 200 <= response.status_code < 300:
        rule = broken[0]
        raise ContractFailure(
            f"{operation.operation_id} cross-field rule {rule.name} ({rule.message})",
            f"a request breaking it was answered {response.status_code}",
            source=rule.source,
        )


def _page_fields(operation: operations.Operation) -> frozenset[str]:
    if operation.body_schema is None:
        return frozenset()
    properties = operations.body_schema(operation.body_schema).get("properties", {})
    return frozenset(name for name, prop in properties.items() if operations.source_of(prop) != sources.SDK)


def positive_data_acceptance_within_rules(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Table 3 and its siblings on the other pages: a request valid by the schema AND by the operation's
    ``x-constraints`` rules must not be refused.

    Schemathesis' own positive-data check, told about the cross-field rules: a schema-valid request that
    breaks a rule is invalid by the contract, so ``cross_field_rule_enforced`` judges it instead.
    Bodies with fields the page does not name may go either way."""
    operation = operations.of_case(case)
    if constraints.broken(operation, body=case.body, query=_query(case)):
        return None
    if operation.operation_id in STATE_REFUSALS and response.status_code == 400:
        return None  # refused for the state of what it names (x-decisions), not for its shape
    if isinstance(case.body, dict) and not _page_fields(operation).issuperset(case.body):
        return None  # the page neither allows nor forbids fields it does not name: refusing them is open
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData as failure:
        raise ContractFailure(report.VALID_BODY_ACCEPTED, failure.message) from None


def negative_data_rejection_by_source(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Table 3 and its siblings: a request breaking the schema is refused. Schemathesis' own check,
    labelled with the source of the part the request breaks: a negative count breaks only an assumption
    of ours, an unknown ``command_type`` only the SDK's fields, a wrong type the page."""
    try:
        return negative_data_rejection(ctx, response, case)
    except AcceptedNegativeData as failure:
        operation = operations.of_case(case)
        source = negative.source_of(
            operation, body=case.body, query=_query(case), path=dict(case.path_parameters or {})
        )
        raise ContractFailure(report.BODY_TYPES_REFUSED, failure.message, source=source) from None


def no_body_on_204(ctx: CheckContext, response: Response, case: Case) -> None:
    """HTTP (RFC 9110, 204 No Content) and the UpdateScript / DeleteScript pages: a 204 has no body."""
    if response.status_code == 204 and response.content:
        raise ContractFailure(
            NO_BODY_ON_204, f"the 204 answer carries {len(response.content)} byte(s)", source=sources.HTTP
        )


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
