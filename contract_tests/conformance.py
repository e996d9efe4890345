"""Response conformance of the hand-made requests: their answers judged against openapi.yaml's response
schemas, as Schemathesis judges the fuzzed ones."""

from __future__ import annotations

from functools import cache

import requests
import schemathesis
from schemathesis.core.failures import FailureGroup

from contract_tests import report, settings, spec
from contract_tests.operations import Operation


@cache
def _schema() -> schemathesis.BaseSchema:
    # Our own server is held to the SDK's fields too; any other server to the page alone (as in test_fuzz).
    document = spec.load() if settings.current().target.bundled else spec.page_view(spec.load())
    return schemathesis.openapi.from_dict(document)


def expect_conforming(operation: Operation, response: requests.Response) -> None:
    """The answer's status, headers and body are as ``operation`` documents them."""
    try:
        _schema()[operation.path][operation.method].validate_response(response)
    except FailureGroup as group:
        problems = "; ".join(sorted({failure.title for failure in group.exceptions}))
        report.expect(
            False,
            f"{operation.operation_id} responses: status, headers and body as openapi.yaml documents them",
            problems,
            response,
        )
