"""The run's settings, resolved once from the command line by ``conftest.pytest_configure``.

Fixtures and clause code read them with ``current()``; nothing is read at import time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contract_tests import sources
from contract_tests.guard import Limits
from contract_tests.target import Target


@dataclass(frozen=True)
class Settings:
    target: Target  # base_url is empty for the bundled server until it runs
    seed: int
    max_examples: int
    time_budget: float
    replay: bool = True  # try failing examples saved by earlier runs first
    live: bool = False  # live mode: ids swapped for sandbox/probe ids, task budget, pacing
    strict: bool = False  # pytest's --strict: assumption and SDK-only clauses fail the run too
    mode_reason: str = ""  # why this mode is in force, for the session header
    limits: Limits = field(default_factory=Limits)
    notes: tuple[str, ...] = ()  # more lines for the session header


CURRENT: Settings | None = None


def current() -> Settings:
    if CURRENT is None:
        raise RuntimeError(
            "contract_tests settings are read before pytest_configure: run the suite with pytest"
        )
    return CURRENT


def is_fatal(source: str, run: Settings | None = None) -> bool:
    """Whether a failure of a clause from ``source`` fails the run under ``run`` (default: this run's)."""
    run = run or current()
    if source in (sources.PAGE, sources.HTTP) or run.strict:
        return True
    if source == sources.ASSUMPTION:
        return not run.live
    return run.target.bundled  # SDK: our own server is held to the SDK's fields and rules
