"""``RetryPolicy``: how hard to retry calls that provably never reached the service."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Opt-in retries for a non-idempotent POST.

    Only two kinds of failure are retried, because in both the scripts were certainly not started:
    the connection could not be made (refused, DNS failure, connect or pool timeout: nothing was sent) and
    a 503 answer (the contract says the request was not carried out). Read timeouts, dropped connections
    and 500 answers are never retried: the service may already be running the scripts, and a second
    request would run them twice.

    Attributes:
        attempts: Total number of attempts, the first included.
        backoff: Upper bound of the first wait, in seconds; it doubles per retry (full jitter: each wait is
            drawn uniformly between 0 and the bound).
        max_backoff: Cap on the bound of any wait, in seconds.
    """

    attempts: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("RetryPolicy.attempts must be at least 1")
        if self.backoff < 0 or self.max_backoff < self.backoff:
            raise ValueError("RetryPolicy needs 0 <= backoff <= max_backoff")
