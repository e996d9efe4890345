"""What an accepted execution becomes: one task, and one record per desktop and script (per desktop for
a command), each with the outcome it will have. Pure planning: nothing here touches the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..gray_plan import gray_plan
from ..progress.outcomes import START_DELAY_SECONDS, OutcomeBook

# The execution page of ExecuteScriptByDesktopTag states a default of 1 minute; the same default serves
# ExecuteScriptOrCommand, whose page states none, and a 0 (assumption).
DEFAULT_TIMEOUT_MINUTES = 1
DEFAULT_RESOURCE_TYPE = "DESKTOP"

# (project_id, desktop, script_id, script_name, command) -> the planned outcome
OutcomeFor = Callable[[str, str, str | None, str | None, str | None], dict[str, Any]]


def _success(project_id: str, desktop: str, script: str | None, name: str | None, command: str | None) -> Any:
    return OutcomeBook().outcome(project_id, desktop, script, name, command)


@dataclass(frozen=True)
class Context:
    """What planning reads from the rest of the server: names of scripts and desktops, and outcomes."""

    script_names: Mapping[str, str] = field(default_factory=dict)
    desktop_names: Mapping[str, str] = field(default_factory=dict)
    outcome_for: OutcomeFor = _success


@dataclass(frozen=True)
class NewRecord:
    record_id: str
    script_id: str | None
    script_name: str | None
    command: str | None
    resource_id: str
    resource_name: str
    execute_order: int  # 0 = no gray batch, 1 = gray batch, 2 = the rest (page)
    outcome: dict[str, Any]
    timeout_seconds: float
    released_at: float | None  # None: held until the gray batch is final
    due_at: float | None


@dataclass(frozen=True)
class NewTask:
    task_id: str
    project_id: str
    request: dict[str, Any]
    origin: str  # "ids", "tag" or "retry"
    task_type: str  # SCRIPT or COMMAND
    scripts: list[dict[str, str]]
    resource_type: str
    resource_ids: list[str]
    gray_resource_ids: list[str]
    fail_threshold: int | None
    gray_plan: dict[str, Any] | None
    records: list[NewRecord]
    retry_of: str | None = None


@dataclass(frozen=True)
class Work:
    """One record to plan: where, and what runs there."""

    desktop: str
    script_id: str | None
    command: str | None
    gray: bool


def command_of(request: Mapping[str, Any]) -> str | None:
    command = request.get("command", request.get("command_content"))
    return command if isinstance(command, str) else None


def timeout_seconds(request: Mapping[str, Any]) -> float:
    minutes = request.get("execution_timeout") or DEFAULT_TIMEOUT_MINUTES
    return float(minutes) * 60


def _ids() -> Callable[[], str]:
    from ..store import new_id  # the id scheme lives with the store; imported late (store imports us)

    return new_id


def plan_task(
    project_id: str,
    request: dict[str, Any],
    now: float,
    *,
    context: Context | None = None,
    origin: str = "ids",
    plan: dict[str, Any] | None | str = "from-request",
) -> NewTask:
    """The task an execution request makes. ``plan`` is the gray plan (``first_batch``, ``remaining``,
    ``fail_threshold``); by default the one ExecuteScriptOrCommand's fields describe."""
    gray = gray_plan(request) if plan == "from-request" else plan
    assert not isinstance(gray, str)
    first = list(gray["first_batch"]) if gray else []
    desktops = first + list(gray["remaining"]) if gray else list(request.get("resource_ids", []))
    command = command_of(request)
    in_first = set(first)
    work = [
        Work(desktop, script_id, command, desktop in in_first)
        for desktop in desktops
        for script_id in ([None] if command is not None else request.get("script_ids", []))
    ]
    return build_task(
        project_id,
        request,
        now,
        work,
        context=context or Context(),
        origin=origin,
        gray=gray,
        timeout=timeout_seconds(request),
        resource_ids=desktops,
        script_ids=[] if command is not None else list(request.get("script_ids", [])),
    )


def build_task(
    project_id: str,
    request: dict[str, Any],
    now: float,
    work: Sequence[Work],
    *,
    context: Context,
    origin: str,
    gray: dict[str, Any] | None,
    timeout: float,
    resource_ids: list[str],
    script_ids: list[str],
    retry_of: str | None = None,
    task_type: str | None = None,
) -> NewTask:
    new_id = _ids()
    has_gray = bool(gray and gray["first_batch"])
    records = []
    for item in work:
        name = context.script_names.get(item.script_id, item.script_id) if item.script_id else None
        released = now if item.gray or not has_gray else None
        records.append(
            NewRecord(
                record_id=new_id(),
                script_id=item.script_id,
                script_name=name,
                command=item.command,
                resource_id=item.desktop,
                resource_name=context.desktop_names.get(item.desktop, item.desktop),
                execute_order=(1 if item.gray else 2) if has_gray else 0,
                outcome=context.outcome_for(project_id, item.desktop, item.script_id, name, item.command),
                timeout_seconds=timeout,
                released_at=released,
                due_at=None if released is None else released + START_DELAY_SECONDS,
            )
        )
    command = command_of(request)
    return NewTask(
        task_id=new_id(),
        project_id=project_id,
        request=request,
        origin=origin,
        task_type=task_type or ("COMMAND" if command is not None else "SCRIPT"),
        scripts=[
            {"id": sid, "name": context.script_names.get(sid, sid)} for sid in dict.fromkeys(script_ids)
        ],
        resource_type=request.get("resource_type") or DEFAULT_RESOURCE_TYPE,
        resource_ids=resource_ids,
        gray_resource_ids=list(gray["first_batch"]) if gray else [],
        fail_threshold=gray.get("fail_threshold") if gray else None,
        gray_plan=gray,
        records=records,
        retry_of=retry_of,
    )


def tag_plan(request: Mapping[str, Any], desktops: Sequence[str]) -> dict[str, Any] | None:
    """ExecuteScriptByDesktopTag's gray plan: ``gray_count`` wins over ``gray_desktop_ids`` (page);
    explicit gray desktops join the tag's desktops."""
    count, explicit = request.get("gray_count"), request.get("gray_desktop_ids")
    if count is None and explicit is None:
        return None
    first = list(desktops[:count]) if count is not None else list(explicit or [])
    in_first = set(first)
    return {
        "first_batch": first,
        "remaining": [desktop for desktop in desktops if desktop not in in_first],
        "fail_threshold": request.get("gray_fail_threshold"),
    }
