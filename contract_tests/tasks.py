"""The task budget's one place: which requests can start a task, and the ledger of every one that may have.

A request *can start a task* unless the contract says otherwise: its method and path match an operation
of openapi.yaml that is not in ``TASK_STARTING``. So a GET or PUT on the execution path (which a broken
server might accept), or a path the contract does not know, counts like an execution.

Every such request the target did not clearly refuse (2xx, 5xx, or no answer at all) is *spent* against
``--max-tasks``, whatever ids it named and whether the suite meant it to be accepted: a negative case
answered 200 is a finding and a task all the same. Acknowledged ones (2xx) are kept, with their kind:
naming sandbox ids, naming probe ids only, or naming no id at all.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from contract_tests import id_rules, spec

# Operations that start an execution task (by operationId). Those the contract does not list yet are
# ignored until it does; requests matching no operation count as task-starting anyway.
TASK_STARTING = frozenset({"ExecuteScriptOrCommand", "ExecuteScriptByDesktopTag", "RetryScriptExecution"})

SANDBOX, PROBE, OTHER, NONE = "sandbox ids", "probe ids only", "other ids", "no ids"
RERUN = "task or record ids"  # a retry names what it runs again, not desktops or scripts
KINDS = (SANDBOX, PROBE, OTHER, NONE, RERUN)
SHOWN_WHEN_SOME = frozenset({OTHER, RERUN})  # OTHER: full mode only, where ids are sent as generated


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: re.Pattern[str]  # matches the end of a request's URL path

    @property
    def starts_task(self) -> bool:
        return self.operation_id in TASK_STARTING


def _path_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^/{}]+\}", template)
    head = "".join(re.escape(part) + "[^/]+" for part in parts[:-1])
    return re.compile(head + re.escape(parts[-1]) + "/?$")


@functools.cache
def operations() -> tuple[Operation, ...]:
    """The contract's operations, static paths before templated ones (``/stop`` before ``/{id}``)."""
    found = [
        Operation(str(item["operationId"]), method.upper(), _path_pattern(path))
        for path, entry in spec.load()["paths"].items()
        for method, item in entry.items()
        if isinstance(item, dict) and "operationId" in item
    ]
    return tuple(sorted(found, key=lambda op: op.path.pattern.count("[^/]+")))


def operation_of(method: str, url: str) -> Operation | None:
    path = urlsplit(url).path
    return next((op for op in operations() if op.method == method.upper() and op.path.search(path)), None)


def can_start_task(method: str, url: str) -> bool:
    """Whether a request could start a task: unless it is one of the contract's other operations."""
    operation = operation_of(method, url)
    return operation is None or operation.starts_task


def task_starting_operations() -> list[str]:
    """The operationIds of the contract that start tasks (for the header)."""
    return sorted({op.operation_id for op in operations() if op.starts_task})


def kind_of(body: bytes, sandbox: id_rules.Sandbox) -> str:
    """Which ids a request body names: sandbox ids, probe ids only, other ids (full mode), a task or record
    (a retry), or none."""
    parsed, value = id_rules.parse(body)
    if not parsed:
        return PROBE if id_rules.PROBE_PREFIX.encode() in body else NONE
    tagged = isinstance(value, dict) and sandbox.tag is not None and value.get("desktop_tag") == sandbox.tag
    if id_rules.names_sandbox(value, sandbox) or tagged:
        return SANDBOX
    named = id_rules.named_ids(value)
    if not named:
        return RERUN if isinstance(value, dict) and ({"task_id", "record_id"} & value.keys()) else NONE
    return PROBE if all(map(id_rules.is_probe, named)) else OTHER


