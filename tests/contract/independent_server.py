"""A second, independent implementation of the contract, written from the reference pages (and the
contract's written decisions), never from the reference server.

It differs wherever openapi.yaml and the pages leave room, so the contract suite must pass against it too:
that is the proof that the suite raises no false positives. Where it differs from the reference server:

- error codes and messages, id formats (``ind-task-…``), 404 for an unknown project;
- body fields the pages do not name are refused (the reference accepts them);
- work runs at once: an execution's records are final when the execute call answers (the reference
  server runs them on a clock), so a stop always finds the task finished;
- a script whose content contains ``exit 1`` fails on every desktop (its way to make a desktop fail);
- name filters match exactly (the reference matches substrings; both keep "every item matches");
- a desktop tag ``T`` selects the desktops ``T-1``, ``T-2``, ``T-3``;
- lists are in creation order, oldest first.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

Answer = tuple[int, Any, list[tuple[bytes, bytes]]]
NO_BODY = object()  # an answer without a body (204, and the 200 of a stop)

TYPES = ("POWERSHELL", "BAT", "SHELL")
TASK_TYPES = ("SCRIPT", "COMMAND")
FINAL_RECORD = {"SUCCESS", "FAILED", "TIMEOUT", "STOPPED", "SKIPPED"}
RETRIABLE = {"FAILED", "TIMEOUT", "STOPPED", "SKIPPED"}
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
FAILING_CONTENT = "exit 1"

# The original operation's body: fields of its page, plus the SDK's command pair.
EXECUTE_ID_LISTS = ("resource_ids", "gray_resource_ids", "script_ids")
EXECUTE_COUNTS = ("gray_count", "gray_fail_threshold", "execution_timeout")
EXECUTE_FIELDS = {*EXECUTE_ID_LISTS, *EXECUTE_COUNTS, "resource_type", "command", "command_type"}
TAG_ID_LISTS = ("script_ids", "gray_desktop_ids")
TAG_COUNTS = ("gray_count", "gray_fail_threshold", "execution_timeout")
TAG_STRINGS = ("desktop_tag", "pre_start", "command_content")
TAG_FIELDS = {*TAG_ID_LISTS, *TAG_COUNTS, *TAG_STRINGS, "post_finish", "command_type"}


class Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def bad(message: str) -> Refusal:
    return Refusal(400, message)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- request bodies -------------------------------------------------------------------------------------


def _object(body: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bad("the body must be a JSON object")
    if set(body) - allowed:
        raise bad(f"unknown field(s): {sorted(set(body) - allowed)}")
    return body


def _string(
    body: dict[str, Any], name: str, *, required: bool = False, low: int = 0, high: int | None = None
) -> None:
    if name not in body:
        if required:
            raise bad(f"{name} is required")
        return
    value = body[name]
    if not isinstance(value, str):
        raise bad(f"{name} must be a string")
    if len(value) < low or (high is not None and len(value) > high):
        raise bad(f"{name} must have {low} to {high} characters")


def _enum(body: dict[str, Any], name: str, values: tuple[str, ...], *, required: bool = False) -> None:
    if name not in body:
        if required:
            raise bad(f"{name} is required")
        return
    if body[name] not in values:
        raise bad(f"{name} must be one of {', '.join(values)}")


def script_body(body: Any, *, create: bool) -> dict[str, Any]:
    allowed = {"name", "description", "content", "version", *(("type",) if create else ())}
    body = _object(body, allowed)
    _string(body, "name", required=True)
    if create:
        _enum(body, "type", TYPES, required=True)
    _string(body, "description", high=256)
    _string(body, "content", required=True, low=1, high=100000)
    _string(body, "version", high=128)
    return body


def execute_body(body: Any) -> dict[str, Any]:
    body = _object(body, EXECUTE_FIELDS)
    for name in EXECUTE_COUNTS:
        if name in body and not _is_count(body[name]):
            raise bad(f"{name} must be a non-negative integer")
    for name in EXECUTE_ID_LISTS:
        if name in body and not _is_strings(body[name]):
            raise bad(f"{name} must be a list of strings")
    for name in ("resource_type", "command"):
        if name in body and not isinstance(body[name], str):
            raise bad(f"{name} must be a string")
    _enum(body, "command_type", TYPES)
    if (
        "gray_count" in body
        and "gray_fail_threshold" in body
        and body["gray_fail_threshold"] >= body["gray_count"]
    ):
        raise bad("threshold too high")
    if "command" in body and "script_ids" in body:
        raise bad("command or script_ids, not both")
    return body


def tag_body(body: Any) -> dict[str, Any]:
    body = _object(body, TAG_FIELDS)
    _string(body, "desktop_tag", required=True)
    for name in TAG_STRINGS:
        _string(body, name)
    for name in TAG_COUNTS:
        if name in body and not _is_count(body[name]):
            raise bad(f"{name} must be a non-negative integer")
    for name in TAG_ID_LISTS:
        if name in body and not _is_strings(body[name]):
            raise bad(f"{name} must be a list of strings")
    _enum(body, "post_finish", ("stop", "reboot"))
    _enum(body, "command_type", TYPES)
    if "command_content" in body and "script_ids" in body:
        raise bad("command_content or script_ids, not both")
    if "command_content" in body and "command_type" not in body:
        raise bad("a command needs its command_type")
    return body


def target_body(body: Any) -> dict[str, Any]:
    """Stop and retry: exactly one of task_id and record_id (the contract's decision)."""
    body = _object(body, {"task_id", "record_id"})
    for name in ("task_id", "record_id"):
        _string(body, name)
    if len(body) != 1:
        raise bad("give task_id or record_id (exactly one)")
    return body


# --- query strings --------------------------------------------------------------------------------------


@dataclass
class Query:
    values: dict[str, list[str]]

    def one(self, name: str) -> str | None:
        given = self.values.get(name)
        return given[-1] if given else None

    def many(self, name: str) -> list[str] | None:
        return self.values.get(name)

    def integer(self, name: str, default: int, low: int, high: int | None = None) -> int:
        text = self.one(name)
        if text is None:
            return default
        if not re.fullmatch(r"[+-]?\d+", text):
            raise bad(f"{name} must be an integer")
        value = int(text)
        if value < low or (high is not None and value > high):
            raise bad(f"{name} out of range")
        return value

    def boolean(self, name: str) -> bool | None:
        text = self.one(name)
        if text is None:
            return None
        if text.lower() not in ("true", "false"):
            raise bad(f"{name} must be true or false")
        return text.lower() == "true"

    def choice(self, name: str, values: tuple[str, ...]) -> str | None:
        text = self.one(name)
        if text is not None and text not in values:
            raise bad(f"{name} must be one of {', '.join(values)}")
        return text

    def moment(self, name: str) -> datetime | None:
        text = self.one(name)
        if text is None:
            return None
        if not DATE_TIME.match(text):
            raise bad(f"{name} must be a date-time")
        try:
            return datetime.fromisoformat(_iso(text))
        except ValueError:
            raise bad(f"{name} must be a date-time") from None

    def page(self) -> tuple[int, int]:
        return self.integer("offset", 0, 0), self.integer("limit", 10, 1, 100)


def _iso(text: str) -> str:
    text = text.upper().replace("Z", "+00:00")
    head, _, rest = text.partition(".")
    if not rest:
        return text
    digits = re.match(r"\d+", rest)
    fraction = (digits.group(0) if digits else "")[:6].ljust(6, "0")
    return f"{head}.{fraction}{rest[len(digits.group(0)) if digits else 0 :]}"


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _in_window(start: str | None, since: datetime | None, until: datetime | None) -> bool:
    if since is None and until is None:
        return True
    if start is None:
        return False
    moment = _parse_time(start)
    return (since is None or since <= moment) and (until is None or moment <= until)


# --- the project's state ----------------------------------------------------------------------------------


@dataclass
class Record:
    id: str
    task_id: str
    script_id: str | None
    script_name: str | None
    resource_id: str
    execute_order: int
    task_type: str
    status: str = "WAITING"
    start_time: str | None = None
    end_time: str | None = None
    output: str | None = None
    result_code: str | None = None
    reason: str | None = None

    def listed(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "script_id": self.script_id,
            "script_name": self.script_name,
            "script_task_id": self.task_id,
            "resource_id": self.resource_id,
            "resource_name": f"name of {self.resource_id}",
            "resource_type": "DESKTOP",
            "start_time": self.start_time,
            "end_time": self.end_time,
            "status": self.status,
            "execute_order": self.execute_order,
            "result_code": self.result_code,
            "reason": self.reason,
        }


@dataclass
class Task:
    id: str
    task_type: str
    scripts: list[tuple[str, str | None]]
    resource_ids: list[str]
    gray_ids: list[str]
    records: list[Record] = field(default_factory=list)

    def status(self) -> str:
        states = {record.status for record in self.records}
        if not states or states == {"WAITING"}:
            return "WAITING"
        if not states <= FINAL_RECORD:
            return "RUNNING"
        if "STOPPED" in states:
            return "STOPPED"
        return "FAILED" if states & {"FAILED", "TIMEOUT", "SKIPPED"} else "SUCCESS"

    def listed(self) -> dict[str, Any]:
        starts = [r.start_time for r in self.records if r.start_time]
        ends = [r.end_time for r in self.records if r.end_time]
        final = all(r.status in FINAL_RECORD for r in self.records)
        count = lambda *states: sum(r.status in states for r in self.records)  # noqa: E731
        return {
            "id": self.id,
            "task_scripts": [{"id": sid, "name": name} for sid, name in self.scripts],
            "resource_type": "DESKTOP",
            "resource_ids": self.resource_ids,
            "gray_resource_ids": self.gray_ids,
            "success_num": count("SUCCESS"),
            "failed_num": count("FAILED", "TIMEOUT"),
            "skip_num": count("SKIPPED", "STOPPED"),
            "start_time": min(starts) if starts else None,
            "end_time": max(ends) if ends and final else None,
            "status": self.status(),
        }

    @property
    def start_time(self) -> str | None:
        starts = [r.start_time for r in self.records if r.start_time]
        return min(starts) if starts else None


FAILING_SCRIPT_ID = "ind-failing-script"  # in every project from the start: it fails on every desktop


class Project:
    def __init__(self) -> None:
        self.scripts: dict[str, dict[str, Any]] = {}
        self.tasks: dict[str, Task] = {}
        self.records: dict[str, Record] = {}
        self._serial = itertools.count(1)
        self._clock = datetime.now(UTC).replace(microsecond=0)
        body = {"name": "fails on purpose", "type": "SHELL", "content": FAILING_CONTENT}
        self.scripts[FAILING_SCRIPT_ID] = {**self._stored(body), "id": FAILING_SCRIPT_ID}

    def _tick(self) -> str:
        # Every step of work one second later than the last: start and end times order the work done.
        self._clock = max(self._clock + timedelta(seconds=1), datetime.now(UTC).replace(microsecond=0))
        return self._clock.strftime("%Y-%m-%dT%H:%M:%SZ")

    def new_id(self, kind: str) -> str:
        return f"ind-{kind}-{next(self._serial):05d}-{secrets.token_hex(4)}"

    # scripts

    def create_script(self, body: dict[str, Any]) -> str:
        script_id = self.new_id("script")
        self.scripts[script_id] = {**self._stored(body), "id": script_id}
        return script_id

    def _stored(self, body: dict[str, Any]) -> dict[str, Any]:
        now = _now()
        return {
            "name": body["name"],
            "description": body.get("description"),
            "type": body["type"],
            "version": body.get("version"),
            "content": body["content"],
            "create_time": now,
            "update_time": now,
        }

    def script(self, script_id: str) -> dict[str, Any]:
        if script_id not in self.scripts:
            raise Refusal(404, "no such script")
        return self.scripts[script_id]

    # execution

    def _outcome(self, script_id: str | None) -> str:
        script = self.scripts.get(script_id or "")
        return "FAILED" if script and FAILING_CONTENT in script["content"] else "SUCCESS"

    def _run(self, records: list[Record]) -> None:
        for record in records:
            record.start_time = self._tick()
            record.status = self._outcome(record.script_id)
            record.output = "ran\n" if record.status == "SUCCESS" else "exit status 1\n"
            record.result_code = "0" if record.status == "SUCCESS" else "1"
            record.end_time = self._tick()

    def start(
        self,
        *,
        task_type: str,
        script_ids: list[str],
        desktops: list[str],
        gray: list[str],
        threshold: int | None,
    ) -> str:
        task_id = self.new_id("task")
        named: list[tuple[str, str | None]] = [(s, self.scripts.get(s, {}).get("name")) for s in script_ids]
        scripts: list[tuple[str | None, str | None]] = [*named] or [(None, None)]  # a command: no script
        targets = list(dict.fromkeys([*gray, *desktops]))
        task = Task(task_id, task_type, named, targets, gray)
        for desktop in targets:
            order = 0 if not gray else (1 if desktop in gray else 2)
            for script_id, name in scripts:
                record = Record(self.new_id("record"), task_id, script_id, name, desktop, order, task_type)
                task.records.append(record)
                self.records[record.id] = record
        self.tasks[task_id] = task
        first = [r for r in task.records if r.execute_order == 1]
        self._run(first)
        failures = sum(r.status in ("FAILED", "TIMEOUT") for r in first)
        rest = [r for r in task.records if r.execute_order != 1]
        if gray and threshold is not None and failures > threshold:
            for record in rest:
                record.status, record.reason = "SKIPPED", "the gray batch failed"
        else:
            self._run(rest)
        return task_id

    def execute(self, body: dict[str, Any]) -> str:
        desktops = list(body.get("resource_ids", []))
        gray = list(body.get("gray_resource_ids", [])) or desktops[: body.get("gray_count", 0)]
        return self.start(
            task_type="COMMAND" if "command" in body else "SCRIPT",
            script_ids=list(body.get("script_ids", [])),
            desktops=desktops,
            gray=gray,
            threshold=body.get("gray_fail_threshold"),
        )

    def execute_by_tag(self, body: dict[str, Any]) -> str:
        desktops = [f"{body['desktop_tag']}-{n}" for n in (1, 2, 3)]
        gray = (
            desktops[: body["gray_count"]]
            if body.get("gray_count")
            else list(body.get("gray_desktop_ids", []))
        )
        return self.start(
            task_type="COMMAND" if "command_content" in body else "SCRIPT",
            script_ids=list(body.get("script_ids", [])),
            desktops=desktops,
            gray=gray,
            threshold=body.get("gray_fail_threshold"),
        )

    def _named(self, body: dict[str, Any]) -> list[Record]:
        if "task_id" in body:
            if body["task_id"] not in self.tasks:
                raise Refusal(404, "no such task")
            return self.tasks[body["task_id"]].records
        if body["record_id"] not in self.records:
            raise Refusal(404, "no such record")
        return [self.records[body["record_id"]]]

    def stop(self, body: dict[str, Any]) -> None:
        for record in self._named(body):
            if record.status not in FINAL_RECORD:
                record.status, record.end_time = "STOPPED", self._tick()

    def retry(self, body: dict[str, Any]) -> str:
        named = self._named(body)
        if any(record.status not in FINAL_RECORD for record in named):
            raise bad("not finished yet")
        again = [record for record in named if record.status in RETRIABLE]
        if not again:
            raise bad("nothing to retry")
        task_id = self.new_id("task")
        first = again[0]
        scripts = list(dict.fromkeys((r.script_id, r.script_name) for r in again if r.script_id))
        task = Task(task_id, first.task_type, scripts, list(dict.fromkeys(r.resource_id for r in again)), [])
        for old in again:
            record = Record(
                self.new_id("record"),
                task_id,
                old.script_id,
                old.script_name,
                old.resource_id,
                0,
                old.task_type,
            )
            task.records.append(record)
            self.records[record.id] = record
        self.tasks[task_id] = task
        self._run(task.records)
        return task_id


def _page(items: list[dict[str, Any]], key: str, query: Query) -> dict[str, Any]:
    offset, limit = query.page()
    return {"count": len(items), key: items[offset : offset + limit]}


def list_scripts(project: Project, query: Query) -> dict[str, Any]:
    wanted = {name: query.one(name) for name in ("id", "name", "type")}
    items = [
        {k: v for k, v in script.items() if k != "content"}
        for script in project.scripts.values()
        if all(value is None or script[name] == value for name, value in wanted.items())
    ]
    return _page(items, "scripts", query)


def list_tasks(project: Project, query: Query) -> dict[str, Any]:
    since, until = query.moment("execute_time_start"), query.moment("execute_time_end")
    task_type = query.choice("task_type", TASK_TYPES)
    script_id, script_name, status = query.one("script_id"), query.one("script_name"), query.one("status")
    ids = query.many("task_id")
    grouped = query.many("resource_group_id") is not None or query.one("resource_group_type") is not None
    items = []
    for task in project.tasks.values():
        listed = task.listed()
        keep = (
            not grouped  # no task here runs on a resource group
            and (ids is None or task.id in ids)
            and (task_type is None or task.task_type == task_type)
            and (script_id is None or any(s == script_id for s, _ in task.scripts))
            and (script_name is None or any(n == script_name for _, n in task.scripts))
            and (status is None or listed["status"] == status)
            and _in_window(task.start_time, since, until)
        )
        if keep:
            items.append(listed)
    return _page(items, "script_tasks", query)


def list_records(project: Project, query: Query) -> dict[str, Any]:
    history = query.boolean("show_history")
    if history and not (query.many("resource_id") and query.many("script_id")):
        raise bad("show_history needs resource_id and script_id")
    since, until = query.moment("execute_time_start"), query.moment("execute_time_end")
    task_type = query.choice("task_type", TASK_TYPES)
    first_order = query.boolean("is_first_order")
    lists = {name: query.many(name) for name in ("resource_id", "script_id", "script_name")}
    task_id, status = query.one("script_task_id"), query.one("status")
    grouped = query.many("resource_group_id") is not None
    items = []
    for record in project.records.values():
        listed = record.listed()
        keep = (
            not grouped
            and all(wanted is None or listed[name] in wanted for name, wanted in lists.items())
            and (task_id is None or record.task_id == task_id)
            and (status is None or record.status == status)
            and (task_type is None or record.task_type == task_type)
            and (first_order is None or (record.execute_order == 1) == first_order)
            and _in_window(record.start_time, since, until)
        )
        if keep:
            items.append(listed)
    return _page(items, "script_records", query)


# --- routing ------------------------------------------------------------------------------------------------

Handler = Callable[[Project, list[str], Query, Callable[[], Any]], Answer]


def _ok(payload: Any) -> Answer:
    return 200, payload, []


def _route_table() -> list[tuple[re.Pattern[str], dict[str, Handler]]]:
    def show_script(p: Project, ids: list[str], q: Query, body: Callable[[], Any]) -> Answer:
        q.one("script_task_id")  # accepted; changes nothing here either
        return _ok(p.script(ids[0]))

    def update_script(p: Project, ids: list[str], q: Query, body: Callable[[], Any]) -> Answer:
        script = p.script(ids[0])
        given = script_body(body(), create=False)
        script.update({"description": None, "version": None, **given, "update_time": _now()})
        return 204, NO_BODY, []

    def delete_script(p: Project, ids: list[str], q: Query, body: Callable[[], Any]) -> Answer:
        p.script(ids[0])
        del p.scripts[ids[0]]
        return 204, NO_BODY, []

    def show_record(p: Project, ids: list[str], q: Query, body: Callable[[], Any]) -> Answer:
        record = p.records.get(ids[0])
        if record is None:
            raise Refusal(404, "no such record")
        return _ok({**record.listed(), "output": record.output})

    def stop(p: Project, ids: list[str], q: Query, body: Callable[[], Any]) -> Answer:
        p.stop(target_body(body()))
        return 200, NO_BODY, []

    return [
        (
            re.compile(r"^/v2/([^/]+)/scripts/?$"),
            {
                "GET": lambda p, ids, q, body: _ok(list_scripts(p, q)),
                "POST": lambda p, ids, q, body: _ok(
                    {"script_id": p.create_script(script_body(body(), create=True))}
                ),
            },
        ),
        (
            re.compile(r"^/v2/([^/]+)/scripts/([^/]+)/?$"),
            {"GET": show_script, "PUT": update_script, "DELETE": delete_script},
        ),
        (
            re.compile(r"^/v2/([^/]+)/script-executions/?$"),
            {"POST": lambda p, ids, q, body: _ok({"task_id": p.execute(execute_body(body()))})},
        ),
        (
            re.compile(r"^/v2/([^/]+)/script-executions/by-desktop-tag/?$"),
            {"POST": lambda p, ids, q, body: _ok({"task_id": p.execute_by_tag(tag_body(body()))})},
        ),
        (re.compile(r"^/v2/([^/]+)/script-executions/stop/?$"), {"POST": stop}),
        (
            re.compile(r"^/v2/([^/]+)/script-executions/retry/?$"),
            {"POST": lambda p, ids, q, body: _ok({"task_id": p.retry(target_body(body()))})},
        ),
        (
            re.compile(r"^/v2/([^/]+)/script-execution-tasks/?$"),
            {"GET": lambda p, ids, q, body: _ok(list_tasks(p, q))},
        ),
        (
            re.compile(r"^/v2/([^/]+)/script-execution-records/?$"),
            {"GET": lambda p, ids, q, body: _ok(list_records(p, q))},
        ),
        (re.compile(r"^/v2/([^/]+)/script-execution-records/([^/]+)/?$"), {"GET": show_record}),
    ]


def _path_ids(ids: list[str]) -> None:
    """Path ids: project_id and script_id 1-128 characters (the pages); record ids have no stated limit."""
    if len(ids[0]) > 128:
        raise bad("project_id longer than 128 characters")


def make_app(project_id: str, token: str):  # type: ignore[no-untyped-def]
    project = Project()
    routes = _route_table()

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break

        async def answer(status: int, payload: Any, extra: list[tuple[bytes, bytes]] = ()) -> None:  # type: ignore[assignment]
            headers = [(b"x-request-id", secrets.token_hex(8).encode()), *extra]
            data = b""
            if payload is not NO_BODY:
                data = json.dumps(payload).encode()
                headers.append((b"content-type", b"application/json; charset=utf-8"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": data})

        def error(status: int, message: str) -> Any:
            return answer(status, {"error_code": f"IND-{status}", "error_msg": message})

        path = scope["path"]
        found = next(
            ((pattern.match(path), methods) for pattern, methods in routes if pattern.match(path)), None
        )
        if found is None:
            return await error(404, "no such path")
        match, methods = found
        assert match is not None
        if scope["method"] not in methods:
            allow = ", ".join(sorted(methods)).encode()
            return await answer(
                405, {"error_code": "IND-405", "error_msg": "method not allowed"}, [(b"allow", allow)]
            )
        headers = {name.decode().lower(): value.decode("latin-1") for name, value in scope["headers"]}
        if headers.get("x-auth-token") != token:
            return await error(401, "who are you")
        ids = list(match.groups())  # the ASGI path is already percent-decoded
        if ids[0] != project_id:
            return await error(404, "unknown project")

        def body() -> Any:
            try:
                return json.loads(b"".join(chunks))
            except ValueError:
                raise bad("not JSON") from None

        try:
            query = Query(parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
            _path_ids(ids)
            status, payload, extra = methods[scope["method"]](project, ids[1:], query, body)
        except Refusal as refusal:
            return await error(refusal.status, refusal.message)
        return await answer(status, payload, extra)

    return app
