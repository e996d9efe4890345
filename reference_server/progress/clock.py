"""The server's clock: real time by default; tests may freeze it and move it forward by hand.

Every time the lifecycle writes (start and end of a record, a task's window) is read from here, so a
frozen clock makes a test's timeline exact and repeatable."""

from __future__ import annotations

import functools
import threading
import time


class Clock:
    """``now()`` in seconds since the epoch. Running, it is the wall clock plus an offset (zero unless it
    was frozen and moved before); frozen, it stands still until ``advance`` or ``jump_to`` moves it.
    It never goes backwards."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen_at: float | None = None

    def now(self) -> float:
        frozen = self._frozen_at
        return frozen if frozen is not None else time.time() + self._offset

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def freeze(self) -> float:
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = time.time() + self._offset
            return self._frozen_at

    def resume(self) -> float:
        """Run again from the frozen time on (the offset keeps the time from jumping back)."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - time.time()
                self._frozen_at = None
            return time.time() + self._offset

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("the clock cannot go backwards")
        return self.jump_to(self.now() + seconds)

    def jump_to(self, when: float) -> float:
        """Move to ``when`` if that is later (frozen: stand there; running: run on from there)."""
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = max(self._frozen_at, when)
                return self._frozen_at
            self._offset = max(self._offset, when - time.time())
            return time.time() + self._offset

    def reset(self) -> None:
        """Back to the wall clock, running."""
        with self._lock:
            self._offset, self._frozen_at = 0.0, None


def iso_time(seconds: float | None) -> str | None:
    """How every time field goes on the wire: ISO 8601 UTC to the second, ``2026-12-01T08:00:00Z``
    (assumption: the pages give that form in examples only)."""
    if seconds is None:
        return None
    return _iso_second(int(seconds))


@functools.lru_cache(maxsize=4096)
def _iso_second(second: int) -> str:
    # A page of records holds few distinct seconds (a batch starts and ends together): formatted once.
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(second))
