"""Live mode's guarantees, proven from what the server received.

The suite runs (in a subprocess, as a user would run it) against the reference server, whose inventory
holds sandbox desktops and scripts, decoys and every example id, and against a broken server that
accepts everything; a recording wrapper keeps every request each one received.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qsl, unquote

import pytest
import requests

from contract_tests import id_rules, live, spec, tasks, unchecked
from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread
from tests.contract import junit_names
from tests.contract.asgi_tamper import App, Exchange, Message, Receive, Scope, Send, tampered
from tests.contract.runner import (
    DECOY_DESKTOPS,
    DECOY_SCRIPTS,
    LIVE_ARGS,
    ROOT,
    SANDBOX_DESKTOPS,
    SANDBOX_SCRIPTS,
    Running,
    _clean_env,
    live_inventory,
    run_suite,
    suite_args,
)

MAX_TASKS = 3


def forbidden_ids() -> set[str]:
    """Ids a live run must never send: the decoys and every id of openapi.yaml's examples."""
    fields = ("resource_ids", "gray_resource_ids", "script_ids")
    examples = {i for body in spec.request_examples().values() for f in fields for i in body.get(f, [])}
    return {*examples, *DECOY_DESKTOPS, *DECOY_SCRIPTS}


async def accept_everything(scope: Scope, receive: Receive, send: Send) -> None:
    """A broken target: every request, whatever its credential, path or body, is a new task."""
    if scope["type"] != "http":
        return
    message: Message = {"more_body": True}
    while message.get("more_body"):
        message = await receive()
    headers = [(b"content-type", b"application/json"), (b"x-request-id", secrets.token_hex(8).encode())]
    if scope["method"] in ("PUT", "DELETE"):  # "done", as UpdateScript and DeleteScript answer
        await send({"type": "http.response.start", "status": 204, "headers": headers[1:]})
        await send({"type": "http.response.body", "body": b""})
        return
    answer = {"task_id": secrets.token_hex(8), "script_id": secrets.token_hex(8)}
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps(answer).encode()})


@contextlib.contextmanager
def recorded(app: App, project_id: str, token: str) -> Iterator[tuple[Running, list[Exchange]]]:
    seen: list[Exchange] = []
    with serve_in_thread(tampered(app, response=seen.append)) as base_url:
        yield Running(base_url, project_id, token), seen


# Requests that cannot start a task (the contract's operations that do not): method and path end.
NO_TASK = (
    ("POST", re.compile(r"/scripts$")),
    ("PUT", re.compile(r"/scripts/[^/]+$")),
    ("DELETE", re.compile(r"/scripts/[^/]+$")),
    ("POST", re.compile(r"/script-executions/stop$")),
)
# Query parameters that name nothing (numbers, booleans, an enum, times).
TYPED_QUERY = {"limit", "offset", "is_first_order", "show_history", "task_type"}
TYPED_QUERY |= {"execute_time_start", "execute_time_end"}
HARMLESS = {"echo contract-probe", "echo contract-probe again"}


def starts_task(exchange: Exchange) -> bool:
    if exchange.method == "GET":
        return False
    return not any(exchange.method == m and p.search(exchange.path.rstrip("/")) for m, p in NO_TASK)


def _json(data: bytes) -> Any:
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        return json.loads(data)
    return None


@dataclass
class Seen:
    """What the recording shows the run made: scripts created (id -> name), deleted, tasks, records."""

    created: dict[str, str] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    tasks: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)


def made_by_the_run(seen: list[Exchange]) -> Seen:
    made = Seen()
    for exchange in seen:
        answer, path = _json(exchange.body), exchange.path.rstrip("/")
        ok = 200 <= exchange.status < 300 and isinstance(answer, dict)
        if exchange.method == "POST" and path.endswith("/scripts") and ok:
            if isinstance(answer.get("script_id"), str):
                made.created[answer["script_id"]] = str((_json(exchange.request_body) or {}).get("name"))
        elif exchange.method == "DELETE" and exchange.status in (204, 404):
            made.deleted.add(unquote(path.rsplit("/", 1)[1]))
        elif starts_task(exchange) and ok and isinstance(answer.get("task_id"), str):
            made.tasks.add(answer["task_id"])
        elif path.endswith("/script-execution-records") and ok:
            for record in answer.get("script_records") or []:
                if record.get("script_task_id") in made.tasks:
                    made.records.add(record.get("id"))
    return made


