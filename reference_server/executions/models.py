"""Executions: starting a task (by desktop ids, by desktop tag, as a retry) and stopping one.

Checks what the request names (scripts against the library, desktops against the inventory), plans the
task (``plan.py``) and stores it; the group commit writes the tasks of one event-loop turn together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .. import errors
from ..errors import ServiceError
from ..group_commit import GroupCommit
from ..progress.engine import FINAL
from ..records.models import retryable
from ..tasks.models import task_row
from .plan import Context, build_task, no_rule, plan_task, tag_plan, timeout_seconds

if TYPE_CHECKING:
    from ..service import ScriptService

# Records a retry runs again (decision: everything that did not succeed).
RETRIED = frozenset(FINAL) - {"SUCCESS"}


class Executions:
    def __init__(self, service: ScriptService) -> None:
        self.service = service

    @property
    def writer(self) -> GroupCommit:
        return self.service.writer

    def _context(self, project_id: str, script_ids: list[str], desktops: list[str]) -> Context:
        """Names of what the request names, checking that the scripts exist: in the library whenever the
        project has one or an inventory is set; otherwise every id exists (today's default)."""
        service = self.service
        names = service.library.names(project_id, script_ids)
        incomplete = names.keys() != set(script_ids)
        if service.inventory.projects is None and incomplete and service.library.has_any(project_id):
            missing = next(script for script in script_ids if script not in names)
            raise ServiceError(errors.RESOURCE_NOT_FOUND, f"Script not found: {missing}")
        return Context(
            script_names=names,
            desktop_names=service.inventory.desktop_names(project_id, desktops),
            outcome_for=service.outcomes.outcome if service.outcomes.rules() else no_rule,
        )

    def _check(self, project_id: str, request: Mapping[str, Any], script_ids: list[str]) -> None:
        known = self.service.library.names(project_id, script_ids).keys()
        self.service.inventory.check(project_id, request, known_scripts=known)

    async def execute(self, project_id: str, request: dict[str, Any]) -> str:
        """ExecuteScriptOrCommand: the id of the stored task."""
        script_ids = list(request.get("script_ids", []))
        self._check(project_id, request, script_ids)
        desktops = [*request.get("gray_resource_ids", []), *request.get("resource_ids", [])]
        context = self._context(project_id, script_ids, desktops)
        task = plan_task(project_id, request, self.service.clock.now(), context=context)
        return await self.writer.add_task(task)

    async def execute_by_tag(self, project_id: str, request: dict[str, Any]) -> str:
        """ExecuteScriptByDesktopTag: the tag's desktops (404 when it selects none), then as above."""
        script_ids = list(request.get("script_ids", []))
        self._check(project_id, request, script_ids)
        desktops = self.service.inventory.desktops_with_tag(project_id, request["desktop_tag"])
        if not desktops:
            message = f"No desktop carries the tag {request['desktop_tag']}."
            raise ServiceError(errors.RESOURCE_NOT_FOUND, message)
        gray = tag_plan(request, desktops)
        gray_first = list(gray["first_batch"]) if gray else []
        targets = gray_first + [desktop for desktop in desktops if desktop not in set(gray_first)]
        context = self._context(project_id, script_ids, targets)
        task = plan_task(
            project_id,
            {**request, "resource_ids": desktops},
            self.service.clock.now(),
            context=context,
            origin="tag",
            plan=gray,
        )
        task = replace(task, request=request)  # the request as sent, not with the tag's desktops
        return await self.writer.add_task(task)

    def stop(self, project_id: str, request: Mapping[str, Any]) -> None:
        """StopScriptExecution: the task's (or the record's) unfinished records become STOPPED; stopping
        what has ended changes nothing and is no error (assumption)."""
        where, value = _target(request)
        self._require(project_id, where, value)
        engine = self.service.engine
        engine.catch_up()
        with self.service.store.transaction() as conn:
            engine.stop(conn, where, value, self.service.clock.now())

    async def retry(self, project_id: str, request: Mapping[str, Any]) -> str:
        """RetryScriptExecution: a new task re-running the records that did not succeed (assumption: the
        page does not say whether the answer's task is new). 400 while any named record is unfinished,
        or when every one succeeded."""
        where, value = _target(request)
        self._require(project_id, where, value)
        self.service.engine.catch_up()
        rows = retryable(self.service.store, project_id, where, value)
        if any(status not in FINAL for status, *_ in rows):
            raise ServiceError(
                errors.NOT_RETRYABLE, f"The {where.replace('_id', '')} {value} has not ended yet."
            )
        again = [row for row in rows if row[0] in RETRIED]
        if not again:
            raise ServiceError(errors.NOT_RETRYABLE, f"Nothing to retry in {value}: every record succeeded.")
        original = task_row(self.service.store, project_id, again[0][5])
        assert original is not None  # a record's task is stored with it
        old_request = original["request"]
        desktops = list(dict.fromkeys(row[1] for row in again))
        script_ids = list(dict.fromkeys(row[2] for row in again if row[2] is not None))
        command = again[0][4]
        context = self._context_without_check(project_id, script_ids, desktops)
        place = {desktop: index for index, desktop in enumerate(desktops)}
        script_place = {script: index for index, script in enumerate(script_ids)}
        pairs = [(place[row[1]], 0 if command is not None else script_place[row[2]]) for row in again]
        task = build_task(
            project_id,
            {"retry_of": {where: value}},
            self.service.clock.now(),
            desktops=desktops,
            first=0,
            script_ids=script_ids,
            command=command,
            context=context,
            origin="retry",
            gray=None,
            timeout=timeout_seconds(old_request),
            pairs=pairs,
            retry_of=original["task_id"],
            task_type=original["task_type"],
        )
        task = replace(task, resource_type=original["resource_type"] or task.resource_type)
        return await self.writer.add_task(task)

    def _context_without_check(self, project_id: str, script_ids: list[str], desktops: list[str]) -> Context:
        # A retry re-runs what ran: a script deleted since still runs under its recorded id and name.
        service = self.service
        return Context(
            script_names=service.library.names(project_id, script_ids),
            desktop_names=service.inventory.desktop_names(project_id, desktops),
            outcome_for=service.outcomes.outcome if service.outcomes.rules() else no_rule,
        )

    def _require(self, project_id: str, where: str, value: str) -> None:
        table, column = ("tasks", "task_id") if where == "task_id" else ("records", "record_id")
        with self.service.store.lock:
            found = self.service.store.conn.execute(
                f"SELECT 1 FROM {table} WHERE project_id = ? AND {column} = ?",  # noqa: S608 (fixed names)
                (project_id, value),
            ).fetchone()
        if found is None:
            kind = "Task" if where == "task_id" else "Record"
            raise ServiceError(errors.RESOURCE_NOT_FOUND, f"{kind} not found: {value}")


def _target(request: Mapping[str, Any]) -> tuple[str, str]:
    """("task_id" or "record_id", the id); the contract's exactly_one rule already holds."""
    if "task_id" in request:
        return "task_id", request["task_id"]
    return "record_id", request["record_id"]
