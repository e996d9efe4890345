"""Options shared by several subcommands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from .settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def settings() -> Settings:
    """The root command's settings (every subcommand runs under it)."""
    return click.get_current_context().find_object(Settings) or Settings()


def _set_json(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    found = ctx.find_object(Settings)
    if found is not None and value:
        found.json = True


def json_option(function: F) -> F:
    """``--json``: machine-readable output on standard output, no tables and no progress display."""
    return click.option(
        "--json",
        is_flag=True,
        expose_value=False,
        callback=_set_json,
        help="Print JSON (and no progress display).",
    )(function)


def iso_time(_ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """An option's ISO 8601 time (2026-12-01T08:00:00Z) as a datetime; one without an offset is UTC."""
    import datetime

    if value is None:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time such as 2026-12-01T08:00:00Z") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def time_options(function: F) -> F:
    """``--since`` and ``--until``: the operation's ``execute_time_start`` and ``execute_time_end``."""
    until = click.option(
        "--until",
        metavar="TIME",
        callback=iso_time,
        help="Started at or before TIME (ISO 8601, e.g. 2026-12-01T08:00:00Z).",
    )
    since = click.option(
        "--since", metavar="TIME", callback=iso_time, help="Started at or after TIME (ISO 8601)."
    )
    return since(until(function))


def limit_option(function: F) -> F:
    """``--limit``: at most N items; default every page."""
    return click.option(
        "--limit",
        type=click.IntRange(min=1),
        metavar="N",
        help="At most N items (default: all, page after page).",
    )(function)
