"""Deliberately broken variants of the reference server, one defect each, named after the clause broken.

Each wraps ``create_app(...)`` from outside (see ``asgi_tamper``), so none depends on the server's internals.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from contract_tests import rules, spec
from reference_server import Credential
from tests.contract import signatures
from tests.contract.asgi_tamper import App, Exchange, Receive, Scope, Send, tampered
from tests.contract.mutant import Mutant


def _json(exchange: Exchange) -> Any:
    try:
        return json.loads(exchange.body)
    except ValueError:
        return None


def _set_json(exchange: Exchange, value: Any) -> None:
    exchange.body = json.dumps(value).encode()


def _is_error(exchange: Exchange) -> bool:
    return exchange.status >= 400


def _request_json(exchange: Exchange) -> Any:
    try:
        return json.loads(exchange.request_body)
    except ValueError:
        return None


def rename_error_fields(exchange: Exchange) -> None:
    body = _json(exchange)
    if _is_error(exchange) and isinstance(body, dict):
        _set_json(exchange, {"code": body.get("error_code"), "message": body.get("error_msg")})


def status_422_for_400(exchange: Exchange) -> None:
    if exchange.status == 400:
        exchange.status = 422


def drop_task_id(exchange: Exchange) -> None:
    if exchange.status == 200:
        _set_json(exchange, {"id": (_json(exchange) or {}).get("task_id")})


def integer_task_id(exchange: Exchange) -> None:
    if exchange.status == 200:
        _set_json(exchange, {"task_id": len(exchange.body)})


def constant_task_id(exchange: Exchange) -> None:
    if exchange.status == 200:
        _set_json(exchange, {"task_id": "0000000059071dbc01591661d3990019"})


def bare_405(exchange: Exchange) -> None:
    if exchange.status == 405:
        exchange.body = b""
        exchange.set_header("content-type", None)


def bare_401(exchange: Exchange) -> None:
    if exchange.status == 401:
        exchange.body = b"Unauthorized"
        exchange.set_header("content-type", "text/plain")


def text_plain_success(exchange: Exchange) -> None:
    if exchange.status == 200:
        exchange.set_header("content-type", "text/plain")


def html_error_pages(exchange: Exchange) -> None:
    if _is_error(exchange):
        exchange.body = f"<html><body><h1>{exchange.status}</h1></body></html>".encode()
        exchange.set_header("content-type", "text/html")


def no_request_id(exchange: Exchange) -> None:
    exchange.set_header("x-request-id", None)


def missing_credential_403(exchange: Exchange) -> None:
    if exchange.status == 401 and not {"x-auth-token", "authorization"} & exchange.request_headers.keys():
        exchange.status = 403


def wrong_credential_403(exchange: Exchange) -> None:
    if exchange.status == 401 and {"x-auth-token", "authorization"} & exchange.request_headers.keys():
        exchange.status = 403


def crash_on_zero_timeout(exchange: Exchange) -> None:
    body = _request_json(exchange)
    if exchange.status == 200 and isinstance(body, dict) and body.get("execution_timeout") == 0:
        exchange.status = 500
        _set_json(exchange, {"error_code": "WKS.0500", "error_msg": "division by zero"})


def crash_on_malformed_json(exchange: Exchange) -> None:
    if exchange.request_body and _request_json(exchange) is None and exchange.status == 400:
        exchange.status = 500
        _set_json(exchange, {"error_code": "WKS.0500", "error_msg": "JSONDecodeError"})


def drop_rule_breaking_threshold(exchange: Exchange) -> None:
    """Let a rule-breaking body through by hiding the offending field from the server."""
    body = _request_json(exchange)
    for constraint in rules.broken_constraints(body):
        del body[constraint.field]
        exchange.request_body = json.dumps(body).encode()


def stringify_id_items(exchange: Exchange) -> None:
    """Accept wrong item types in the id arrays by turning them into strings before the server sees them."""
    body = _request_json(exchange)
    if isinstance(body, dict):
        for name in spec.id_list_fields():
            if isinstance(body.get(name), list):
                body[name] = [item if isinstance(item, str) else json.dumps(item) for item in body[name]]
        exchange.request_body = json.dumps(body).encode()


def malformed_json_as_empty_object(exchange: Exchange) -> None:
    if exchange.method == "POST" and _request_json(exchange) is None:
        exchange.request_body = b"{}"


def json_errors_labelled_text(exchange: Exchange) -> None:
    """The error body is still JSON, but 401s and 405s say text/plain (answers that skip the app's path)."""
    if exchange.status in (401, 405):
        exchange.set_header("content-type", "text/plain")


def foreign_project_accepted(exchange: Exchange) -> None:
    if exchange.status == 403:
        exchange.status = 200
        _set_json(exchange, {"task_id": f"foreign-{len(exchange.request_body)}-{id(exchange)}"})


def integers_from_digit_strings(exchange: Exchange) -> None:
    """Accept "5" for an Integer field by converting it before the server sees it."""
    body = _request_json(exchange)
    if isinstance(body, dict):
        for name in spec.integer_fields():
            value = body.get(name)
            if isinstance(value, str) and value.isdigit():
                body[name] = int(value)
        exchange.request_body = json.dumps(body).encode()


def _with_token(token: str, *, only_if_present: bool) -> Callable[[Exchange], None]:
    def inject(exchange: Exchange) -> None:
        if only_if_present and "x-auth-token" not in exchange.request_headers:
            return
        exchange.request_headers.pop("authorization", None)
        exchange.request_headers["x-auth-token"] = token

    return inject


def _responses(edit: Callable[[Exchange], None]) -> Callable[[App, Credential], App]:
    return lambda app, credential: tampered(app, response=edit)


def _requests(edit: Callable[[Exchange], None]) -> Callable[[App, Credential], App]:
    return lambda app, credential: tampered(app, request=edit)


MUTANTS = [
    Mutant(
        "error_fields_renamed",
        "Tables 5-11: error body fields error_code/error_msg",
        _responses(rename_error_fields),
    ),
    Mutant(
        "status_422_undocumented",
        "Status Codes table: 422 is not documented (400 is)",
        _responses(status_422_for_400),
    ),
    Mutant("task_id_missing", "Table 4: 200 body carries task_id", _responses(drop_task_id)),
    Mutant("task_id_not_string", "Table 4: task_id is a String", _responses(integer_task_id)),
    Mutant(
        "task_id_reused",
        "Table 4 + description: each execution gets its own task_id",
        _responses(constant_task_id),
    ),
    Mutant("error_405_without_body", "Table 9: 405 carries error_code/error_msg", _responses(bare_405)),
    Mutant("error_401_without_body", "Table 6: 401 carries error_code/error_msg", _responses(bare_401)),
    Mutant("success_not_json", "Table 4: the 200 answer is application/json", _responses(text_plain_success)),
    Mutant("html_error_pages", "Tables 5-11: errors are JSON error bodies", _responses(html_error_pages)),
    Mutant("request_id_missing", "openapi.yaml: X-Request-Id on every answer", _responses(no_request_id)),
    Mutant(
        "missing_credential_403",
        "Table 6: no credential is 401 Authentication failed",
        _responses(missing_credential_403),
    ),
    Mutant(
        "wrong_credential_403",
        "Table 6: a wrong credential is 401 Authentication failed",
        _responses(wrong_credential_403),
    ),
    Mutant(
        "crash_on_valid_input",
        "Status Codes table: 500 only for service faults (execution_timeout=0)",
        _responses(crash_on_zero_timeout),
    ),
    Mutant("malformed_json_500", "Table 5: malformed JSON is 400", _responses(crash_on_malformed_json)),
    Mutant(
        "malformed_json_accepted",
        "Table 5: malformed JSON is refused with 400",
        _requests(malformed_json_as_empty_object),
    ),
    Mutant(
        "cross_field_rule_ignored",
        "Table 3: gray_fail_threshold < gray_count",
        _requests(drop_rule_breaking_threshold),
    ),
    Mutant(
        "id_item_types_ignored", "Table 3: id arrays are Arrays of strings", _requests(stringify_id_items)
    ),
    Mutant(
        "integer_strings_accepted",
        "Table 3: gray_count, gray_fail_threshold, execution_timeout are Integers",
        _requests(integers_from_digit_strings),
    ),
    Mutant(
        "error_content_type_text",
        "Tables 6 and 9: 401/405 error bodies are application/json",
        _responses(json_errors_labelled_text),
    ),
    Mutant(
        "foreign_project_accepted",
        "Status Codes table: a credential acts only on its own project (403)",
        _responses(foreign_project_accepted),
    ),
    Mutant(
        "auth_ignored",
        "Table 2 / 401: requests without credentials are refused",
        lambda app, cred: tampered(app, request=_with_token(str(cred.token), only_if_present=False)),
    ),
    Mutant(
        "wrong_token_accepted",
        "Table 2 / 401: a wrong token is refused",
        lambda app, cred: tampered(app, request=_with_token(str(cred.token), only_if_present=True)),
    ),
]


# --- Depth (issue 9): defects that only precise clauses catch ---------------------------------------------


def _answer(exchange: Exchange, status: int, code: str, message: str) -> None:
    exchange.status = status
    _set_json(exchange, {"error_code": code, "error_msg": message})


def _rule_refused_with(status: int, code: str) -> Callable[[Exchange], None]:
    """A rule-breaking body refused with another status, as if for permissions or unknown ids."""

    def edit(exchange: Exchange) -> None:
        if exchange.status == 400 and (_json(exchange) or {}).get("error_code") == "WKS.0007":
            _answer(exchange, status, code, "refused")

    return edit


def _judge_rule(decide: Callable[[int, int], bool]) -> Callable[[Exchange], None]:
    """The rule judged by ``decide(field, other)`` (True: allowed) instead of ``field < other``: the field
    is hidden from the server to let a body through, or set equal to its bound to have it refused."""

    def edit(exchange: Exchange) -> None:
        body = _request_json(exchange)
        for constraint in rules.CONSTRAINTS:
            if not constraint.applies_to(body):
                continue
            if decide(body[constraint.field], body[constraint.other]):
                body.pop(constraint.field)
            else:
                body[constraint.field] = body[constraint.other]
            exchange.request_body = json.dumps(body).encode()

    return edit


def _token_matched_by(matches: Callable[[str, str], bool]) -> Callable[[App, Credential], App]:
    """A token check that lets ``matches(given, token)`` through."""

    def wrap(app: App, credential: Credential) -> App:
        def edit(exchange: Exchange) -> None:
            given = exchange.request_headers.get("x-auth-token")
            if given is not None and credential.token and matches(given, credential.token):
                exchange.request_headers["x-auth-token"] = credential.token

        return tampered(app, request=edit)

    return wrap


def _lax_signatures(
    accepts: Callable[[Exchange, Credential], bool], *, any_access_key: bool = False
) -> Callable[[App, Credential], App]:
    """A signature check that also lets ``accepts`` through for the known AK (for any AK with
    ``any_access_key``), re-signed properly for the server behind."""

    def wrap(app: App, credential: Credential) -> App:
        def edit(exchange: Exchange) -> None:
            parsed = signatures.authorization(exchange)
            if not (parsed and credential.ak and credential.sk):
                return
            if (any_access_key or parsed[0] == credential.ak) and accepts(exchange, credential):
                signatures.resign(exchange, credential.ak, credential.sk)

        return tampered(app, request=edit)

    return wrap


def _signed_with_sk(exchange: Exchange, credential: Credential) -> bool:
    return signatures.signed_by(exchange, str(credential.sk))


def _query_unsigned(exchange: Exchange, credential: Credential) -> bool:
    return signatures.signed_by(exchange, str(credential.sk), query="")


def _host_or_date_unsigned(exchange: Exchange, credential: Credential) -> bool:
    # Whichever headers the signature lists, as long as the rest is right.
    return signatures.date_fresh(exchange) and signatures.signed_by(exchange, str(credential.sk))


def _any_date_shape(exchange: Exchange, credential: Credential) -> bool:
    # The date is signed and host too, but its shape is never looked at.
    parsed = signatures.authorization(exchange)
    covers = parsed is not None and {"host", signatures.DATE} <= set(parsed[1])
    return covers and signatures.signed_by(exchange, str(credential.sk))


def _signature_prefix(exchange: Exchange, credential: Credential) -> bool:
    # Only the first 16 hex digits compared.
    parsed = signatures.authorization(exchange)
    expected = signatures.expected_signature(exchange, str(credential.sk))
    return parsed is not None and len(parsed[2]) >= 16 and parsed[2][:16] == expected[:16]


def _verdicts_cached(app: App, credential: Credential) -> App:
    """Remembers each Authorization value once accepted, and accepts it again whatever the request says."""
    accepted: set[str] = set()
    sent: dict[int, str] = {}

    def remember(exchange: Exchange) -> None:
        value = exchange.request_headers.get("authorization")
        if value is None or not (credential.ak and credential.sk):
            return
        sent[id(exchange)] = value
        if value in accepted:
            signatures.resign(exchange, credential.ak, credential.sk)

    def learn(exchange: Exchange) -> None:
        value = sent.pop(id(exchange), None)
        if value is not None and exchange.status != 401:
            accepted.add(value)

    return tampered(app, request=remember, response=learn)


def _content_type_refused_unless(allowed: Callable[[str], bool]) -> Callable[[Exchange], None]:
    def edit(exchange: Exchange) -> None:
        content_type = exchange.request_headers.get("content-type", "")
        if exchange.method == "POST" and not allowed(content_type):
            exchange.request_headers["content-type"] = "text/plain"

    return edit


def drop_null_fields(exchange: Exchange) -> None:
    body = _request_json(exchange)
    if isinstance(body, dict):
        exchange.request_body = json.dumps({k: v for k, v in body.items() if v is not None}).encode()


def crash_on_big_integers(exchange: Exchange) -> None:
    """An Integer field stored in a signed 64-bit column."""
    body = _request_json(exchange)
    if isinstance(body, dict) and any(
        isinstance(body.get(name), int) and body[name] >= 2**63 for name in spec.integer_fields()
    ):
        _answer(exchange, 500, "WKS.0500", "OverflowError: Python int too large to convert to C long")


def crash_on_non_object_body(exchange: Exchange) -> None:
    """``body.get(...)`` on a JSON array, string or number."""
    try:
        body = json.loads(exchange.request_body)
    except ValueError:
        return
    if not isinstance(body, dict) and exchange.status == 400:
        _answer(exchange, 500, "WKS.0500", "AttributeError: object has no attribute 'get'")


def booleans_as_integers(exchange: Exchange) -> None:
    """A language where True is 1: booleans pass for Integer fields."""
    body = _request_json(exchange)
    if isinstance(body, dict):
        for name in spec.integer_fields():
            if isinstance(body.get(name), bool):
                body[name] = int(body[name])
        exchange.request_body = json.dumps(body).encode()


def crash_on_non_ascii_ids(exchange: Exchange) -> None:
    """Ids written to an ASCII-only column."""
    body = _request_json(exchange)
    if isinstance(body, dict) and any(
        isinstance(item, str) and not item.isascii()
        for name in spec.id_list_fields()
        if isinstance(body.get(name), list)
        for item in body[name]
    ):
        _answer(exchange, 500, "WKS.0500", "UnicodeEncodeError: 'ascii' codec can't encode character")


def crash_on_invalid_utf8(exchange: Exchange) -> None:
    try:
        exchange.request_body.decode()
    except UnicodeDecodeError:
        if exchange.status == 400:
            _answer(exchange, 500, "WKS.0500", "UnicodeDecodeError")


def _ids_per_commit_batch(app: App, credential: Credential) -> App:
    """Task ids numbered per commit batch: requests overlapping in time share one id."""
    state = {"in_flight": 0, "batch": 0}
    batch_of: dict[int, int] = {}

    def arrive(exchange: Exchange) -> None:
        if state["in_flight"] == 0:
            state["batch"] += 1
        state["in_flight"] += 1
        batch_of[id(exchange)] = state["batch"]

    def leave(exchange: Exchange) -> None:
        state["in_flight"] -= 1
        batch = batch_of.pop(id(exchange))
        if exchange.status == 200:
            _set_json(exchange, {"task_id": f"batch-{batch:06d}"})

    return tampered(app, request=arrive, response=leave)


def _fails_when_busy(app: App, credential: Credential) -> App:
    """A slow database behind a pool of four connections: a fifth request at the same time gets a 500."""
    in_flight = 0
    crashing = tampered(app, response=lambda exchange: _answer(exchange, 500, "WKS.0500", "pool exhausted"))

    async def wrapper(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal in_flight
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        in_flight += 1
        try:
            busy = in_flight > 4
            await asyncio.sleep(0.02)
            await (crashing if busy else app)(scope, receive, send)
        finally:
            in_flight -= 1

    return wrapper


def allow_without_post(exchange: Exchange) -> None:
    if exchange.status == 405:
        exchange.set_header("allow", "GET, HEAD")


def constant_request_id(exchange: Exchange) -> None:
    exchange.set_header("x-request-id", "req-0000000000000001")


def any_command_type(exchange: Exchange) -> None:
    """command_type read as free text: a value outside the enum is passed on as a known one."""
    body = _request_json(exchange)
    enum = spec.request_schema()["properties"]["command_type"]["enum"]
    if (
        isinstance(body, dict)
        and isinstance(body.get("command_type"), str)
        and body["command_type"] not in enum
    ):
        body["command_type"] = enum[0]
        exchange.request_body = json.dumps(body).encode()


def command_ignored_next_to_script_ids(exchange: Exchange) -> None:
    """Both sent: the scripts run and the command is silently dropped."""
    body = _request_json(exchange)
    if isinstance(body, dict) and "command" in body and "script_ids" in body:
        del body["command"]
        exchange.request_body = json.dumps(body).encode()


MUTANTS += [
    Mutant(
        "rule_refused_with_403",
        "Table 3 rule + Table 5: a body breaking only the rule is a 400, not a 403",
        _responses(_rule_refused_with(403, "WKS.0403")),
    ),
    Mutant(
        "rule_refused_with_404",
        "Table 3 rule + Table 5: a body breaking only the rule is a 400, not a 404",
        _responses(_rule_refused_with(404, "WKS.0404")),
    ),
    Mutant(
        "rule_compared_as_text",
        "Table 3: gray_fail_threshold < gray_count as numbers (9 < 10), not as text",
        _requests(_judge_rule(lambda field, other: str(field) < str(other))),
    ),
    Mutant(
        "rule_skipped_for_large_counts",
        "Table 3: gray_fail_threshold < gray_count for large counts too",
        _requests(_judge_rule(lambda field, other: other >= 1000 or field < other)),
    ),
    Mutant(
        "token_case_insensitive",
        "Table 2 / 401: a token with its letter case changed is refused",
        _token_matched_by(lambda given, token: given.lower() == token.lower()),
    ),
    Mutant(
        "token_prefix_accepted",
        "Table 2 / 401: a truncated token is refused",
        _token_matched_by(lambda given, token: len(given) >= 8 and token.startswith(given)),
    ),
    Mutant(
        "token_first_16_chars_compared",
        "Table 2 / 401: a token with one character changed is refused",
        _token_matched_by(lambda given, token: given[:16] == token[:16]),
    ),
    Mutant(
        "aksk_access_key_ignored",
        "Table 2 / 401: an unknown AK is refused, even signed with a known SK",
        _lax_signatures(_signed_with_sk, any_access_key=True),
        auth="aksk",
    ),
    Mutant(
        "aksk_verdict_cached",
        "Table 2 / 401: a request changed after signing is refused (no verdict cached per signature)",
        _verdicts_cached,
        auth="aksk",
    ),
    Mutant(
        "aksk_query_unsigned",
        "Table 2 / 401: the signature covers the query string",
        _lax_signatures(_query_unsigned),
        auth="aksk",
    ),
    Mutant(
        "aksk_host_date_unsigned",
        "openapi.yaml akskSignature: host and x-sdk-date must be signed",
        _lax_signatures(_host_or_date_unsigned),
        auth="aksk",
    ),
    Mutant(
        "aksk_date_shape_unchecked",
        "openapi.yaml akskSignature: X-Sdk-Date is YYYYMMDDTHHMMSSZ",
        _lax_signatures(_any_date_shape),
        auth="aksk",
    ),
    Mutant(
        "content_type_exact_match",
        "HTTP media types: application/json; charset=utf-8 is JSON",
        _requests(_content_type_refused_unless(lambda value: value == "application/json")),
    ),
    Mutant(
        "content_type_charset_case",
        "HTTP media types: charset=UTF-8 is the same charset as charset=utf-8",
        _requests(
            _content_type_refused_unless(lambda value: "charset" not in value or "charset=utf-8" in value)
        ),
    ),
    Mutant("null_fields_ignored", "Table 3: null is not a value of any field", _requests(drop_null_fields)),
    Mutant(
        "big_integer_500",
        "Status Codes table: an Integer beyond 64 bits is a client's request, never a 500",
        _responses(crash_on_big_integers),
    ),
    Mutant(
        "non_object_body_500",
        "Table 3 / Table 5: a body that is not an object is a 400, never a 500",
        _responses(crash_on_non_object_body),
    ),
    Mutant(
        "task_ids_per_commit_batch",
        "Table 4: requests arriving together get distinct task ids",
        _ids_per_commit_batch,
    ),
    Mutant("busy_500", "Status Codes table: requests at once get no server error", _fails_when_busy),
    Mutant("allow_without_post", "HTTP: a 405's Allow lists POST", _responses(allow_without_post)),
    Mutant(
        "request_id_constant",
        "openapi.yaml: X-Request-Id names its request (one per answer)",
        _responses(constant_request_id),
    ),
    Mutant(
        "command_type_enum_ignored",
        "SDK field command_type: one of POWERSHELL, BAT, SHELL",
        _requests(any_command_type),
    ),
    Mutant(
        "command_with_script_ids_accepted",
        "SDK rule command_or_script_ids: command and script_ids not both",
        _requests(command_ignored_next_to_script_ids),
    ),
    Mutant(
        "aksk_signature_prefix_compared",
        "Table 2 / 401: a signature with one character changed or truncated is refused",
        _lax_signatures(_signature_prefix),
        auth="aksk",
    ),
    Mutant(
        "booleans_as_integers",
        "Table 3: true is not an Integer",
        _requests(booleans_as_integers),
    ),
    Mutant(
        "non_ascii_ids_500",
        "Status Codes table: non-ASCII ids are a client's request, never a 500",
        _responses(crash_on_non_ascii_ids),
    ),
    Mutant(
        "invalid_utf8_500",
        "Table 5: a body that is not UTF-8 is a 400, never a 500",
        _responses(crash_on_invalid_utf8),
    ),
]

# The other operations of the group: their mutants live in a module of their own.
from tests.contract.script_api_mutants import SCRIPT_API_MUTANTS  # noqa: E402

MUTANTS += SCRIPT_API_MUTANTS
