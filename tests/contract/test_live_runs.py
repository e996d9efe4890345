"""Live mode's guarantees, proven from what the server received.

The suite runs (in a subprocess, as a user would run it) against the reference server, whose inventory
holds sandbox desktops and scripts, decoys and every example id, and against a broken server that
accepts everything; a recording wrapper keeps every request each one received.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import secrets
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import requests

from contract_tests import id_rules, live, spec, tasks, unchecked
from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread
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
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps({"task_id": secrets.token_hex(8)}).encode()})


@contextlib.contextmanager
def recorded(app: App, project_id: str, token: str) -> Iterator[tuple[Running, list[Exchange]]]:
    seen: list[Exchange] = []
    with serve_in_thread(tampered(app, response=seen.append)) as base_url:
        yield Running(base_url, project_id, token), seen


def names_sandbox(exchange: Exchange) -> bool:
    return any(i.encode() in exchange.request_body for i in (*SANDBOX_DESKTOPS, *SANDBOX_SCRIPTS))


def assert_guarantees(seen: list[Exchange], tasks_file: Path, max_tasks: int) -> list[Exchange]:
    """Guarantees 1, 2 and 4 over every request the server received; returns the accepted sandbox ones."""
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
                assert all(id_rules.is_probe(i) or i in (*SANDBOX_DESKTOPS, *SANDBOX_SCRIPTS) for i in items)
                named = [i for i in items if not id_rules.is_probe(i)]
                assert len(named) == len(set(named)), f"a sandbox id named twice: {body}"
    # Every request but a read (the Script API's lists and details) could start a task: at most the budget
    # acknowledged.
    acknowledged = [e for e in seen if 200 <= e.status < 300 and e.method != "GET"]
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


def conforming(tmp_path: Path) -> tuple[App, str, str]:
    project_id, token = secrets.token_hex(16), secrets.token_urlsafe(24)
    inventory = live_inventory(tmp_path, project_id)
    return (
        create_app(credentials=[Credential(project_id, token=token)], inventory=inventory),
        project_id,
        token,
    )


def test_live_run_against_a_conforming_server_passes_and_keeps_the_guarantees(tmp_path: Path) -> None:
    tasks_file = tmp_path / "tasks.json"
    app, project_id, token = conforming(tmp_path)
    with recorded(app, project_id, token) as (running, seen):
        result = run_suite(
            running, max_examples=40, time_budget=6.0, stop_early=False,
            extra_args=[*LIVE_ARGS, "--max-tasks=5", f"--tasks-file={tasks_file}", "-rs"],
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:]
    assert "contract mode: LIVE (--live given" in result.stdout
    assert "live limits: --max-tasks=5 (counts every acknowledged" in result.stdout
    assert len(seen) > 40, "the run sent too little to prove anything"
    accepted = assert_guarantees(seen, tasks_file, 5)
    # The clauses that need a 200 were judged with the sandbox (two tasks), fuzzed positive cases had the
    # rest but the one kept for a request that should have been refused (which a conforming server refuses).
    assert len(accepted) == 4
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
    # Two tasks for the clause that needs two, one kept: the fuzzed cases went with probe ids (404s).
    assert len(accepted) == 2
    assert result.returncode == 0, result.stdout[-4000:]


# Paced (the pacer in the way of every request) and unpaced; the default pace itself is proven once, by
# test_at_the_default_rate_a_conforming_server_acknowledges_at_most_the_budget: here ten times faster.
@pytest.mark.parametrize(("max_tasks", "rate"), [(1, "--rate=0"), (3, "--rate=30")], ids=["rate 0", "paced"])
def test_live_guarantees_hold_against_a_server_accepting_everything(
    tmp_path: Path, max_tasks: int, rate: str
) -> None:
    tasks_file = tmp_path / "tasks.json"
    live_args = [arg for arg in LIVE_ARGS if arg not in ("--rate=0", "--max-tasks=3")]
    with recorded(accept_everything, secrets.token_hex(16), "any") as (running, seen):
        result = run_suite(
            running, max_examples=40, time_budget=4.0, stop_early=False,
            extra_args=[
                *live_args, rate, f"--max-tasks={max_tasks}",
                f"--tasks-file={tasks_file}", "-rs", "--junitxml", str(tmp_path / "junit.xml"),
            ],
        )  # fmt: skip
    accepted = assert_guarantees(seen, tasks_file, max_tasks=max_tasks)
    # The budget is spent, and not one request that could start a task more (reads start none).
    assert len([e for e in seen if e.method != "GET"]) == max_tasks
    assert len(accepted) <= max_tasks
    assert f"task budget spent (--max-tasks={max_tasks})" in result.stdout  # what was held back, said
    assert "INCOMPLETE:" in result.stdout and "tests not checked" in result.stdout
    junit = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert 'name="contract_incomplete"' in junit
    # The preflight and the first requests (lawful to accept) took the budget: what is left is not
    # judged, and the run says so, never with a green 0. A server accepting everything also breaks the
    # Script API's read clauses (its lists are not what was stored), and a failure (1) takes precedence
    # over "incomplete" (6).
    assert result.returncode in {1, unchecked.INCOMPLETE}, result.stdout[-4000:]


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
