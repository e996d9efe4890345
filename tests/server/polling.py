"""Waiting for something the server does after it answered (or instead of answering), with a bound."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(probe: Callable[[], T], *, within: float = 10.0) -> T:
    """``probe()`` once it is truthy; AssertionError with its last value if that takes over ``within`` s."""
    deadline = time.monotonic() + within
    while True:
        value = probe()
        if value or time.monotonic() > deadline:
            assert value, f"still {value!r} after {within}s"
            return value
        time.sleep(0.02)
