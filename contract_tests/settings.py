"""The run's settings, resolved once from the command line before the test modules are imported.

Schemathesis builds its tests when ``test_fuzz`` is imported, so seed, budget and the project id must be
known by then; ``conftest.pytest_configure`` fills ``CURRENT``.
"""

from __future__ import annotations

from dataclasses import dataclass

from contract_tests.target import Target


@dataclass(frozen=True)
class Settings:
    target: Target  # base_url is empty for the bundled server until it runs
    seed: int
    max_examples: int
    time_budget: float
    replay: bool = True  # try failing examples saved by earlier runs first
    live: bool = False  # live mode: the real service, or anything not on loopback
    strict: bool = False  # pytest's --strict: assumption and SDK-only clauses fail the run too


CURRENT: Settings | None = None


def current() -> Settings:
    if CURRENT is None:
        raise RuntimeError(
            "contract_tests settings are read before pytest_configure: run the suite with pytest"
        )
    return CURRENT
