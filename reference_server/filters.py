"""Shared pieces of the list operations: time filters and paging."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import TaskStore


def epoch(text: str) -> float:
    """A ``date-time`` query value (already checked against its format) as seconds since the epoch."""
    return datetime.fromisoformat(text.replace("z", "Z").replace("t", "T")).timestamp()


def time_window(query: Mapping[str, Any], column: str, where: list[str], params: list[Any]) -> None:
    """``execute_time_start <= column <= execute_time_end`` (assumption: the filters apply to the item's
    start_time; an item not started yet has none and matches no time filter)."""
    if "execute_time_start" in query:
        where.append(f"{column} >= ?")
        params.append(epoch(query["execute_time_start"]))
    if "execute_time_end" in query:
        where.append(f"{column} <= ?")
        params.append(epoch(query["execute_time_end"]))


def any_of(column: str, values: list[str], where: list[str], params: list[Any]) -> None:
    where.append(f"{column} IN ({','.join('?' * len(values))})")
    params.extend(values)


# A page of rows' JSON as one JSON array's items, UTF-8 bytes (NULL for no rows).
JOINED = "CAST(group_concat({}, ', ') AS BLOB)"


def page(query: Mapping[str, Any]) -> tuple[int, int]:
    """(limit, offset), with the contract's defaults (10 and 0). The offset has no upper bound in the
    contract; SQLite's integers stop at 64 bits, and an offset past every row gives the same empty page."""
    return int(query.get("limit", 10)), min(int(query.get("offset", 0)), 2**62)


def _counted(
    store: TaskStore,
    table: str,
    where: list[str],
    params: list[Any],
    query: Mapping[str, Any],
    page_sql: Callable[[str], str],
) -> tuple[int, list[Any]]:
    """How many rows of ``table`` match every ``where`` condition, and the rows of ``page_sql(clause)``
    (a query ending ``LIMIT ? OFFSET ?``) for the page ``query`` asks for; both under one hold of the
    lock, so the count is the page's. (Table, columns and order are the callers' constants; every value
    is a parameter.)"""
    clause = " AND ".join(where)
    with store.lock:
        (count,) = store.conn.execute(f"SELECT count(*) FROM {table} WHERE {clause}", params).fetchone()  # noqa: S608
        rows = store.conn.execute(page_sql(clause), [*params, *page(query)]).fetchall()
    return count, rows


def counted_page(
    store: TaskStore,
    table: str,
    columns: str,
    where: list[str],
    params: list[Any],
    order: str,
    query: Mapping[str, Any],
) -> tuple[int, list[Any]]:
    """The count of the matching rows of ``table``, and the page of them, ``columns`` in ``order``."""

    def page_sql(clause: str) -> str:
        return f"SELECT {columns} FROM {table} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?"  # noqa: S608

    return _counted(store, table, where, params, query, page_sql)


def counted_joined_page(
    store: TaskStore,
    table: str,
    json_table: str,
    where: list[str],
    params: list[Any],
    order: str,
    query: Mapping[str, Any],
) -> tuple[int, bytes]:
    """``counted_page`` for rows whose JSON ``json_table`` holds (its ``info``, under the same ``seq``):
    the page comes as one UTF-8 value, the rows' JSON joined by ", " (SQLite joins them in the page's
    order; one value crosses into Python, not a hundred rows, and as bytes: it goes on the wire as it
    is)."""

    def page_sql(clause: str) -> str:
        inner = f"SELECT seq FROM {table} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?"  # noqa: S608
        # CROSS JOIN keeps the page as the outer loop, so its order is the join's.
        return f"SELECT {JOINED.format('info')} FROM ({inner}) AS page CROSS JOIN {json_table} USING (seq)"

    count, [(joined,)] = _counted(store, table, where, params, query, page_sql)
    return count, joined or b""
