"""Writing results: JSON for ``--json``, a Rich table on a terminal, tab-separated lines otherwise.

Rich is imported only when a table is shown on a terminal, so piping stays as cheap as ``--help``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def emit_json(data: Any) -> None:
    """One JSON document on standard output."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def note(message: str) -> None:
    """A remark for the person at the terminal (standard error, so standard output stays parseable)."""
    click.echo(message, err=True)


def cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        return ",".join(cell(item) for item in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit_table(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    flexible: Sequence[str] = (),
    title: str | None = None,
) -> None:
    """``rows`` (dicts) under ``columns``: a Rich table on a terminal, else a header line and one
    tab-separated line per row (for ``cut``, ``awk`` and ``grep``). Nothing is cut short on a terminal:
    the first column (the id the next command needs) stays on one line, the others fold when narrow, the
    ``flexible`` ones (free text) first."""
    if stdout_is_terminal():
        from rich import box
        from rich.console import Console
        from rich.table import Column, Table

        def column(name: str) -> Column:
            if name == columns[0]:  # the id the next command needs: whole, on one line
                width = max([len(name), *(len(cell(row.get(name))) for row in rows)])
                return Column(name, no_wrap=True, min_width=width)
            return Column(name, overflow="fold", no_wrap=name not in flexible)

        table = Table(
            *(column(name) for name in columns),
            title=title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            collapse_padding=True,
        )
        for row in rows:
            table.add_row(*(cell(row.get(name)) for name in columns))
        Console().print(table)
        return
    click.echo("\t".join(columns))
    for row in rows:
        click.echo("\t".join(cell(row.get(column)).replace("\t", " ") for column in columns))


def emit_fields(item: Mapping[str, Any], *, long_text: str | None = None) -> None:
    """One item as ``name: value`` lines; ``long_text`` (a script's content, a record's output) is
    printed last, as it is."""
    width = max((len(name) for name in item if name != long_text), default=0)
    for name, value in item.items():
        if name != long_text:
            click.echo(f"{name.ljust(width)}  {cell(value)}")
    if long_text is not None:
        text = item.get(long_text)
        click.echo(f"{long_text}:")
        click.echo(text if text else "(none)")


def note_more(shown: int, more: bool) -> None:
    """Says so when ``--limit`` left matching items out."""
    if more:
        note(f"the first {shown} shown; more match (--limit)")
