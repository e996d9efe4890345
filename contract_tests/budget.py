"""The fuzzing time budget."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Budget:
    """The fuzzing time budget, and how many cases were sent within it (for the cases/s figure).

    ``seconds`` is shared by the operations in proportion to ``weights`` (1 for an operation not named):
    each operation's window opens with its first case, so one slow operation cannot starve the others,
    and the whole fuzzing stays within twice ``seconds`` (Hypothesis generates between the cases). Past
    that, an operation not reached yet still sends its first case: on a loaded machine, where generating
    is slow, the last operations would otherwise not be fuzzed at all."""

    seconds: float
    weights: dict[str, float] = field(default_factory=dict)
    started: float = 0.0
    elapsed: float = 0.0  # from the first case sent to the end of the last one
    sent: int = 0
    cut: int = 0  # generated cases not sent: the time budget was used
    held_back: Counter[str] = field(default_factory=Counter)  # cases the live limits kept back, by reason
    per_operation: dict[str, int] = field(default_factory=dict)  # cases sent, by operation
    seconds_per_operation: dict[str, float] = field(default_factory=dict)  # first to last case, by operation
    _opened: dict[str, float] = field(default_factory=dict)

    def take(self, operation: str = "") -> bool:
        """Whether one more case of ``operation`` may be sent; counts it when so."""
        now = time.monotonic()
        if not self.started:
            self.started = now
        opened = self._opened.setdefault(operation, now)
        share = self.seconds * self.weights.get(operation, 1.0) / max(sum(self.weights.values()), 1.0)
        # Each operation's own window, and the whole (twice the budget, for the generation in between).
        overdue = now - self.started > 2 * self.seconds and operation in self.per_operation
        if now - opened > share or overdue:
            self.cut += 1
            return False
        self.sent += 1
        self.per_operation[operation] = self.per_operation.get(operation, 0) + 1
        return True

    def case_done(self, operation: str = "") -> None:
        now = time.monotonic()
        self.elapsed = now - self.started
        self.seconds_per_operation[operation] = now - self._opened.get(operation, now)

    def add_worker(self, sent: int, elapsed: float, cut: int = 0) -> None:
        """Fold in a pytest-xdist worker's figures (workers fuzz side by side: the longest sets the time)."""
        self.sent += sent
        self.cut += cut
        self.elapsed = max(self.elapsed, elapsed)
