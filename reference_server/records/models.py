"""Records as ListScriptRecords and ShowScriptRecordDetail show them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import errors
from ..calls import EncodedJSON
from ..errors import ServiceError
from ..filters import JOINED, any_of, counted_joined_page, page, time_window
from ..progress.clock import iso_time
from ..store import RECORDS_PER_CHUNK, TaskStore

COLUMNS = (
    "record_id, script_id, script_name, task_id, resource_id, resource_name, resource_type, start_time,"
    " end_time, status, execute_order, result_code, reason"
)
# Query parameters that select by an equal column (arrays: any of the values).
ARRAY_FILTERS = {"resource_id": "resource_id", "script_id": "script_id", "script_name": "script_name"}
SCALAR_FILTERS = {"status": "status", "script_task_id": "task_id", "task_type": "task_type"}
# A query with no other keys than these lists one task's records as they are: ``_task_page``.
TASK_PAGE_KEYS = frozenset({"script_task_id", "limit", "offset", "show_history"})


def record_info(row: tuple[Any, ...]) -> dict[str, Any]:
    """A ScriptRecordSimpleInfo (the listing reads the same object from the store's ``record_json``)."""
    record_id, script_id, script_name, task_id, resource, resource_name, kind, start, end, status = row[:10]
    order, code, reason = row[10:13]
    return {
        "id": record_id,
        "script_id": script_id,
        "script_name": script_name,
        "script_task_id": task_id,
        "resource_id": resource,
        "resource_name": resource_name,
        "resource_type": kind,
        "start_time": iso_time(start),
        "end_time": iso_time(end),
        "status": status,
        "execute_order": order,
        "result_code": code,
        "reason": reason,
    }


def list_records(store: TaskStore, project_id: str, query: Mapping[str, Any]) -> EncodedJSON:
    """One page, in the order the records were created (a task's desktops in the order given; assumption).
    ``show_history`` is checked (its rule) but changes nothing: every run is listed anyway, since each
    retry makes new records (assumption: the page does not say what the history adds). Each record's JSON
    comes stored (``record_json``) and SQLite joins the page: it is not built in Python."""
    if "script_task_id" in query and query.keys() <= TASK_PAGE_KEYS:
        count, joined = _task_page(store, project_id, query["script_task_id"], query)
    else:
        where, params = ["project_id = ?"], [project_id]
        if "resource_group_id" in query:
            where.append("0")  # no desktop of this server is in a resource group (assumption)
        for name, column in ARRAY_FILTERS.items():
            if name in query:
                any_of(column, query[name], where, params)
        for name, column in SCALAR_FILTERS.items():
            if name in query:
                where.append(f"{column} = ?")
                params.append(query[name])
        if "is_first_order" in query:  # true: the gray batch; false: every other record (assumption)
            where.append("execute_order = 1" if query["is_first_order"] else "execute_order <> 1")
        time_window(query, "start_time", where, params)
        # Within one task, the place in it is the order of creation, and its index serves it.
        order = "pos" if "script_task_id" in query else "seq"
        count, joined = counted_joined_page(store, "records", "record_json", where, params, order, query)
    return EncodedJSON(b'{"count": %d, "script_records": [%b]}' % (count, joined))


# Polling one task, the common case. Its records are places 0 to n-1, stored one after the other (a
# record's ``seq`` is the task's first plus its place: the store's layout), so the count and where the
# task starts come from one index seek at the last place, and the page is a range of rows read in order:
# of ``record_chunks`` (ten places joined per row) when the page starts and ends on a chunk's edge, as
# pages of 10, 20, ... 100 do, else of ``record_json``. The range is also held to the task: were the
# layout ever broken, a page would come up short, never with another task's records.
_TASK_PAGE = (
    "WITH last AS (SELECT pos + 1 AS n, seq - pos AS first FROM records"
    " WHERE project_id = :project AND task_id = :task ORDER BY pos DESC LIMIT 1)"
    f" SELECT n, (SELECT {JOINED.format('info')} FROM (SELECT info FROM {{table}}"
    " WHERE {key} >= first + :offset AND {key} < first + min(n, :offset + :limit) AND task_id = :task"
    " ORDER BY {key})) FROM last"
)
TASK_PAGE = _TASK_PAGE.format(table="record_json", key="seq")
CHUNKED_TASK_PAGE = _TASK_PAGE.format(table="record_chunks", key="first_seq")


def _task_page(
    store: TaskStore, project_id: str, task_id: str, query: Mapping[str, Any]
) -> tuple[int, bytes]:
    limit, offset = page(query)
    on_chunks = offset % RECORDS_PER_CHUNK == 0 and limit % RECORDS_PER_CHUNK == 0
    values = {"project": project_id, "task": task_id, "offset": offset, "limit": limit}
    with store.lock:
        found = store.conn.execute(CHUNKED_TASK_PAGE if on_chunks else TASK_PAGE, values).fetchone()
    if found is None:
        return 0, b""
    return found[0], found[1] or b""


def show_record(store: TaskStore, project_id: str, record_id: str) -> dict[str, Any]:
    with store.lock:
        row = store.conn.execute(
            f"SELECT {COLUMNS}, output FROM records WHERE project_id = ? AND record_id = ?",  # noqa: S608
            (project_id, record_id),
        ).fetchone()
    if row is None:
        raise ServiceError(errors.RESOURCE_NOT_FOUND, f"Record not found: {record_id}")
    return {**record_info(row), "output": row[13]}


def all_records(store: TaskStore, task_id: str | None = None) -> list[dict[str, Any]]:
    """Every record (of one task, if given), oldest first, with output and project: for the admin
    endpoint and the pytest plugin."""
    where, params = ("WHERE task_id = ?", [task_id]) if task_id is not None else ("", [])
    with store.lock:
        rows = store.conn.execute(
            f"SELECT {COLUMNS}, output, project_id FROM records {where} ORDER BY seq",  # noqa: S608
            params,
        ).fetchall()
    return [{**record_info(row), "output": row[13], "project_id": row[14]} for row in rows]


def retryable(store: TaskStore, project_id: str, where: str, value: str) -> list[tuple[Any, ...]]:
    """(status, resource_id, script_id, script_name, command, task_id) of the records a retry names."""
    column = {"task_id": "task_id", "record_id": "record_id"}[where]
    with store.lock:
        return store.conn.execute(
            "SELECT status, resource_id, script_id, script_name, command, task_id FROM records"  # noqa: S608
            f" WHERE project_id = ? AND {column} = ? ORDER BY seq",
            (project_id, value),
        ).fetchall()
