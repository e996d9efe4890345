"""The script library of each project, in the store's ``scripts`` table."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from .. import errors
from ..errors import ServiceError
from ..filters import counted_page
from ..progress.clock import Clock, iso_time
from ..store import TaskStore, new_id

COLUMNS = "script_id, name, description, type, version, create_time, update_time"
# Scripts an old-style inventory file names by id only get these (assumption: the file gave no more).
SEEDED_TYPE = "POWERSHELL"
SEEDED_CONTENT = "# seeded from the inventory file"


def _summary(row: tuple[Any, ...]) -> dict[str, Any]:
    script_id, name, description, kind, version, created, updated = row[:7]
    return {
        "id": script_id,
        "name": name,
        "description": description,
        "type": kind,
        "version": version,
        "create_time": iso_time(created),
        "update_time": iso_time(updated),
    }


def not_found(script_id: str) -> ServiceError:
    return ServiceError(errors.RESOURCE_NOT_FOUND, f"Script not found: {script_id}")


class ScriptLibrary:
    def __init__(self, store: TaskStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def create(self, project_id: str, body: Mapping[str, Any]) -> str:
        script_id, now = new_id(), self.clock.now()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO scripts (script_id, project_id, name, type, description, content, version,"
                " create_time, update_time) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    script_id,
                    project_id,
                    body["name"],
                    body["type"],
                    body.get("description"),
                    body["content"],
                    body.get("version"),
                    now,
                    now,
                ),
            )
        return script_id

    def seed(self, project_id: str, entries: Iterable[Mapping[str, Any]]) -> None:
        """Scripts from the inventory file, unless the library already has them (a restart)."""
        now = self.clock.now()
        rows = [
            (
                entry["id"],
                project_id,
                entry.get("name", entry["id"]),
                entry.get("type", SEEDED_TYPE),
                entry.get("description"),
                entry.get("content", SEEDED_CONTENT),
                entry.get("version"),
                now,
                now,
            )
            for entry in entries
        ]
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO scripts (script_id, project_id, name, type, description, content,"
                " version, create_time, update_time) VALUES (?,?,?,?,?,?,?,?,?)",
                rows,
            )

    def list_page(self, project_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
        where, params = ["project_id = ?"], [project_id]
        if "id" in query:
            where.append("script_id = ?")
            params.append(query["id"])
        if "name" in query:  # substring, case-sensitive (assumption)
            where.append("instr(name, ?) > 0")
            params.append(query["name"])
        if "type" in query:
            where.append("type = ?")
            params.append(query["type"])
        count, rows = counted_page(self.store, "scripts", COLUMNS, where, params, "seq", query)
        return {"count": count, "scripts": [_summary(row) for row in rows]}

    def show(self, project_id: str, script_id: str) -> dict[str, Any]:
        with self.store.lock:
            row = self.store.conn.execute(
                f"SELECT {COLUMNS}, content FROM scripts WHERE project_id = ? AND script_id = ?",  # noqa: S608
                (project_id, script_id),
            ).fetchone()
        if row is None:
            raise not_found(script_id)
        return {**_summary(row), "content": row[7]}

    def update(self, project_id: str, script_id: str, body: Mapping[str, Any]) -> None:
        """A PUT replaces: name, content, description and version all take the body's values (a field
        left out is cleared; assumption, the page does not say). The type stays."""
        with self.store.transaction() as conn:
            changed = conn.execute(
                "UPDATE scripts SET name = ?, content = ?, description = ?, version = ?, update_time = ?"
                " WHERE project_id = ? AND script_id = ?",
                (
                    body["name"],
                    body["content"],
                    body.get("description"),
                    body.get("version"),
                    self.clock.now(),
                    project_id,
                    script_id,
                ),
            ).rowcount
        if not changed:
            raise not_found(script_id)

    def delete(self, project_id: str, script_id: str) -> None:
        with self.store.transaction() as conn:
            deleted = conn.execute(
                "DELETE FROM scripts WHERE project_id = ? AND script_id = ?", (project_id, script_id)
            ).rowcount
        if not deleted:
            raise not_found(script_id)

    def names(self, project_id: str, script_ids: Collection[str]) -> dict[str, str]:
        """Name of each of ``script_ids`` found in the library."""
        if not script_ids:
            return {}
        marks = ",".join("?" * len(script_ids))
        with self.store.lock:
            rows = self.store.conn.execute(
                f"SELECT script_id, name FROM scripts WHERE project_id = ? AND script_id IN ({marks})",  # noqa: S608
                (project_id, *script_ids),
            ).fetchall()
        return dict(rows)

    def has_any(self, project_id: str) -> bool:
        with self.store.lock:
            found = self.store.conn.execute(
                "SELECT 1 FROM scripts WHERE project_id = ? LIMIT 1", (project_id,)
            ).fetchone()
        return found is not None

    def all(self) -> list[dict[str, Any]]:
        """Every project's scripts, oldest first, content included (``GET /_reference/scripts``)."""
        with self.store.lock:
            rows = self.store.conn.execute(
                f"SELECT {COLUMNS}, content, project_id FROM scripts ORDER BY seq"  # noqa: S608
            ).fetchall()
        return [{**_summary(row), "content": row[7], "project_id": row[8]} for row in rows]
