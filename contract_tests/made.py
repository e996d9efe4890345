"""What a run made on the target, learnt from the answers at the wire: the scripts it created (and which
of them it deleted again), the tasks it was answered, and the records of those tasks.

Live mode's gate lets a request name these ids (``api_rules``), and the run deletes every script it
created before it ends (``guard.Guard.clean_up``), whichever request created it: a clause, the fuzzer, a
check's follow-up request.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

CREATE, DELETE, LIST_RECORDS = "CreateScript", "DeleteScript", "ListScriptRecords"


def _json(data: bytes) -> Any:
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        return json.loads(data)
    return None


@dataclass
class Made:
    scripts: dict[str, str] = field(default_factory=dict)  # script id -> the name it was created with
    deleted: set[str] = field(default_factory=set)
    # CreateScript requests that got no answer (interrupted, timed out, a 5xx): the names they sent, so the
    # clean-up can look the script up if the target stored it.
    unanswered: list[str] = field(default_factory=list)
    tasks: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)
    left_behind: dict[str, str] = field(default_factory=dict)  # script id (or name) -> why

    def alive(self) -> list[str]:
        """Scripts created and not deleted yet."""
        return [script_id for script_id in self.scripts if script_id not in self.deleted]

    def owed(self) -> int:
        """Requests the clean-up may still need: one delete per live script, a look-up and a delete per
        create that got no answer."""
        return len(self.alive()) + 2 * len(self.unanswered)

    def learn(
        self,
        operation_id: str | None,
        status: int | None,
        body: bytes,
        answer: bytes,
        path_ids: dict[str, str],
    ) -> None:
        """Note what one exchange made or unmade (``status`` None: no answer came)."""
        if operation_id == CREATE:
            sent = _json(body)
            name = sent.get("name") if isinstance(sent, dict) else None
            created = _json(answer) if status is not None and 200 <= status < 300 else None
            script_id = created.get("script_id") if isinstance(created, dict) else None
            if isinstance(script_id, str):
                self.scripts.setdefault(script_id, str(name))
            elif (status is None or status >= 500) and isinstance(name, str):
                self.unanswered.append(name)
        elif operation_id == DELETE and status in (204, 404):
            script_id = path_ids.get("script_id", "")
            if script_id in self.scripts:
                self.deleted.add(script_id)
        elif operation_id == LIST_RECORDS and status == 200:
            listed = _json(answer)
            records = listed.get("script_records") if isinstance(listed, dict) else None
            for record in records if isinstance(records, list) else []:
                # Only records of the run's own tasks: a list may hold other people's.
                own = isinstance(record, dict) and record.get("script_task_id") in self.tasks
                if own and isinstance(record.get("id"), str):
                    self.records.add(record["id"])

    def as_json(self) -> dict[str, Any]:
        return {
            "created": [
                {"script_id": i, "name": n, "deleted": i in self.deleted} for i, n in self.scripts.items()
            ],
            "created_count": len(self.scripts),
            "deleted_count": len(self.deleted),
            "unanswered_creates": list(self.unanswered),
            "left_behind": [
                {"script_id": i, "name": self.scripts.get(i), "why": why}
                for i, why in self.left_behind.items()
            ],
        }
