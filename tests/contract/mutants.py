"""Deliberately broken variants of the reference server, one defect each, named after the clause broken.

Each wraps ``create_app(...)`` from outside (see ``asgi_tamper``), so none depends on the server's internals.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contract_tests import rules, spec
from tests.contract.asgi_tamper import App, Exchange, tampered


@dataclass(frozen=True)
class Mutant:
    name: str
    clause: str
    wrap: Callable[[App, str], App]  # (reference app, the valid token) -> broken app


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


def _responses(edit: Callable[[Exchange], None]) -> Callable[[App, str], App]:
    return lambda app, token: tampered(app, response=edit)


def _requests(edit: Callable[[Exchange], None]) -> Callable[[App, str], App]:
    return lambda app, token: tampered(app, request=edit)


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
        lambda app, token: tampered(app, request=_with_token(token, only_if_present=False)),
    ),
    Mutant(
        "wrong_token_accepted",
        "Table 2 / 401: a wrong token is refused",
        lambda app, token: tampered(app, request=_with_token(token, only_if_present=True)),
    ),
]
