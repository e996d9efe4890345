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


class IsoTime(click.ParamType):
    """An ISO 8601 time such as 2026-12-01T08:00:00Z; one without an offset is taken as UTC."""

    name = "TIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime

        if isinstance(value, datetime.datetime):
            return value
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 time such as 2026-12-01T08:00:00Z", param, ctx)
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def limit_option(function: F) -> F:
    """``--limit``: at most N items; default every page."""
    return click.option(
        "--limit",
        type=click.IntRange(min=1),
        metavar="N",
        help="At most N items (default: all, page after page).",
    )(function)
