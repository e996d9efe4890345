"""``tasks``, ``records``, ``record ID`` (reads) and ``stop`` (sent once, as typed)."""

from __future__ import annotations

import datetime
from typing import Any

import click

from .options import json_option, limit_option, settings, time_options
from .output import emit_json, emit_table
from .progress import batch_name
from .reads import show_item, show_listing

TASK_TYPES = ["SCRIPT", "COMMAND"]


@click.command()
@click.option("--task", "task_id", multiple=True, metavar="ID", help="Only these tasks (repeatable).")
@click.option("--script-id", metavar="ID", help="Only tasks running this script.")
@click.option("--script-name", metavar="TEXT", help="Only tasks whose script name contains TEXT.")
@click.option("--status", metavar="STATUS", help="Only tasks in this status (e.g. RUNNING, FAILED).")
@click.option("--task-type", type=click.Choice(TASK_TYPES), help="Scripts or commands.")
@click.option(
    "--resource-group-id", multiple=True, metavar="ID", help="Only these resource groups (repeatable)."
)
@click.option("--resource-group-type", metavar="TYPE", help="Only this resource group type.")
@time_options
@limit_option
@json_option
def tasks(
    task_id: tuple[str, ...],
    script_id: str | None,
    script_name: str | None,
    status: str | None,
    task_type: str | None,
    resource_group_id: tuple[str, ...],
    resource_group_type: str | None,
    since: datetime.datetime | None,
    until: datetime.datetime | None,
    limit: int | None,
) -> None:
    """List script execution tasks (every page unless --limit)."""
    from . import service

    filters = {
        "task_id": list(task_id),
        "script_id": script_id,
        "script_name": script_name,
        "status": status,
        "task_type": task_type,
        "resource_group_id": list(resource_group_id),
        "resource_group_type": resource_group_type,
        "execute_time_start": since,
        "execute_time_end": until,
    }
    show_listing(lambda client: service.list_tasks(client, filters, limit), "script_tasks", _task_table)


def _task_table(items: list[dict[str, Any]]) -> None:
    rows = [_task_row(item) for item in items]
    emit_table(
        ["id", "status", "scripts", "desktops", "succeeded", "failed", "skipped"], rows, flexible=["scripts"]
    )


def _task_row(task: dict[str, Any]) -> dict[str, Any]:
    scripts = [script.get("name") or script.get("id") for script in task.get("task_scripts") or []]
    return {
        **task,
        "scripts": scripts or None,
        "desktops": len(task.get("resource_ids") or []),
        "succeeded": task.get("success_num"),
        "failed": task.get("failed_num"),
        "skipped": task.get("skip_num"),
    }


@click.command()
@click.option("--task", "script_task_id", metavar="ID", help="Only the records of this task.")
@click.option(
    "--desktop", "resource_id", multiple=True, metavar="ID", help="Only these desktops (repeatable)."
)
@click.option("--script-id", multiple=True, metavar="ID", help="Only these scripts (repeatable).")
@click.option("--script-name", multiple=True, metavar="NAME", help="Only these script names (repeatable).")
@click.option("--status", metavar="STATUS", help="Only records in this status (e.g. FAILED).")
@click.option(
    "--first-order/--not-first-order", "is_first_order", default=None,
    help="Only gray-batch records / only the others (the service's is_first_order).",
)  # fmt: skip
@click.option("--task-type", type=click.Choice(TASK_TYPES), help="Scripts or commands.")
@click.option(
    "--resource-group-id", multiple=True, metavar="ID", help="Only these resource groups (repeatable)."
)
@click.option(
    "--history", "show_history", is_flag=True, default=None,
    help="Include earlier runs (the service needs --desktop and --script-id with it).",
)  # fmt: skip
@time_options
@limit_option
@json_option
def records(
    script_task_id: str | None,
    resource_id: tuple[str, ...],
    script_id: tuple[str, ...],
    script_name: tuple[str, ...],
    status: str | None,
    is_first_order: bool | None,
    task_type: str | None,
    resource_group_id: tuple[str, ...],
    show_history: bool | None,
    since: datetime.datetime | None,
    until: datetime.datetime | None,
    limit: int | None,
) -> None:
    """List execution records: one per desktop and script (every page unless --limit)."""
    from . import service

    filters = {
        "script_task_id": script_task_id,
        "resource_id": list(resource_id),
        "script_id": list(script_id),
        "script_name": list(script_name),
        "status": status,
        "is_first_order": is_first_order,
        "task_type": task_type,
        "resource_group_id": list(resource_group_id),
        "show_history": show_history,
        "execute_time_start": since,
        "execute_time_end": until,
    }
    show_listing(lambda client: service.list_records(client, filters, limit), "script_records", _record_table)


def _record_table(items: list[dict[str, Any]]) -> None:
    rows = [_record_row(item) for item in items]
    scripts = {row["script"] for row in rows}
    columns = ["id", "desktop", "script", "batch", "status", "result_code", "reason"]
    if len(scripts) == 1:  # one script throughout: named once above the table, room for the reasons
        columns.remove("script")
    title = f"script {scripts.pop()}" if len(scripts) == 1 else None
    emit_table(columns, rows, flexible=["reason"], title=title)


def _record_row(record: dict[str, Any]) -> dict[str, Any]:
    order = record.get("execute_order")
    return {
        **record,
        "desktop": record.get("resource_name") or record.get("resource_id"),
        "script": record.get("script_name") or record.get("script_id"),
        "batch": batch_name(order) if isinstance(order, int) else None,
    }


@click.command()
@click.argument("record_id")
@json_option
def record(record_id: str) -> None:
    """Show one execution record, with its output."""
    from . import service

    show_item(lambda client: service.show_record(client, record_id), long_text="output")


@click.command()
@click.option("--task", "task_id", metavar="ID", help="Stop every unfinished record of this task.")
@click.option("--record", "record_id", metavar="ID", help="Stop this one record.")
@json_option
def stop(task_id: str | None, record_id: str | None) -> None:
    """Stop a task or one record (exactly one of --task and --record). Records already final stay as
    they are. Sent once, never retried."""
    from . import service

    config = settings()
    with config.open_client() as client:
        service.stop(client, task_id=task_id, record_id=record_id)
    target = {"task_id": task_id} if task_id is not None else {"record_id": record_id}
    if config.json:
        emit_json({"stop_requested": target})
    else:
        click.echo(f"stop requested for {'task ' + task_id if task_id else 'record ' + str(record_id)}")
