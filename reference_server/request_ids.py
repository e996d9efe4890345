"""Request ids (the X-Request-Id of every answer and the access log): 32 hex digits, a random half drawn
once per process and a counter. Unique by construction within a process and by chance (64 random bits)
across processes; cheaper than drawing 128 random bits per request. Not secrets: nothing trusts them."""

from __future__ import annotations

import itertools
import os
import secrets


class _RequestIds:
    def __init__(self) -> None:
        self._counter = itertools.count()
        self.redraw()

    def redraw(self) -> None:
        """A new random half, for a forked child: it would otherwise repeat its parent's ids."""
        self._prefix = secrets.token_hex(8)

    def new(self) -> str:
        return f"{self._prefix}{next(self._counter):016x}"


_ids = _RequestIds()
if hasattr(os, "register_at_fork"):  # Unix; elsewhere there is no fork to follow
    os.register_at_fork(after_in_child=_ids.redraw)
new_request_id = _ids.new
