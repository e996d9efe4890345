"""``run`` and ``retry``: the two commands that start work, each sent once, and ``--wait`` after them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

import click

from . import desktops
from .exit_codes import ExitCode
from .failures import UsageProblem
from .options import json_option, settings
from .output import emit_json, note, stdout_is_terminal

if TYPE_CHECKING:
    from workspace_scripts_client import RaisingClient
    from workspace_scripts_client.waiting import Progress as Poll

    from .progress import Progress

F = Callable[..., Any]
COMMAND_TYPES = ["POWERSHELL", "BAT", "SHELL"]
# The waiting helper backs off while nothing changes, from --poll-interval up to this (seconds).
MAX_POLL_INTERVAL = 10.0


def wait_options(function: F) -> F:
    for decorator in reversed(
        [
            click.option("--wait", is_flag=True, help="Watch the task until it is final."),
            click.option(
                "--wait-timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
                help="Stop watching after SECONDS (exit 5; the task goes on). Default: no limit.",
            ),
            click.option(
                "--poll-interval", type=click.FloatRange(min=0.05), default=2.0, show_default=True,
                metavar="SECONDS", help="Seconds between polls (growing while nothing changes, to 10).",
            ),
        ]
    ):  # fmt: skip
        function = decorator(function)
    return function


@click.command()
@click.option("--script", "script_ids", multiple=True, metavar="ID", help="A script to run (repeatable).")
@click.option("--command", "command_text", metavar="TEXT", help="A command line to run instead of scripts.")
@click.option("--command-type", type=click.Choice(COMMAND_TYPES), help="How --command is run.")
@click.option("--desktop", "desktop_ids", multiple=True, metavar="ID", help="A target desktop (repeatable).")
@click.option(
    "--desktops-file", type=click.File("r"), metavar="PATH",
    help="Desktop ids, one a line (# comments allowed); - reads standard input.",
)  # fmt: skip
@click.option("--desktop-tag", metavar="TAG", help="Run on every desktop with this tag instead.")
@click.option("--gray-count", type=int, metavar="N", help="Desktops in the gray (first) batch.")
@click.option(
    "--gray-desktop",
    "gray_ids",
    multiple=True,
    metavar="ID",
    help="A desktop of the gray batch (repeatable).",
)
@click.option(
    "--gray-fail-threshold", type=int, metavar="N",
    help="Gray-batch failures tolerated; more than N and the rest is skipped.",
)  # fmt: skip
@click.option("--execution-timeout", type=int, metavar="MINUTES", help="How long each script may run.")
@click.option("--pre-start", metavar="TEXT", help="With --desktop-tag: the service's pre_start field.")
@click.option(
    "--post-finish", type=click.Choice(["stop", "reboot"]), help="With --desktop-tag: after the run."
)
@wait_options
@json_option
def run(
    script_ids: tuple[str, ...],
    command_text: str | None,
    command_type: str | None,
    desktop_ids: tuple[str, ...],
    desktops_file: TextIO | None,
    desktop_tag: str | None,
    gray_count: int | None,
    gray_ids: tuple[str, ...],
    gray_fail_threshold: int | None,
    execution_timeout: int | None,
    pre_start: str | None,
    post_finish: str | None,
    wait: bool,
    wait_timeout: float | None,
    poll_interval: float,
) -> None:
    """Start scripts (--script) or a command (--command) on desktops; print the task id.

    Desktops: --desktop (repeatable) and/or --desktops-file, or --desktop-tag. The request is checked
    against the contract before it is sent, and sent once (never retried). With --wait, watch it: the
    gray batch, then the rest, until the task is final.
    """
    if not script_ids and command_text is None:
        raise UsageProblem("nothing to run: give --script ID (repeatable) or --command TEXT")
    ids = desktops.collect(desktop_ids, desktops_file)
    if desktop_tag is not None and ids:
        raise UsageProblem("--desktop-tag or desktop ids (--desktop, --desktops-file), not both")
    if desktop_tag is None and not ids:
        raise UsageProblem(
            "no desktops: give --desktop ID (repeatable), --desktops-file PATH or --desktop-tag TAG"
        )
    common = {
        "script_ids": list(script_ids),
        "command_type": command_type,
        "gray_count": gray_count,
        "gray_fail_threshold": gray_fail_threshold,
        "execution_timeout": execution_timeout,
    }
    from . import service

    if desktop_tag is None:
        if pre_start is not None or post_finish is not None:
            raise UsageProblem("--pre-start and --post-finish go with --desktop-tag only")
        body = {**common, "resource_ids": ids, "gray_resource_ids": list(gray_ids), "command": command_text}
        start: Callable[[RaisingClient], str] = lambda client: service.execute_on_desktops(client, body)  # noqa: E731
    else:
        body = {
            **common,
            "desktop_tag": desktop_tag,
            "gray_desktop_ids": list(gray_ids),
            "command_content": command_text,
            "pre_start": pre_start,
            "post_finish": post_finish,
        }
        start = lambda client: service.execute_by_tag(client, body)  # noqa: E731
    _start_and_maybe_wait(start, wait=wait, wait_timeout=wait_timeout, poll_interval=poll_interval)


@click.command()
@click.option("--task", "task_id", metavar="ID", help="Retry what did not succeed in this task.")
@click.option("--record", "record_id", metavar="ID", help="Retry this one record.")
@wait_options
@json_option
def retry(
    task_id: str | None, record_id: str | None, wait: bool, wait_timeout: float | None, poll_interval: float
) -> None:
    """Run again what did not succeed (a task's failed, timed-out, stopped and skipped records, or one
    record); prints the id of the task that holds the re-runs. Exactly one of --task and --record."""
    from . import service

    _start_and_maybe_wait(
        lambda client: service.retry(client, task_id=task_id, record_id=record_id),
        wait=wait,
        wait_timeout=wait_timeout,
        poll_interval=poll_interval,
    )


def _start_and_maybe_wait(
    start: Callable[[RaisingClient], str], *, wait: bool, wait_timeout: float | None, poll_interval: float
) -> None:
    config = settings()
    with config.open_client() as client:
        config.started_work = True
        task_id = start(client)
        config.started_work = False
        if not wait:
            if config.json:
                emit_json({"task_id": task_id})
            else:
                click.echo(task_id)
            return
        code = watch_task(
            client, task_id, json_output=config.json, interval=poll_interval, timeout=wait_timeout
        )
    raise click.exceptions.Exit(code)


def watch_task(
    client: RaisingClient, task_id: str, *, json_output: bool, interval: float, timeout: float | None
) -> ExitCode:
    """Wait for the task (the client's ``wait_for_task``) with the display that suits the output; the exit
    code says how it ended. Ctrl-C and the timeout end the waiting only."""
    import contextlib
    import math
    import time

    from workspace_scripts_client.waiting import Polling, Statuses, WaitTimeout, wait_for_task

    from . import watch
    from .progress import from_poll

    statuses = Statuses()
    polling = Polling(
        timeout=math.inf if timeout is None else timeout,
        interval=interval,
        max_interval=max(interval, MAX_POLL_INTERVAL),
    )
    view = watch.LiveView(time.monotonic())
    elapsed = 0.0
    display: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
    if stdout_is_terminal() and not json_output:
        from rich.live import Live

        display = Live(view, refresh_per_second=2, redirect_stderr=False)

    def seen(poll: Poll) -> None:
        nonlocal elapsed
        view.progress = from_poll(poll, statuses)
        elapsed = poll.elapsed

    try:  # from the first word about the task on, Ctrl-C gets the answer below
        if not json_output:
            note(f"task {task_id} started; waiting for it (Ctrl-C stops the waiting, not the task)")
        with display:
            result = wait_for_task(client, task_id, polling=polling, statuses=statuses, on_progress=seen)
    except KeyboardInterrupt:
        _report_unfinished(view.progress, task_id, elapsed, json_output, "interrupted")
        return ExitCode.INTERRUPTED
    except WaitTimeout as timed_out:
        last = from_poll(timed_out.last, statuses)
        _report_unfinished(last, task_id, timed_out.last.elapsed, json_output, "wait timeout")
        return ExitCode.WAIT_TIMEOUT
    progress = from_poll(result.progress, statuses)
    elapsed = result.progress.elapsed
    code = ExitCode.OK if progress.all_succeeded else ExitCode.SOME_FAILED
    if json_output:
        emit_json({**progress.as_dict(), "elapsed_seconds": round(elapsed, 1), "exit_code": int(code)})
    else:
        for line in watch.summary_lines(progress, elapsed):
            click.echo(line)
    return code


def _report_unfinished(
    progress: Progress | None, task_id: str, elapsed: float, json_output: bool, why: str
) -> None:
    how = (
        f"task {task_id} goes on, nothing was stopped. Watch it: workspace-scripts records --task {task_id}; "
        f"stop it: workspace-scripts stop --task {task_id}"
    )
    if json_output:
        state = progress.as_dict() if progress is not None else {"task_id": task_id}
        emit_json({**state, "watching": why, "elapsed_seconds": round(elapsed, 1)})
    elif progress is not None:
        from .watch import summary_lines

        for line in summary_lines(progress, elapsed):
            click.echo(line)
    note(f"{why}: {how}")
