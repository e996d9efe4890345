"""What an accepted execution becomes: one task, and one record per desktop and script (per desktop for
a command), each with the outcome it will have. Pure planning: nothing here touches the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..gray_plan import gray_plan

# The execution page of ExecuteScriptByDesktopTag states a default of 1 minute; the same default serves
# ExecuteScriptOrCommand, whose page states none, and a 0 (assumption).
DEFAULT_TIMEOUT_MINUTES = 1
DEFAULT_RESOURCE_TYPE = "DESKTOP"

# (project_id, desktop, script_id, script_name, command) -> the outcome a rule plans, None for the default
OutcomeFor = Callable[[str, str, str | None, str | None, str | None], dict[str, Any] | None]


def no_rule(project_id: str, desktop: str, script: str | None, name: str | None, command: str | None) -> None:
    return None


@dataclass(frozen=True)
class Context:
    """What planning reads from the rest of the server: names of scripts and desktops, and outcomes."""

    script_names: Mapping[str, str] = field(default_factory=dict)
    desktop_names: Mapping[str, str] = field(default_factory=dict)
    outcome_for: OutcomeFor = no_rule


@dataclass(frozen=True)
class NewTask:
    """A task as accepted. Its records travel in ``plan`` (compact: desktops, scripts, the size of the
    first batch, sparse outcomes and names), so accepting an execution over 1,000 desktops writes one row;
    the progress engine writes the records themselves on its next step (``Engine.materialize``)."""

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
    plan: dict[str, Any]
    record_count: int
    planned_at: float  # when it was accepted: its first batch is released then
    timeout_seconds: float
    retry_of: str | None = None


def command_of(request: Mapping[str, Any]) -> str | None:
    command = request.get("command", request.get("command_content"))
    return command if isinstance(command, str) else None


def timeout_seconds(request: Mapping[str, Any]) -> float:
    minutes = request.get("execution_timeout") or DEFAULT_TIMEOUT_MINUTES
    return float(minutes) * 60


def plan_task(
    project_id: str,
    request: dict[str, Any],
    now: float,
    *,
    context: Context | None = None,
    origin: str = "ids",
    plan: dict[str, Any] | None | str = "from-request",
) -> NewTask:
    """The task an execution request makes: each desktop (first batch first) runs each script, or the
    command. ``plan`` is the gray plan (``first_batch``, ``remaining``, ``fail_threshold``); by default
    the one ExecuteScriptOrCommand's fields describe."""
    gray = gray_plan(request) if plan == "from-request" else plan
    assert not isinstance(gray, str)
    desktops = [*gray["first_batch"], *gray["remaining"]] if gray else list(request.get("resource_ids", []))
    command = command_of(request)
    return build_task(
        project_id,
        request,
        now,
        desktops=desktops,
        first=len(gray["first_batch"]) if gray else 0,
        script_ids=[] if command is not None else list(request.get("script_ids", [])),
        command=command,
        context=context or Context(),
        origin=origin,
        gray=gray,
        timeout=timeout_seconds(request),
    )


def build_task(
    project_id: str,
    request: dict[str, Any],
    now: float,
    *,
    desktops: list[str],
    first: int,
    script_ids: list[str],
    command: str | None,
    context: Context,
    origin: str,
    gray: dict[str, Any] | None,
    timeout: float,
    pairs: list[tuple[int, int]] | None = None,
    retry_of: str | None = None,
    task_type: str | None = None,
) -> NewTask:
    """``pairs`` (desktop index, script index) when not every desktop runs every script (a retry)."""
    from ..store import new_id  # the id scheme lives with the store, which imports this module

    names = context.script_names
    scripts = [[None, None]] if command is not None else [[sid, names.get(sid, sid)] for sid in script_ids]
    outcomes = {}
    if context.outcome_for is not no_rule:  # only rules cost a look per record
        every = ((d, s) for d in range(len(desktops)) for s in range(len(scripts)))
        for d, s in pairs if pairs is not None else every:
            found = context.outcome_for(project_id, desktops[d], scripts[s][0], scripts[s][1], command)
            if found is not None:
                outcomes[f"{d},{s}"] = found
    plan = {
        "desktops": desktops,
        "first": first,
        "scripts": scripts,
        "command": command,
        "pairs": pairs,
        "outcomes": outcomes,
        "desktop_names": {d: context.desktop_names[d] for d in desktops if d in context.desktop_names},
    }
    return NewTask(
        task_id=new_id(),
        project_id=project_id,
        request=request,
        origin=origin,
        task_type=task_type or ("COMMAND" if command is not None else "SCRIPT"),
        scripts=[{"id": sid, "name": names.get(sid, sid)} for sid in dict.fromkeys(script_ids)],
        resource_type=request.get("resource_type") or DEFAULT_RESOURCE_TYPE,
        resource_ids=desktops,
        gray_resource_ids=list(gray["first_batch"]) if gray else [],
        fail_threshold=gray.get("fail_threshold") if gray else None,
        gray_plan=gray,
        plan=plan,
        record_count=len(pairs) if pairs is not None else len(desktops) * len(scripts),
        planned_at=now,
        timeout_seconds=timeout,
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