def assert_script_api_guarantees(seen: list[Exchange], tag: str | None) -> Seen:
    """Point 5 over every request the server received: ids in paths and queries, the scripts created,
    changed and deleted, stop and retry, execution by tag; returns what the run made."""
    made = made_by_the_run(seen)
    sandbox = {*SANDBOX_DESKTOPS, *SANDBOX_SCRIPTS, *([tag] if tag else [])}
    words = {"POWERSHELL", "BAT", "SHELL", "SCRIPT", "COMMAND"}
    words |= {"WAITING", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT", "STOPPED", "SKIPPED"}
    created_so_far: set[str] = set()
    for exchange in seen:
        path = exchange.path.rstrip("/")
        parts = [unquote(part) for part in path.split("/")]
        ids = parts[3:]  # after "", "v2", the project
        script_write = exchange.method != "GET" and len(ids) == 2 and ids[0] == "scripts"
        for value in ids:
            if value in (
                "scripts",
                "script-executions",
                "script-execution-tasks",
                "script-execution-records",
            ):
                continue
            if value in ("by-desktop-tag", "stop", "retry"):
                continue
            if script_write:  # change or delete only a script the run created before
                assert id_rules.is_probe(value) or value in created_so_far, f"{exchange.method} {path}"
            else:
                mine = value in made.created or value in made.records or value in made.tasks
                assert id_rules.is_probe(value) or value in sandbox or mine or len(value) <= 4, path
        for key, value in parse_qsl(exchange.query, keep_blank_values=True):
            if key in TYPED_QUERY:
                continue
            own = {*made.created, *made.created.values(), *made.tasks, *made.records}
            assert (
                id_rules.is_probe(value) or value in sandbox or value in own or value in words
                or len(value) <= 4
            ), f"{exchange.method} {path}?{key}={value}"  # fmt: skip
        body = _json(exchange.request_body)
        creates = exchange.method == "POST" and path.endswith("/scripts")
        updates = exchange.method == "PUT" and re.search(r"/scripts/[^/]+$", path)
        if (creates or updates) and isinstance(body, dict):
            if exchange.method == "POST":  # a new script: a probe name, harmless content, always
                assert "name" in body and "content" in body, body
            if "name" in body:
                assert isinstance(body["name"], str) and id_rules.is_probe(body["name"]), body
            if "content" in body:
                assert isinstance(body["content"], str) and body["content"].rstrip(" ") in HARMLESS, body
        if path.endswith(("/stop", "/retry")) and isinstance(body, dict):
            for key, own_ids in (("task_id", made.tasks), ("record_id", made.records)):
                for value in id_rules._strings(body.get(key)):
                    assert id_rules.is_probe(value) or value in own_ids, f"{path} {body}"
        if path.endswith("/by-desktop-tag"):
            assert tag is not None, "an execution by tag without --sandbox-desktop-tag"
            if isinstance(body, dict) and isinstance(body.get("desktop_tag"), str):
                assert body["desktop_tag"] == tag or id_rules.is_probe(body["desktop_tag"]), body
        answer = _json(exchange.body)
        if exchange.method == "POST" and path.endswith("/scripts") and isinstance(answer, dict):
            created_so_far.add(str(answer.get("script_id")))
    return made


def assert_all_deleted(
    seen: list[Exchange], tasks_file: Path, *, except_for: frozenset[str] = frozenset()
) -> Seen:
    """Every script the run created was deleted by the end (but ``except_for``), and the tasks file
    lists those it could not delete."""
    made = made_by_the_run(seen)
    assert made.created, "the run created no script: nothing proven"
    assert set(made.created) - made.deleted == except_for, sorted(set(made.created) - made.deleted)
    written = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert written["format_version"] == 2
    assert {s["script_id"] for s in written["scripts"]["created"]} == set(made.created)
    assert {s["script_id"] for s in written["scripts"]["left_behind"]} == except_for
    return made


def names_sandbox(exchange: Exchange) -> bool:
    return any(i.encode() in exchange.request_body for i in (*SANDBOX_DESKTOPS, *SANDBOX_SCRIPTS))


def assert_guarantees(seen: list[Exchange], tasks_file: Path, max_tasks: int) -> list[Exchange]:
    """Guarantees 1, 2 and 4 over every request the server received; returns the accepted sandbox ones."""
    own_scripts = made_by_the_run(seen).created  # harmless by construction (point 5)
    for exchange in seen:
        received = (
            exchange.request_body
            + exchange.path.encode()
            + exchange.query.encode()
            + repr(exchange.request_headers).encode()
        )
        leaked = [i for i in forbidden_ids() if i.encode() in received]
        assert not leaked, (
            f"{exchange.method} {exchange.path} carried {leaked}: {exchange.request_body[:300]!r}"
        )
        parsed, body = id_rules.parse(exchange.request_body)
        if parsed and isinstance(body, dict):
            for field in id_rules.ID_FIELDS:
                items = id_rules._strings(body.get(field))
                allowed = (
                    *SANDBOX_DESKTOPS,
                    *SANDBOX_SCRIPTS,
                    *(own_scripts if field == "script_ids" else ()),
                )
                assert all(id_rules.is_probe(i) or i in allowed for i in items), body
                named = [i for i in items if not id_rules.is_probe(i)]
                assert len(named) == len(set(named)), f"a sandbox id named twice: {body}"
    # Every request but the contract's operations that start none could start a task: at most the
    # budget acknowledged.
    acknowledged = [e for e in seen if 200 <= e.status < 300 and starts_task(e)]
    assert len(acknowledged) <= max_tasks, [e.request_body[:100] for e in acknowledged]
    accepted_sandbox = [e for e in acknowledged if names_sandbox(e)]
    for exchange in accepted_sandbox:
        assert json.loads(exchange.request_body)["execution_timeout"] <= id_rules.SHORT_TIMEOUT
    written = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert {task["task_id"] for task in written["tasks"]} == {
        json.loads(e.body)["task_id"] for e in acknowledged
    }
    assert all("request" in task and task["kind"] in tasks.KINDS for task in written["tasks"])
    assert written["mode"] == "live" and written["ended"] and written["budget"]["max_tasks"] == max_tasks
    assert written["target"].startswith("http://127.0.0.1:")
    return accepted_sandbox


TAG = "sandbox-tag"  # the sandbox desktops carry it (and no other desktop does)
TAG_ARGS = (f"--sandbox-desktop-tag={TAG}",)


def tagged_inventory(folder: Path, project_id: str) -> Path:
    """``live_inventory``, its sandbox desktops carrying the sandbox tag and a decoy another tag."""
    path = live_inventory(folder, project_id)
    document = json.loads(path.read_text(encoding="utf-8"))
    entry = document["projects"][project_id]
    tags = {desktop: [TAG] for desktop in SANDBOX_DESKTOPS} | {DECOY_DESKTOPS[0]: ["decoy-tag"]}
    entry["desktops"] = [{"id": d, "tags": tags.get(d, [])} for d in entry["desktops"]]
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def conforming(tmp_path: Path) -> tuple[App, str, str]:
    project_id, token = secrets.token_hex(16), secrets.token_urlsafe(24)
    inventory = tagged_inventory(tmp_path, project_id)
    return (
        create_app(credentials=[Credential(project_id, token=token)], inventory=inventory),
        project_id,
        token,
    )


def test_live_run_against_a_conforming_server_passes_and_keeps_the_guarantees(tmp_path: Path) -> None:
    # The whole suite, every operation (execution by tag with the sandbox tag), unpaced.
    tasks_file = tmp_path / "tasks.json"
    app, project_id, token = conforming(tmp_path)
    with recorded(app, project_id, token) as (running, seen):
        result = run_suite(
            running, max_examples=20, time_budget=4.0, stop_early=False,
            # The request cap is not what this run is about: the whole suite sends about 1,000 requests,
            # more on a fast machine, and a run stopped by the cap is incomplete (exit 6).
            extra_args=[*LIVE_ARGS, *TAG_ARGS, "--max-tasks=40", "--max-requests=5000",
                        f"--tasks-file={tasks_file}", "-rs"],
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:]
    assert "contract mode: LIVE (--live given" in result.stdout
    assert "live limits: --max-tasks=40 (counts every acknowledged" in result.stdout
    assert len(seen) > 300, "the run sent too little to prove anything"
    accepted = assert_guarantees(seen, tasks_file, 40)
    made = assert_script_api_guarantees(seen, TAG)
    assert_all_deleted(seen, tasks_file)
    # Every operation was sent, the writes included; retries and executions by tag count as tasks.
    sent = {(e.method, re.sub(r"/v2/[^/]+", "", e.path.rstrip("/"))) for e in seen}
    for method, path in [("PUT", "/scripts/"), ("DELETE", "/scripts/"), ("POST", "/script-executions/stop")]:
        assert any(m == method and p.startswith(path) for m, p in sent), (method, path)
    by_tag = [e for e in seen if e.path.endswith("/by-desktop-tag") and e.status == 200]
    retries = [e for e in seen if e.path.endswith("/retry") and e.status == 200]
    assert by_tag and retries and len(made.records) > 0
    assert all(json.loads(e.request_body)["desktop_tag"] == TAG for e in by_tag)
    assert len(accepted) >= 2
    assert sum(b"fuzz" in e.request_body for e in accepted) == 0  # placeholders never reach the wire
    assert "INCOMPLETE" not in result.stdout


def test_at_the_default_rate_a_conforming_server_acknowledges_at_most_the_budget(tmp_path: Path) -> None:
    tasks_file = tmp_path / "tasks.json"
    app, project_id, token = conforming(tmp_path)
    live_args = [arg for arg in LIVE_ARGS if arg not in ("--rate=0", "--max-tasks=3")]
    with recorded(app, project_id, token) as (running, seen):
        result = run_suite(
            running, max_examples=40, time_budget=4.0, stop_early=False,
            extra_args=[*live_args, "--max-tasks=3", f"--tasks-file={tasks_file}", "-k", "distinct or fuzz"],
        )  # fmt: skip
    assert "3 req/s" in result.stdout
    accepted = assert_guarantees(seen, tasks_file, max_tasks=3)
    assert_script_api_guarantees(seen, None)
    assert not [e for e in seen if e.path.endswith("/by-desktop-tag")]  # no tag given: none sent
    # Two tasks for the clause that needs two, one kept: the fuzzed cases went with probe ids (404s).
    assert len(accepted) == 2
    assert result.returncode == 0, result.stdout[-4000:]


def test_live_guarantees_hold_against_a_server_accepting_everything(tmp_path: Path) -> None:
    max_tasks = 3
    tasks_file = tmp_path / "tasks.json"
    with recorded(accept_everything, secrets.token_hex(16), "any") as (running, seen):
        result = run_suite(
            running, max_examples=20, time_budget=4.0, stop_early=False,
            extra_args=[
                *LIVE_ARGS, *TAG_ARGS, f"--max-tasks={max_tasks}",
                f"--tasks-file={tasks_file}", "-rs", "--junitxml", str(tmp_path / "junit.xml"),
            ],
        )  # fmt: skip
    accepted = assert_guarantees(seen, tasks_file, max_tasks=max_tasks)
    assert_script_api_guarantees(seen, TAG)
    # Every create was answered with a script id: each one was deleted again (answered 204).
    made = assert_all_deleted(seen, tasks_file)
    assert len(made.created) > 5
    # The budget is spent, and not one request that could start a task more (retries and executions
    # by tag included).
    assert len([e for e in seen if starts_task(e)]) == max_tasks
    assert len(accepted) <= max_tasks
    assert f"task budget spent (--max-tasks={max_tasks})" in result.stdout  # what was held back, said
    assert "INCOMPLETE:" in result.stdout and "tests not checked" in result.stdout
    junit = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert 'name="contract_incomplete"' in junit
    problems = junit_names.problems(junit_names.testcases(tmp_path / "junit.xml"))  # live mode too
    assert not problems, "\n".join(problems)
    # The preflight and the first requests (lawful to accept) took the budget: what is left is not
    # judged, and the run says so, never with a green 0. A server accepting everything also breaks the
    # Script API's read clauses (its lists are not what was stored), and a failure (1) takes precedence
    # over "incomplete" (6).
    assert result.returncode == 1, result.stdout[-4000:]


def breaks_after(app: App, creates: int) -> App:
    """``app`` until it answered ``creates`` CreateScripts; from then on every read answers 500."""
    answered: list[str] = []

    def change(exchange: Exchange) -> None:
        if exchange.method == "POST" and exchange.path.endswith("/scripts") and exchange.status == 200:
            answered.append(exchange.path)
        elif exchange.method == "GET" and len(answered) >= creates:
            exchange.status, exchange.body = 500, b'{"error_code": "X.500", "error_msg": "broken"}'

    return tampered(app, response=change)


def test_a_run_failing_half_way_still_deletes_its_scripts(tmp_path: Path) -> None:
    tasks_file = tmp_path / "tasks.json"
    app, project_id, token = conforming(tmp_path)
    with recorded(breaks_after(app, 3), project_id, token) as (running, seen):
        result = run_suite(
            running, max_examples=5, time_budget=2.0, stop_early=True,  # -x: the first failure ends it
            extra_args=[*LIVE_ARGS, f"--tasks-file={tasks_file}", "-k", "script_pages or lifecycle"],
        )  # fmt: skip
    assert result.returncode == 1 and "1 failed" in result.stdout, result.stdout[-3000:]
    made = assert_all_deleted(seen, tasks_file)
    assert len(made.created) >= 3
    assert_script_api_guarantees(seen, None)
    assert "0 left behind" in result.stdout


def test_an_interrupted_run_deletes_its_scripts_and_lists_those_it_could_not(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) once the run has created scripts: every one is deleted but the one the server
    will not delete, which the tasks file lists."""
    tasks_file = tmp_path / "tasks.json"
    app, project_id, token = conforming(tmp_path)
    created: list[str] = []

    def slow_and_stubborn(exchange: Exchange) -> None:
        answer = _json(exchange.body)
        if exchange.method == "POST" and exchange.path.endswith("/scripts") and isinstance(answer, dict):
            created.append(str(answer.get("script_id")))
        if exchange.method == "DELETE" and created and exchange.path.endswith(f"/scripts/{created[0]}"):
            exchange.status, exchange.body = 500, b'{"error_code": "X.500", "error_msg": "stuck"}'
        if exchange.method == "GET":
            time.sleep(0.2)  # reads are slow: the interrupt lands in the middle of the run

    with recorded(tampered(app, response=slow_and_stubborn), project_id, token) as (running, seen):
        args = suite_args(
            running, max_examples=5, time_budget=2.0, stop_early=False,
            extra_args=[*LIVE_ARGS, f"--tasks-file={tasks_file}", "-k", "script_pages"],
        )  # fmt: skip
        run = subprocess.Popen(
            [sys.executable, "-m", "pytest", *args], cwd=ROOT, env=_clean_env(),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while len(created) < 2 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
        assert run.poll() is None, "the run ended before it could be interrupted"
        run.send_signal(signal.SIGINT)
        output, _ = run.communicate(timeout=120)
    assert run.returncode == 2, output[-3000:]  # pytest's "interrupted"
    assert "KeyboardInterrupt" in output
    made = assert_all_deleted(seen, tasks_file, except_for=frozenset({created[0]}))
    assert len(made.created) >= 2
    written = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert written["scripts"]["left_behind"][0]["why"] == "delete answered 500"
    assert f"script {created[0]}" in output and "LEFT BEHIND" in output


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ([], "live mode accepts only requests naming sandbox ids: give --sandbox-desktop"),
        ([*LIVE_ARGS[3:], "--max-requests=2"], "request cap reached (--max-requests=2)"),
        ([], None),  # the same incomplete run, accepted
    ],
    ids=["no sandbox ids", "request cap", "accepted"],
)
def test_an_incomplete_run_exits_with_its_own_status(
    tmp_path: Path, args: list[str], reason: str | None
) -> None:
    app, project_id, token = conforming(tmp_path)
    accept = [] if reason else [unchecked.ACCEPT_OPTION]
    with recorded(app, project_id, token) as (running, _):
        result = run_suite(
            running, max_examples=5, time_budget=2.0, stop_early=False,
            extra_args=["--live", "--rate=0", *args, *accept, "-k", "distinct_executions", "-rs"],
        )  # fmt: skip
    assert "INCOMPLETE: 1 of 1 tests not checked" in result.stdout, result.stdout[-3000:]
    if reason is None:
        assert result.returncode == 0 and "incomplete run accepted" in result.stdout
    else:
        assert result.returncode == unchecked.INCOMPLETE and reason in result.stdout, result.stdout[-3000:]


def test_preflight_stops_a_run_with_a_wrong_token_in_one_message() -> None:
    project_id, token = secrets.token_hex(16), secrets.token_urlsafe(24)
    app = create_app(credentials=[Credential(project_id, token=token)])
    with recorded(app, project_id, "WRONG") as (running, seen):
        result = run_suite(running, max_examples=10, time_budget=5.0, stop_early=False)
    assert result.returncode == 4, result.stdout[-3000:]
    assert "refused the credential (401): check --token" in result.stdout + result.stderr
    assert len(seen) == 1  # the preflight request, nothing after it
    assert "FAILED" not in result.stdout


def test_preflight_stops_a_run_against_a_server_that_is_down() -> None:
    with serve_in_thread(accept_everything) as base_url:
        pass  # the port is free again: nothing listens there now
    result = run_suite(Running(base_url, "p", "t"), max_examples=10, time_budget=5.0, stop_early=False)
    assert result.returncode == 4, result.stdout[-3000:]
    assert "cannot reach" in result.stdout + result.stderr and "--base-url" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_preflight_names_the_project_a_credential_cannot_use() -> None:
    project_id, token = secrets.token_hex(16), secrets.token_urlsafe(24)
    app = create_app(credentials=[Credential(project_id, token=token)])
    with serve_in_thread(app) as base_url:
        result = run_suite(
            Running(base_url, "f" * 32, token), max_examples=10, time_budget=5.0, stop_early=False
        )
    assert result.returncode == 4, result.stdout[-3000:]
    assert "refused project ffff" in result.stdout + result.stderr and "--project-id" in result.stdout


def test_live_mode_refuses_parallel_workers() -> None:
    # Two workers would each count a budget and a pace of their own.
    result = run_suite(
        Running("http://127.0.0.1:9", "p", "t"), max_examples=1, time_budget=1.0, stop_early=False,
        extra_args=["--live", "-n", "2"],
    )  # fmt: skip
    assert result.returncode == 4
    assert "drop -n" in result.stderr


def collect_only(*args: str) -> subprocess.CompletedProcess[str]:
    """The suite's header and collection, nothing sent: what the options decided."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "contract_tests",
        "--co",
        "-q",
        "-p",
        "no:cacheprovider",
        *args,
    ]
    return subprocess.run(command, cwd=ROOT, env=_clean_env(), capture_output=True, text=True, timeout=120)


