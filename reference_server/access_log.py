"""The access log: one INFO record per request on the ``reference_server.access`` logger, with the method,
the raw path, the outcome, the time to answer and the request id.

Records are handed to logging once per event-loop turn, all the turn's lines together, after its answers
were sent: under load a turn answers tens of requests, and logging them back to back costs about half as
much as one at a time between requests (``make bench-server``). The price: a line appears up to one turn
after its answer (well under a second), and a process killed with SIGKILL loses the lines of its last
turn. Outside a running event loop a line is handed over at once."""

from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger("reference_server.access")
LINE = "%s %s %s %.2fms %s"  # method, raw path, outcome, milliseconds, request id

Line = tuple[str, str, str, float, str]


class AccessLog:
    def __init__(self) -> None:
        self._pending: list[Line] = []

    def add(self, method: str, raw_path: str, outcome: str, elapsed_ms: float, request_id: str) -> None:
        if not logger.isEnabledFor(logging.INFO):
            return
        if not self._pending:
            try:
                asyncio.get_running_loop().call_soon(self.flush)
            except RuntimeError:  # no loop to wait for
                self._emit((method, raw_path, outcome, elapsed_ms, request_id))
                return
        self._pending.append((method, raw_path, outcome, elapsed_ms, request_id))

    def flush(self) -> None:
        """Hand every pending line to logging, oldest first."""
        pending, self._pending = self._pending, []
        for line in pending:
            self._emit(line)

    @staticmethod
    def _emit(line: Line) -> None:
        # What ``logger.info`` does, less its walk up the stack for the caller: that is always ``add``.
        record = logger.makeRecord(logger.name, logging.INFO, __file__, _ADD_LINE, LINE, line, None, "add")
        logger.handle(record)


_ADD_LINE = AccessLog.add.__code__.co_firstlineno