@dataclass
class Task:
    """One request the target acknowledged (2xx) that may have started a task."""

    task_id: Any
    request: Any
    status: int
    kind: str
    method: str = "POST"
    path: str = ""

    @property
    def names_sandbox(self) -> bool:
        return self.kind == SANDBOX

    def as_json(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "kind": self.kind,
            "names_sandbox": self.names_sandbox,
            "request": self.request,
        }


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass
class Ledger:
    """Every request of the run that could start a task, settled by its answer.

    ``max_tasks`` None: no budget (full mode), the ledger only counts."""

    max_tasks: int | None = None
    spent: int = 0  # not clearly refused: acknowledged, answered 5xx, or not answered
    unsettled: int = 0  # of those: answered 5xx or not at all (the target may or may not have started one)
    held_back: int = 0  # not sent: the budget was spent
    acknowledged: Counter[str] = field(default_factory=Counter)
    tasks: list[Task] = field(default_factory=list)
    started: str = field(default_factory=_now)

    def room(self) -> bool:
        """Whether one more request that could start a task may be sent."""
        return self.max_tasks is None or self.spent < self.max_tasks

    def left(self) -> int:
        return 1 << 30 if self.max_tasks is None else max(self.max_tasks - self.spent, 0)

    def settle(
        self, status: int | None, body: bytes, answer: bytes, kind: str, method: str, url: str
    ) -> None:
        """Count one sent request that could start a task; ``status`` None: no answer came."""
        if status is not None and 400 <= status < 500:
            return  # clearly refused (429 too: the target said it did not take it)
        self.spent += 1
        if status is None or not 200 <= status < 300:
            self.unsettled += 1
            return
        task_id = None
        with contextlib.suppress(ValueError, AttributeError):
            task_id = json.loads(answer).get("task_id")
        self.acknowledged[kind] += 1
        request = _json_or_text(body)
        self.tasks.append(Task(task_id, request, status, kind, method, urlsplit(url).path))

    def describe(self) -> str:
        """``"3 of --max-tasks=5 spent: 2 acknowledged naming sandbox ids, 1 probe ids only, ..."``."""
        shown = [kind for kind in KINDS if kind not in SHOWN_WHEN_SOME or self.acknowledged[kind]]
        kinds = ", ".join(f"{self.acknowledged[kind]} {kind}" for kind in shown)
        acknowledged = f"{sum(self.acknowledged.values())} acknowledged ({kinds})"
        if self.max_tasks is None:  # full mode: counted, not bounded
            text = f"{self.spent} request(s) that could start a task not refused (no budget): {acknowledged}"
        else:
            text = f"{self.spent} of --max-tasks={self.max_tasks} task(s) spent: {acknowledged}"
        text += f", {self.unsettled} answered 5xx or not at all"
        if self.held_back:
            text += f"; {self.held_back} request(s) that could start a task held back (budget spent)"
        return text

    def audit(self, run: dict[str, Any], *, ended: bool) -> dict[str, Any]:
        """The tasks file: the run it belongs to (target, mode, times, budget) beside its tasks."""
        return {
            **run,
            "started": self.started,
            "ended": _now() if ended else None,
            "budget": {
                "max_tasks": self.max_tasks,
                "spent": self.spent,
                "acknowledged": {kind: self.acknowledged[kind] for kind in KINDS},
                "answered_5xx_or_not_at_all": self.unsettled,
                "held_back": self.held_back,
                "task_starting_operations": task_starting_operations(),
            },
            "tasks": [task.as_json() for task in self.tasks],
        }

    def write(self, path: Path, run: dict[str, Any], *, ended: bool = False) -> None:
        """The tasks file, rewritten whole (a crash leaves a valid file, ``ended`` still null)."""
        scratch = path.with_name(path.name + ".partial")
        scratch.write_text(json.dumps(self.audit(run, ended=ended), indent=1), encoding="utf-8")
        os.replace(scratch, path)


def _json_or_text(body: bytes) -> Any:
    parsed, value = id_rules.parse(body)
    return value if parsed else body.decode("utf-8", "replace")


def shorten(text: str, width: int, more: str) -> str:
    """``text`` cut to about ``width`` characters at a word boundary, followed by ``more`` when cut."""
    if len(text) <= width:
        return text
    cut = text[:width]
    boundary = max(cut.rfind(char) for char in " ,")
    return f"{cut[: boundary if boundary > width // 2 else width].rstrip(' ,')} …, {more}"
