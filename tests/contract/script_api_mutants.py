"""Broken variants of the reference server for the eleven operations beyond the original one, one defect
each, named after the clause broken. Like ``mutants``, each wraps the server from outside: it edits the
query string, the body or the answer, or answers in the server's place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from reference_server import Credential
from tests.contract.asgi_tamper import App, Exchange, Receive, Scope, Send, tampered
from tests.contract.mutant import Mutant

Pairs = list[tuple[str, str]]
LIST_PATHS = re.compile(r"^/v2/[^/]+/(scripts|script-execution-tasks|script-execution-records)/?$")
RECORD_PATHS = re.compile(r"^/v2/[^/]+/script-execution-records(/[^/]+)?/?$")
SCRIPT_PATH = re.compile(r"^/v2/[^/]+/scripts/[^/]+/?$")
SCRIPTS_PATH = re.compile(r"^/v2/[^/]+/scripts/?$")


def _query_edited(edit: Callable[[str, str, Pairs], Pairs]) -> Callable[[App, Credential], App]:
    """The server sees the query string ``edit`` makes of (method, path, pairs)."""

    def wrap(app: App, credential: Credential) -> App:
        async def wrapper(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                edited = edit(scope["method"], scope["path"], pairs)
                scope = {**scope, "query_string": urlencode(edited).encode()}
            await app(scope, receive, send)

        return wrapper

    return wrap


def _dropping(path: re.Pattern[str], *names: str) -> Callable[[App, Credential], App]:
    def edit(method: str, at: str, pairs: Pairs) -> Pairs:
        return [(k, v) for k, v in pairs if k not in names] if path.match(at) else pairs

    return _query_edited(edit)


def _clamped_limit(method: str, at: str, pairs: Pairs) -> Pairs:
    def clamp(value: str) -> str:
        return str(min(max(int(value), 1), 100)) if re.fullmatch(r"-?\d+", value) else value

    return [(k, clamp(v) if k == "limit" else v) for k, v in pairs] if LIST_PATHS.match(at) else pairs


def _json(exchange: Exchange) -> Any:
    try:
        return json.loads(exchange.body)
    except ValueError:
        return None


def _request_json(exchange: Exchange) -> Any:
    try:
        return json.loads(exchange.request_body)
    except ValueError:
        return None


def _records_edited(edit: Callable[[dict[str, Any]], None]) -> Callable[[Exchange], None]:
    """Apply ``edit`` to every record in a records list or record detail answer."""

    def respond(exchange: Exchange) -> None:
        body = _json(exchange)
        if exchange.status != 200 or not RECORD_PATHS.match(exchange.path) or not isinstance(body, dict):
            return
        for record in body.get("script_records", [body]):
            if isinstance(record, dict):
                edit(record)
        exchange.body = json.dumps(body).encode()

    return respond


def _gray_marked_2(record: dict[str, Any]) -> None:
    if record.get("execute_order") == 1:
        record["execute_order"] = 2


def _skipped_shown_as_run(record: dict[str, Any]) -> None:
    if record.get("status") == "SKIPPED":
        record["status"] = "SUCCESS"


def _without_output(record: dict[str, Any]) -> None:
    record.pop("output", None)


def _update_forgotten(app: App, credential: Credential) -> App:
    """Updates are answered 204 but reads keep showing the script as it was created."""
    first_seen: dict[str, dict[str, Any]] = {}

    def respond(exchange: Exchange) -> None:
        body = _json(exchange)
        if exchange.status != 200 or not isinstance(body, dict):
            return
        if (
            exchange.method == "POST"
            and SCRIPTS_PATH.match(exchange.path)
            and isinstance(body.get("script_id"), str)
        ):
            created = _request_json(exchange)
            if isinstance(created, dict):
                first_seen[body["script_id"]] = created
        elif exchange.method == "GET" and SCRIPT_PATH.match(exchange.path):
            original = first_seen.get(str(body.get("id")))
            if original:
                body.update(
                    {k: v for k, v in original.items() if k in ("name", "description", "content", "version")}
                )
                exchange.body = json.dumps(body).encode()

    return tampered(app, response=respond)


def _delete_forgotten(app: App, credential: Credential) -> App:
    """Deletes are answered 204 but a deleted script still reads back as it last did."""
    last_seen: dict[str, bytes] = {}

    def respond(exchange: Exchange) -> None:
        if exchange.method != "GET" or not SCRIPT_PATH.match(exchange.path):
            return
        script_id = exchange.path.rstrip("/").rsplit("/", 1)[-1]
        if exchange.status == 200:
            last_seen[script_id] = exchange.body
        elif exchange.status == 404 and script_id in last_seen:
            exchange.status, exchange.body = 200, last_seen[script_id]
            exchange.set_header("content-type", "application/json")

    return tampered(app, response=respond)


def _stopped_shown_as_done(record: dict[str, Any]) -> None:
    if record.get("status") == "STOPPED":
        record["status"] = "SUCCESS"


def count_is_page_size(exchange: Exchange) -> None:
    body = _json(exchange)
    if exchange.status == 200 and LIST_PATHS.match(exchange.path) and isinstance(body, dict):
        page = next((value for key, value in body.items() if isinstance(value, list)), [])
        body["count"] = len(page)
        exchange.body = json.dumps(body).encode()


def body_on_204(exchange: Exchange) -> None:
    """HTTP/1.1 servers (h11 here) drop a body given to a 204, so the defect shows as a 200 with a body."""
    if exchange.status == 204:
        exchange.status = 200
        exchange.body = b'{"result": "done"}'
        exchange.set_header("content-type", "application/json")


def retry_answers_the_old_task(exchange: Exchange) -> None:
    asked = _request_json(exchange)
    if (
        exchange.status == 200
        and exchange.path.endswith("/retry")
        and isinstance(asked, dict)
        and "task_id" in asked
    ):
        exchange.body = json.dumps({"task_id": asked["task_id"]}).encode()


def allow_says_post(exchange: Exchange) -> None:
    if exchange.status == 405:
        exchange.set_header("allow", "POST")


def _body_edited(path: re.Pattern[str], edit: Callable[[dict[str, Any]], None]) -> Callable[[Exchange], None]:
    def request(exchange: Exchange) -> None:
        body = _request_json(exchange)
        if path.match(exchange.path) and isinstance(body, dict):
            edit(body)
            exchange.request_body = json.dumps(body).encode()

    return request


def _content_cut(body: dict[str, Any]) -> None:
    if isinstance(body.get("content"), str):
        body["content"] = body["content"][:100000]


def _type_forced(body: dict[str, Any]) -> None:
    if "type" in body:
        body["type"] = "SHELL"


def _name_supplied(body: dict[str, Any]) -> None:
    body.setdefault("name", "unnamed")


def _one_id_kept(body: dict[str, Any]) -> None:
    if "task_id" in body and "record_id" in body:
        del body["record_id"]


def _scripts_dropped_next_to_a_command(body: dict[str, Any]) -> None:
    if "command_content" in body:
        body.pop("script_ids", None)


def _token_for_new_reads(token: str) -> Callable[[Exchange], None]:
    def inject(exchange: Exchange) -> None:
        if (
            exchange.method == "GET"
            and not {"x-auth-token", "authorization"} & exchange.request_headers.keys()
        ):
            exchange.request_headers["x-auth-token"] = token

    return inject


def _mutant(name: str, clause: str, wrap: Callable[[App, Credential], App]) -> Mutant:
    return Mutant(name, clause, wrap, suite="script-api")


def _responses(edit: Callable[[Exchange], None]) -> Callable[[App, Credential], App]:
    return lambda app, credential: tampered(app, response=edit)


def _requests(edit: Callable[[Exchange], None]) -> Callable[[App, Credential], App]:
    return lambda app, credential: tampered(app, request=edit)


STOP_RETRY = re.compile(r"^/v2/[^/]+/script-executions/(stop|retry)/?$")
TAG_PATH = re.compile(r"^/v2/[^/]+/script-executions/by-desktop-tag/?$")
TASKS_PATH = re.compile(r"^/v2/[^/]+/script-execution-tasks/?$")
RECORDS_PATH = re.compile(r"^/v2/[^/]+/script-execution-records/?$")

SCRIPT_API_MUTANTS = [
    _mutant("list_limit_unchecked", "List pages: limit outside 1-100 is 400", _query_edited(_clamped_limit)),
    _mutant("list_offset_ignored", "List pages: offset moves the page", _dropping(LIST_PATHS, "offset")),
    _mutant(
        "script_filters_ignored", "ListScripts: name and type filter", _dropping(SCRIPTS_PATH, "name", "type")
    ),
    _mutant(
        "records_of_other_tasks",
        "ListScriptRecords: script_task_id filters the records",
        _dropping(RECORDS_PATH, "script_task_id"),
    ),
    _mutant(
        "record_desktop_filter_ignored",
        "ListScriptRecords: resource_id filters the records",
        _dropping(RECORDS_PATH, "resource_id"),
    ),
    _mutant(
        "task_id_filter_ignored",
        "ListScriptTasks: task_id filters the tasks",
        _dropping(TASKS_PATH, "task_id"),
    ),
    _mutant(
        "show_history_rule_ignored",
        "ListScriptRecords: show_history=true needs resource_id and script_id",
        _dropping(RECORDS_PATH, "show_history"),
    ),
    _mutant(
        "count_is_page_size",
        "List answers: count is all matches, not the page",
        _responses(count_is_page_size),
    ),
    _mutant("update_not_persisted", "UpdateScript: the change is kept", _update_forgotten),
    _mutant("delete_leaves_script", "DeleteScript: the script is gone", _delete_forgotten),
    _mutant("body_on_204", "UpdateScript/DeleteScript: a 204 has no body", _responses(body_on_204)),
    _mutant(
        "stop_stops_nothing",
        "StopScriptExecution: unfinished records stop (they run to the end instead)",
        _responses(_records_edited(_stopped_shown_as_done)),
    ),
    _mutant(
        "gray_record_marked_2",
        "Gray batch: its records carry execute_order 1",
        _responses(_records_edited(_gray_marked_2)),
    ),
    _mutant(
        "rest_run_despite_gray_failure",
        "Gray rule: failures past the threshold leave the rest not run",
        _responses(_records_edited(_skipped_shown_as_run)),
    ),
    _mutant(
        "record_detail_without_output",
        "ShowScriptRecordDetail: the detail has the output",
        _responses(_records_edited(_without_output)),
    ),
    _mutant(
        "retry_answers_old_task",
        "RetryScriptExecution: a new task (assumption)",
        _responses(retry_answers_the_old_task),
    ),
    _mutant("allow_always_post", "405 Allow lists the path's methods", _responses(allow_says_post)),
    _mutant(
        "reads_without_credential",
        "401 on every operation: reads need a credential",
        lambda app, credential: tampered(app, request=_token_for_new_reads(str(credential.token))),
    ),
    _mutant(
        "content_limit_unchecked",
        "CreateScript/UpdateScript: content of 1-100000 characters",
        _requests(_body_edited(re.compile(r"^/v2/[^/]+/scripts(/[^/]+)?/?$"), _content_cut)),
    ),
    _mutant(
        "script_type_unchecked",
        "CreateScript: type is POWERSHELL, BAT or SHELL",
        _requests(_body_edited(SCRIPTS_PATH, _type_forced)),
    ),
    _mutant(
        "script_name_not_required",
        "CreateScript: name is mandatory",
        _requests(_body_edited(SCRIPTS_PATH, _name_supplied)),
    ),
    _mutant(
        "stop_retry_both_ids_accepted",
        "Stop/Retry: exactly one of task_id and record_id (assumption)",
        _requests(_body_edited(STOP_RETRY, _one_id_kept)),
    ),
    _mutant(
        "tag_command_and_scripts_accepted",
        "ExecuteScriptByDesktopTag: command_content or script_ids, not both",
        _requests(_body_edited(TAG_PATH, _scripts_dropped_next_to_a_command)),
    ),
]