def test_a_live_only_option_turns_live_mode_on_and_says_why() -> None:
    # One option end to end (each is mapped and decided alike: test_live_guard checks every one).
    result = collect_only("--sandbox-command=hostname")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "contract mode: LIVE (--sandbox-command given (bundled reference server))" in result.stdout


def test_options_of_every_mode_leave_full_mode_alone(tmp_path: Path) -> None:
    result = collect_only(f"--tasks-file={tmp_path / 't.json'}", "--rate=50", "--max-requests=100000")
    assert result.returncode == 0 and "contract mode: full (the bundled reference server" in result.stdout


def test_a_live_only_option_with_the_opt_out_is_a_usage_error() -> None:
    result = collect_only(
        "--base-url=http://192.0.2.10",
        "--project-id=p",
        "--token=tttttttttt",
        "--max-tasks=1",
        live.UNRESTRICTED,
    )
    assert result.returncode == 4 and "--max-tasks and" in result.stderr and "contradict" in result.stderr


class ForwardingProxy(http.server.BaseHTTPRequestHandler):
    """A plain HTTP forward proxy on 127.0.0.1: passes each request on to the URL it names, and notes it."""

    seen: ClassVar[list[str]] = []

    def forward(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")
        }
        answer = requests.request(self.command, self.path, data=body, headers=headers, timeout=10)
        self.send_response(answer.status_code)
        for name, value in answer.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = forward

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_proxy_in_the_environment_makes_a_loopback_url_live(tmp_path: Path) -> None:
    app, project_id, token = conforming(tmp_path)
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ForwardingProxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    proxy_at = f"127.0.0.1:{proxy.server_address[1]}"
    try:
        with recorded(app, project_id, token) as (running, seen):
            result = run_suite(
                running, max_examples=5, time_budget=2.0, stop_early=False,
                extra_args=[*LIVE_ARGS[1:], "-k", "foreign_project"],  # no --live: the proxy decides
                env={"HTTP_PROXY": f"http://{proxy_at}", "NO_PROXY": ""},
            )  # fmt: skip
    finally:
        proxy.shutdown()
    host = running.base_url.split("//")[1].split(":")[0]
    assert f"contract mode: LIVE (requests for {host} go through proxy {proxy_at}" in result.stdout
    assert result.returncode == 0, result.stdout[-3000:]
    assert ForwardingProxy.seen and len(seen) == len(ForwardingProxy.seen)  # every request went through it
