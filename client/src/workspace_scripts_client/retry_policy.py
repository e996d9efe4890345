"""``RetryPolicy``: how hard to retry, and which failures may be retried for which HTTP methods."""

from __future__ import annotations

from dataclasses import dataclass, field

# Methods HTTP defines as idempotent (RFC 9110, 9.2.2): sending one twice has the effect of sending it once.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class RetryPolicy:
    """Opt-in retries, bounded, with back-off; what is retried follows from the request's HTTP method.

    Every method: the failures where the request certainly did nothing, that is a connection that could not
    be made (refused, DNS failure, connect or pool timeout: nothing was sent) and a 503 answer (the contract
    says the request was not carried out).

    Idempotent methods (``idempotent_methods``: GET, PUT, DELETE for this API) also: a read or write
    timeout, a dropped connection, and 502 or 504 answers from a gateway. The request may have been carried
    out, but carrying it out twice changes nothing more. (A DELETE repeated after the first one deleted may
    answer 404.)

    Never: a 500 (a fault a repeat rarely cures), a TLS certificate failure, and, for the POSTs (create a
    script, execute, retry, stop), anything that may have reached the service: a second request could run
    the scripts twice.

    Attributes:
        attempts: Total number of attempts, the first included.
        backoff: Upper bound of the first wait, in seconds; it doubles per retry (full jitter: each wait is
            drawn uniformly between 0 and the bound).
        max_backoff: Cap on the bound of any wait, in seconds.
        idempotent_methods: The methods retried after failures that may have reached the service; an empty
            set retries only what certainly did nothing.
    """

    attempts: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    idempotent_methods: frozenset[str] = field(default=IDEMPOTENT_METHODS)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("RetryPolicy.attempts must be at least 1")
        if self.backoff < 0 or self.max_backoff < self.backoff:
            raise ValueError("RetryPolicy needs 0 <= backoff <= max_backoff")
        if "POST" in {method.upper() for method in self.idempotent_methods}:
            raise ValueError("RetryPolicy.idempotent_methods cannot include POST: it is not idempotent")
