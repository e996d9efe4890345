"""What the Script API clauses act on: scripts the run itself created, tasks it started, and the reads
that watch them settle.

Every script the suite creates is named ``contract-probe-…`` and only prints a line; every one is
deleted again at the end of the run (``Library.clean_up``), whatever happened in between. A service may
be eventually consistent: reads that must see an earlier write poll for it, at most ``SETTLE_SECONDS``
(stated in the clause's message when they give up).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from contract_tests import api_rules, id_rules, operations, report, settings
from contract_tests.operations import json_body
from contract_tests.target import Target

PROBE_NAME_PREFIX = id_rules.PROBE_PREFIX
HARMLESS_CONTENT = api_rules.HARMLESS_CONTENT  # prints one line; live mode creates scripts with no other
HARMLESS_AGAIN = api_rules.HARMLESS_AGAIN
HARMLESS_TYPE = "SHELL"
SETTLE_SECONDS = 30.0  # default of --settle-timeout: how long a read may take to show an earlier write
POLL_PAUSE = 0.2  # seconds between two reads of a poll (live mode: its pace applies on top)
FINAL_RECORD = frozenset({"SUCCESS", "FAILED", "TIMEOUT", "STOPPED", "SKIPPED"})
FINAL_TASK = frozenset({"SUCCESS", "FAILED", "STOPPED"})

CREATE = "CreateScript"
LIST_SCRIPTS = "ListScripts"
SHOW_SCRIPT = "ShowScriptDetail"
UPDATE = "UpdateScript"
DELETE = "DeleteScript"
EXECUTE = "ExecuteScriptOrCommand"
BY_TAG = "ExecuteScriptByDesktopTag"
LIST_TASKS = "ListScriptTasks"
LIST_RECORDS = "ListScriptRecords"
SHOW_RECORD = "ShowScriptRecordDetail"
STOP = "StopScriptExecution"
RETRY = "RetryScriptExecution"


def probe_name(what: str = "") -> str:
    return f"{PROBE_NAME_PREFIX}{what}{'-' if what else ''}{secrets.token_hex(6)}"


def send(target: Target, operation_id: str, **kwargs: Any) -> requests.Response:
    return operations.call(target, operations.by_id(operation_id), **kwargs)


@dataclass
class Library:
    """Scripts the run created, so that it deletes each of them again before it ends."""

    created: dict[str, str] = field(default_factory=dict)  # script id -> name
    deleted: set[str] = field(default_factory=set)
    left_behind: dict[str, str] = field(default_factory=dict)  # script id -> why it could not be deleted

    def create(self, target: Target, what: str = "", **changes: Any) -> tuple[str, dict[str, Any]]:
        """A new harmless script (``changes`` override the body), and the body it was created with."""
        body = {
            "name": probe_name(what),
            "type": HARMLESS_TYPE,
            "content": HARMLESS_CONTENT,
            "description": "created by the contract suite; deleted at the end of its run",
            "version": "1",
            **changes,
        }
        response = send(target, CREATE, body=body)
        report.expect(
            response.status_code == 200 and isinstance((json_body(response) or {}).get("script_id"), str),
            "CreateScript (status code 200, script_id): a valid script is stored",
            f"expected 200 with a script_id, got {response.status_code}",
            response,
        )
        script_id = json_body(response)["script_id"]
        self.created[script_id] = body["name"]
        return script_id, body

    def absorb(self, other: Library) -> None:
        """Count ``other``'s scripts as this one's (the run's record of every test's scripts)."""
        self.created.update(other.created)
        self.deleted |= other.deleted
        self.left_behind.update(other.left_behind)

    def forget(self, script_id: str) -> None:
        """The script was deleted by a clause."""
        self.deleted.add(script_id)

    def clean_up(self, target: Target) -> None:
        """Delete every script the run created and has not deleted yet; note those that fail."""
        for script_id, _name in list(self.created.items()):
            if script_id in self.deleted:
                continue
            try:
                response = send(target, DELETE, path_ids={"script_id": script_id})
            except Exception as exc:  # noqa: BLE001 - the clean-up goes on whatever one delete does
                self.left_behind[script_id] = f"delete failed: {type(exc).__name__}"
                continue
            if response.status_code in (204, 404):
                self.deleted.add(script_id)
            else:
                self.left_behind[script_id] = f"delete answered {response.status_code}"


def settle(
    fetch: Callable[[], requests.Response], done: Callable[[requests.Response], bool]
) -> tuple[requests.Response, bool]:
    """Read with ``fetch`` until ``done`` holds or ``SETTLE_SECONDS`` pass; the last answer, and whether
    it is done."""
    deadline = time.monotonic() + settle_seconds()
    while True:
        response = fetch()
        if done(response) or time.monotonic() > deadline or response.status_code >= 500:
            return response, done(response)
        time.sleep(POLL_PAUSE)


def items(response: requests.Response, key: str) -> list[dict[str, Any]]:
    body = json_body(response)
    found = body.get(key) if isinstance(body, dict) else None
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def records_of(target: Target, task_id: str, **query: Any) -> requests.Response:
    return send(target, LIST_RECORDS, query={"script_task_id": task_id, "limit": 100, **query})


def task_of(target: Target, task_id: str) -> requests.Response:
    return send(target, LIST_TASKS, query={"task_id": [task_id]})


def all_final(response: requests.Response) -> bool:
    found = items(response, "script_records")
    return response.status_code == 200 and bool(found) and all(r.get("status") in FINAL_RECORD for r in found)


def wait_until_final(target: Target, task_id: str) -> tuple[requests.Response, bool]:
    """The task's records once every one is final (polled, at most ``SETTLE_SECONDS``)."""
    return settle(lambda: records_of(target, task_id), all_final)


SETTLE: list[float] = []  # --settle-timeout, once the options are read


def settle_seconds() -> float:
    return SETTLE[-1] if SETTLE else SETTLE_SECONDS


def settle_note() -> str:
    return f"(polled for up to {settle_seconds():g} s, allowing for an eventually consistent service)"


def bundled() -> bool:
    return settings.current().target.bundled
