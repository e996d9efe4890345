"""The fuzzing time budget."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Budget:
    """The fuzzing time budget, and how many cases were sent within it (for the cases/s figure)."""

    seconds: float
    started: float = field(default=0.0)
    sent: int = 0

    def take(self) -> bool:
        """Whether one more case may be sent; counts it when so."""
        now = time.monotonic()
        if not self.started:
            self.started = now
        if now - self.started > self.seconds:
            return False
        self.sent += 1
        return True
