"""The contract suite must pass on conforming servers and fail on every broken one.

Each case serves a variant in this process and runs ``pytest contract_tests`` against it in a subprocess,
with a reduced budget for the mutants (they die on the first failure, ``-x``).
"""

from __future__ import annotations

import pytest

from tests.contract.mutants import MUTANTS, Mutant
from tests.contract.runner import INDEPENDENT, REFERENCE, run_suite, serve

MUTANT_EXAMPLES = 40
MUTANT_BUDGET = 6.0


@pytest.mark.parametrize("variant", [REFERENCE, INDEPENDENT])
def test_suite_passes_on_conforming_servers(variant: str) -> None:
    """The reference server and an independent implementation (other codes, id format, 404 for
    unknown projects): zero false positives."""
    with serve(variant) as running:
        result = run_suite(running, max_examples=120, time_budget=20.0, stop_early=False)
    assert result.returncode == 0, (
        f"false positive on {variant}:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    )


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda mutant: mutant.name)
def test_suite_kills_mutant(mutant: Mutant) -> None:
    with serve(mutant.name) as running:
        result = run_suite(running, max_examples=MUTANT_EXAMPLES, time_budget=MUTANT_BUDGET, stop_early=True)
    # Exit status 1 is "tests failed"; anything else (usage error, crash) would not be a kill.
    assert result.returncode == 1, (
        f"mutant survived or suite broke (rc={result.returncode}):\n{result.stdout[-4000:]}"
    )
    assert "Contract clause" in result.stdout, "the failure does not name a contract clause"
