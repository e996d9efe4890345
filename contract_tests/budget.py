"""The fuzzing time budget."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Budget:
    """The fuzzing time budget, and how many cases were sent within it (for the cases/s figure)."""

    seconds: float
    started: float = 0.0
    elapsed: float = 0.0  # from the first case sent to the end of the last one
    sent: int = 0
    cut: int = 0  # generated cases not sent: the time budget was used
    held_back: Counter[str] = field(default_factory=Counter)  # cases the live limits kept back, by reason

    def take(self) -> bool:
        """Whether one more case may be sent; counts it when so."""
        now = time.monotonic()
        if not self.started:
            self.started = now
        if now - self.started > self.seconds:
            self.cut += 1
            return False
        self.sent += 1
        return True

    def case_done(self) -> None:
        self.elapsed = time.monotonic() - self.started

    def add_worker(self, sent: int, elapsed: float, cut: int = 0) -> None:
        """Fold in a pytest-xdist worker's figures (workers fuzz side by side: the longest sets the time)."""
        self.sent += sent
        self.cut += cut
        self.elapsed = max(self.elapsed, elapsed)
