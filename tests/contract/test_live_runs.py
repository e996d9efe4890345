"""Live mode's guarantees, proven from what the server received.

The suite runs (in a subprocess, as a user would run it) against the reference server, whose inventory
holds sandbox desktops and scripts, decoys and every example id, and against a broken server that
accepts everything; a recording wrapper keeps every request each one received.
"""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Iterator
from pathlib import Path

from contract_tests import id_rules, spec
from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread
from tests.contract.asgi_tamper import App, Exchange, Message, Receive, Scope, Send, tampered
from tests.contract.runner import (
    DECOY_DESKTOPS,
    DECOY_SCRIPTS,
    LIVE_ARGS,
    SANDBOX_DESKTOPS,
    SANDBOX_SCRIPTS,
    Running,
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
    assert len(seen) > 40, "the run sent too little to prove anything"
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
                for item in id_rules._strings(body.get(field)):
                    assert id_rules.is_probe(item) or item in (*SANDBOX_DESKTOPS, *SANDBOX_SCRIPTS), item
    accepted_sandbox = [e for e in seen if e.status == 200 and names_sandbox(e)]
    assert len(accepted_sandbox) <= max_tasks
    for exchange in accepted_sandbox:
        assert json.loads(exchange.request_body)["execution_timeout"] <= id_rules.SHORT_TIMEOUT
    # Reads (the Script API's lists and details) acknowledge no task; any other accepted request may.
    acknowledged = {json.loads(e.body)["task_id"] for e in seen if e.status == 200 and e.method != "GET"}
    listed = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert {task["task_id"] for task in listed} == acknowledged
    assert all("request" in task for task in listed)
    return accepted_sandbox


def test_live_run_against_a_conforming_server_passes_and_keeps_the_guarantees(tmp_path: Path) -> None:
    project_id, token = secrets.token_hex(16), secrets.token_urlsafe(24)
    inventory = live_inventory(tmp_path, project_id)
    app = create_app(credentials=[Credential(project_id, token=token)], inventory=inventory)
    tasks_file = tmp_path / "tasks.json"
    with recorded(app, project_id, token) as (running, seen):
        result = run_suite(
            running, max_examples=40, time_budget=6.0, stop_early=False,
            extra_args=[*LIVE_ARGS, f"--tasks-file={tasks_file}", "-rs"],
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:]
    assert "contract mode: LIVE (--live given" in result.stdout
    assert "live limits: --max-tasks=3, unpaced" in result.stdout
    accepted = assert_guarantees(seen, tasks_file, MAX_TASKS)
    # The clauses that need a 200 were judged with the sandbox, not skipped.
    assert len(accepted) >= 2
    assert "test_distinct_executions_get_distinct_task_ids" not in result.stdout  # listed only if skipped


def test_live_guarantees_hold_against_a_server_accepting_everything(tmp_path: Path) -> None:
    tasks_file = tmp_path / "tasks.json"
    with recorded(accept_everything, secrets.token_hex(16), "any") as (running, seen):
        result = run_suite(
            running, max_examples=40, time_budget=6.0, stop_early=False,
            # A budget of one, so the clauses want more tasks than it allows.
            extra_args=[*LIVE_ARGS, "--max-tasks=1", f"--tasks-file={tasks_file}", "-rs"],
        )  # fmt: skip
    assert result.returncode == 1, result.stdout[-4000:]  # the run fails: the server breaks the contract
    accepted = assert_guarantees(seen, tasks_file, max_tasks=1)
    assert len(accepted) == 1  # the budget is spent, and not one task more
    assert "task budget spent (--max-tasks=1)" in result.stdout  # the clause needing more was skipped


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
