"""Armed faults: the next N service requests are delayed, refused, answered late or left unanswered."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from . import errors


@dataclass(frozen=True)
class Fault:
    """After ``delay_seconds``: the ``status`` error (500/503), or the normal answer when it is None, or
    with ``drop_connection`` no answer at all (the connection is closed; ``status`` is then ignored).
    ``after_commit``: the request is first handled normally and its task stored, so the fault hits the
    answer only; otherwise the fault comes first and nothing is stored unless ``status`` is None."""

    status: int | None
    delay_seconds: float
    after_commit: bool = False
    drop_connection: bool = False


class FaultPlan:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._remaining = 0
        self._fault = Fault(None, 0.0)

    def arm(
        self,
        count: int,
        status: int | None,
        delay_seconds: float = 0.0,
        *,
        after_commit: bool = False,
        drop_connection: bool = False,
    ) -> None:
        if status is not None and status not in errors.FAULT_CODES:
            raise ValueError(f"fault status must be one of {sorted(errors.FAULT_CODES)} or None")
        with self._lock:
            self._remaining = count
            self._fault = Fault(status, delay_seconds, after_commit, drop_connection)

    def take(self) -> Fault | None:
        if not self._remaining:  # fast path without the lock: usually nothing is armed
            return None
        with self._lock:
            if not self._remaining:
                return None
            self._remaining -= 1
            return self._fault

    def clear(self) -> None:
        self.arm(0, None)
