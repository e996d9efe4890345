"""Failure messages that name the contract clause, show the request as curl and the response."""

from __future__ import annotations

import shlex

import requests
from schemathesis.core.failures import Failure, FailureGroup

# Which clause of the page / openapi.yaml each kind of Schemathesis failure enforces.
CLAUSES = {
    "ServerError": "Status Codes table: 500/503 report service faults, never a client's request",
    "ContentTypeServerError": "Status Codes table: 500/503 report service faults, never a client's request",
    "UndefinedStatusCode": "Status Codes table: only 200, 400, 401, 403, 404, 405, 500, 503 are documented",
    "UndefinedContentType": "Response bodies (Tables 4-11) are JSON: Content-Type application/json",
    "MissingContentType": "Response bodies (Tables 4-11) are JSON: Content-Type application/json",
    "MalformedMediaType": "Response bodies (Tables 4-11) are JSON: Content-Type application/json",
    "JsonSchemaError": "Response body tables 4-11 (task_id; error_code + error_msg) as typed in openapi.yaml",
    "MalformedJson": "Response body tables 4-11: the body is JSON",
    "MissingHeaders": "openapi.yaml: every documented response carries the X-Request-Id header",
    "AcceptedNegativeData": "Table 3 request body parameters: a body breaking its types is refused",
    "RejectedPositiveData": "Table 3 request body parameters: a valid body is not refused",
    "MissingHeaderNotRejected": "Table 2 request header parameters / 401 Authentication failed",
    "UnsupportedMethodResponse": "URI (POST only) and status code 405 (Table 9)",
    "IgnoredAuth": "Table 2 (X-Auth-Token or AK/SK) and status code 401 (Table 6): credentials are enforced",
}


def clause_of(failure: Failure) -> str:
    if type(failure).__name__ == "CustomFailure":
        # Custom checks put their clause at the start of the message.
        return failure.message.split(":", 1)[0]
    return CLAUSES.get(type(failure).__name__, failure.title)


def with_clauses(group: FailureGroup) -> FailureGroup:
    """The same failures, their message headed by the contract clauses they break."""
    lines = sorted({f"  - {clause_of(failure)}" for failure in group.exceptions})
    header = "Contract clause(s) broken:\n" + "\n".join(lines) + "\n\n"
    return FailureGroup(list(group.exceptions), header + group.message)


# Credentials never reach logs or JUnit reports; replay by putting your own back in.
SECRET_HEADERS = frozenset({"x-auth-token", "authorization", "x-security-token"})


def _text(value: object) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def curl(request: requests.PreparedRequest) -> str:
    parts = ["curl", "-X", request.method or "GET", shlex.quote(request.url or "")]
    for name, value in request.headers.items():
        shown = "[Filtered]" if name.lower() in SECRET_HEADERS else _text(value)
        parts += ["-H", shlex.quote(f"{name}: {shown}")]
    if request.body:
        parts += ["-d", shlex.quote(_text(request.body))]
    return " ".join(parts)


def describe(response: requests.Response) -> str:
    headers = "\n".join(f"    {name}: {value}" for name, value in response.headers.items())
    return (
        f"Request:\n    {curl(response.request)}\n"
        f"Response: {response.status_code} {response.reason}\n{headers}\n\n    {response.text[:2000]}"
    )


def expect(
    condition: bool, clause: str, problem: str, response: requests.Response, *, source: str = "page"
) -> None:
    """Fail with the clause, the request as curl and the response, unless ``condition`` holds.

    ``source`` says where the clause comes from (page, http, assumption, sdk)."""
    if not condition:
        raise AssertionError(f"Contract clause broken: {clause}\n{problem}\n\n{describe(response)}")
