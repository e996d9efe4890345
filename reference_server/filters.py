"""Shared pieces of the list operations: time filters and paging."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any


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


def page(query: Mapping[str, Any]) -> tuple[int, int]:
    """(limit, offset), with the contract's defaults (10 and 0). The offset has no upper bound in the
    contract; SQLite's integers stop at 64 bits, and an offset past every row gives the same empty page."""
    return int(query.get("limit", 10)), min(int(query.get("offset", 0)), 2**62)
