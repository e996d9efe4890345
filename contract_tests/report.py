"""Contract failures: the clause broken and its source, the request as curl, the response.

Every check raises ``ContractFailure`` (directly, or inside Schemathesis' failure group), so the report
reads the clause and its source from attributes, never from message text. Each failing request is also
recorded as a finding, so the run can group what it found by clause.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import asdict, dataclass

import requests
from schemathesis.core.failures import (
    AcceptedNegativeData,
    ContentTypeServerError,
    CustomFailure,
    Failure,
    FailureGroup,
    MalformedJson,
    ServerError,
)
from schemathesis.openapi.checks import (
    IgnoredAuth,
    JsonSchemaError,
    MalformedMediaType,
    MissingContentType,
    MissingHeaderNotRejected,
    MissingHeaders,
    RejectedPositiveData,
    UndefinedContentType,
    UndefinedStatusCode,
    UnsupportedMethodResponse,
)

from contract_tests import sources
from contract_tests.redaction import FILTERED, SECRET_HEADERS
from contract_tests.sources import ASSUMPTION, HTTP, PAGE

# Clauses several checks share: one wording, so one defect is one finding however many checks see it.
NO_SERVER_ERROR = "Status Codes table: 500/503 report service faults, never a client's request"
JSON_ANSWERS = "Tables 4-11: answers are JSON (Content-Type application/json)"
ERROR_BODY = "Tables 5-11: every error answer has string error_code and error_msg"
REQUEST_ID = "X-Request-Id header on every answer (openapi.yaml components.headers)"
ALLOW_ON_405 = "HTTP: a 405 answer carries an Allow header"
BODY_TYPES_REFUSED = "Table 3 request body parameters: a body breaking its types is refused"
VALID_BODY_ACCEPTED = "Table 3 request body parameters: a valid body is not refused"
DISTINCT_TASK_IDS = "Table 4 (task_id): every execution gets its own task id"

# Schemathesis' own failure kinds: the clause each enforces, and who states it (most specific first).
BUILTIN: list[tuple[type[Failure], str, str]] = [
    (ContentTypeServerError, NO_SERVER_ERROR, HTTP),
    (ServerError, NO_SERVER_ERROR, HTTP),
    (UndefinedStatusCode, "Status Codes table: only 200, 400, 401, 403, 404, 405, 500, 503", PAGE),
    (UndefinedContentType, JSON_ANSWERS, PAGE),
    (MissingContentType, JSON_ANSWERS, PAGE),
    (MalformedMediaType, JSON_ANSWERS, PAGE),
    (MalformedJson, JSON_ANSWERS, PAGE),
    (JsonSchemaError, "Tables 4-11: response bodies (task_id; error_code + error_msg) as typed", PAGE),
    (AcceptedNegativeData, BODY_TYPES_REFUSED, PAGE),
    (RejectedPositiveData, VALID_BODY_ACCEPTED, PAGE),
    (MissingHeaderNotRejected, "Table 2 request header parameters / 401: a missing credential", PAGE),
    (UnsupportedMethodResponse, "URI (POST only) and status code 405 (Table 9)", PAGE),
    (IgnoredAuth, "Table 2 (X-Auth-Token or AK/SK) and status code 401 (Table 6): credentials", PAGE),
]


class ContractFailure(AssertionError):
    """A broken clause of the contract, with who states it (``sources``) and what was seen."""

    def __init__(
        self,
        clause: str,
        problem: str,
        *,
        source: str = PAGE,
        curl: str = "",
        details: str = "",
        answer: str = "",
    ) -> None:
        self.clause = clause
        self.source = sources.check(source)
        self.problem = problem
        self.curl = curl
        self.details = details  # the request as curl and the whole answer
        self.answer = answer  # the answer in one line
        super().__init__(self.text())

    @property
    def headline(self) -> str:
        return f"[{self.source}] {self.clause}"

    def text(self) -> str:
        return f"Contract clause broken {self.headline}\n{self.problem}" + (
            f"\n\n{self.details}" if self.details else ""
        )

    def brief(self, first_seen_in: str) -> str:
        """The failure once its clause was shown in full by another test."""
        return "\n".join(
            [
                f"Contract clause broken {self.headline}",
                self.problem,
                f"(the same clause failed first in {first_seen_in}: whole answer there)",
                f"Request: {self.curl}",
                f"Response: {self.answer}",
            ]
        )


@dataclass(frozen=True)
class Finding:
    """One request that showed a broken clause."""

    clause: str
    source: str
    curl: str


_found: list[Finding] = []


def record(clause: str, source: str, curl: str) -> None:
    _found.append(Finding(clause, source, curl))


UNANSWERED = "Status Codes table (every request is answered)"


def unanswered(shown: str, timeout: float) -> ContractFailure:
    """The failure of a request (``shown`` as curl) left without an answer for ``timeout`` seconds,
    recorded as a finding of its clause."""
    record(UNANSWERED, PAGE, shown)
    return ContractFailure(
        UNANSWERED,
        f"no answer within {timeout} s",
        curl=shown,
        details=f"Request:\n    {shown}",
        answer="no answer",
    )


def take_findings() -> list[dict[str, str]]:
    """The findings recorded since the last call, as plain data (they travel in pytest-xdist reports)."""
    taken = [asdict(finding) for finding in _found]
    _found.clear()
    return taken


def classify(failure: Failure) -> ContractFailure:
    """The clause a Schemathesis failure breaks, as a ``ContractFailure`` (ours pass through)."""
    if isinstance(failure, CustomFailure) and isinstance(failure.exception, ContractFailure):
        return failure.exception
    clause, source = failure.title, PAGE  # a kind we do not know yet fails the run: safer than silence
    if isinstance(failure, MissingHeaders):
        only_allow = {name.lower() for name in failure.missing_headers} == {"allow"}
        clause, source = (ALLOW_ON_405, HTTP) if only_allow else (REQUEST_ID, ASSUMPTION)
    elif isinstance(failure, UnsupportedMethodResponse) and failure.failure_reason == "missing_allow_header":
        clause, source = ALLOW_ON_405, HTTP
    else:
        clause, source = next(
            ((clause, source) for kind, clause, source in BUILTIN if isinstance(failure, kind)),
            (clause, source),
        )
    return ContractFailure(clause, failure.title, source=source)


def failures_in(error: BaseException) -> Iterator[ContractFailure]:
    """Every contract failure an exception holds (Hypothesis may group several failure groups)."""
    if isinstance(error, ContractFailure):
        yield error
    elif isinstance(error, Failure):
        yield classify(error)
    elif isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            yield from failures_in(inner)


def _reproducing_curl(group: FailureGroup) -> str:
    # Schemathesis renders the reproducing request (credentials filtered) into its report.
    lines = [line.strip() for line in group.message.splitlines()]
    return next((line for line in lines if line.startswith("curl ")), "")


def with_clauses(group: FailureGroup) -> FailureGroup:
    """The same failures, their report headed by the clauses they break; each is recorded as a finding."""
    curl = _reproducing_curl(group)
    broken = [classify(failure) for failure in group.exceptions]
    for failure in broken:
        record(failure.clause, failure.source, curl)
    lines = sorted({f"  - {failure.headline}" for failure in broken})
    header = "Contract clause(s) broken:\n" + "\n".join(lines) + "\n\n"
    return FailureGroup(list(group.exceptions), header + group.message)


def _text(value: object) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


# Headers curl sets by itself: left out, so the line shows what matters.
CURL_DEFAULT_HEADERS = frozenset({"user-agent", "accept", "accept-encoding", "connection", "content-length"})


def curl(request: requests.PreparedRequest) -> str:
    parts = ["curl", "-X", request.method or "GET", shlex.quote(request.url or "")]
    for name, value in request.headers.items():
        if name.lower() in CURL_DEFAULT_HEADERS:
            continue
        shown = FILTERED if name.lower() in SECRET_HEADERS else _text(value)
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


def is_json(response: requests.Response) -> bool:
    """The answer says it is JSON: ``application/json``, whatever its parameters (``; charset=utf-8``)."""
    return response.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"


def expect(
    condition: bool, clause: str, problem: str, response: requests.Response, *, source: str = PAGE
) -> None:
    """Fail with the clause and its source, the request as curl and the response, unless ``condition``."""
    if not condition:
        shown = curl(response.request)
        record(clause, source, shown)
        answer = (
            f"{response.status_code} {response.reason}, Content-Type "
            f"{response.headers.get('content-type')!r}: {response.text[:100]!r}"
        )
        raise ContractFailure(
            clause, problem, source=source, curl=shown, details=describe(response), answer=answer
        )
