"""The contract suite must pass on conforming servers and fail on every broken one.

Each case serves a variant and runs the suite against it in a fresh fork of a warm process
(``forked_runs``), with a reduced budget for the mutants (they die on the first failure, ``-x``).
"""

from __future__ import annotations

import pytest

from tests.contract import forked_runs
from tests.contract.mutants import MUTANTS, Mutant
from tests.contract.runner import INDEPENDENT, REFERENCE

MUTANT_EXAMPLES = 40
MUTANT_BUDGET = 6.0
# A mutant that loses a write is seen at the first read after it: no need to poll for long.
MUTANT_OPTIONS = ("--settle-timeout=3",)
# Fuzzing is the same whatever signs the requests: AK/SK runs fuzz less, their hand-made clauses are whole.
EXAMPLES = {"token": 120, "aksk": 60}


@pytest.mark.parametrize("auth", ["token", "aksk"])
@pytest.mark.parametrize("variant", [REFERENCE, INDEPENDENT])
def test_suite_passes_on_conforming_servers(variant: str, auth: str) -> None:
    """The reference server and an independent implementation (other codes, id format, 404 for
    unknown projects; behind an AK/SK gateway of its own in AK/SK mode): zero false positives. The
    reference is held to every clause (``--strict``); the independent one knows only the page, so it
    gets a default run, where the SDK's fields and rule do not fail it."""
    result = forked_runs.run_suite(
        variant,
        auth=auth,
        max_examples=EXAMPLES[auth],
        time_budget=20.0,
        stop_early=False,
        strict=variant == REFERENCE,
    )
    assert result.returncode == 0, f"false positive on {variant} ({auth}):\n{result.stdout[-6000:]}"


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda mutant: mutant.name)
def test_suite_kills_mutant(mutant: Mutant) -> None:
    result = forked_runs.run_suite(
        mutant.name,
        auth=mutant.auth,
        max_examples=MUTANT_EXAMPLES,
        time_budget=MUTANT_BUDGET,
        stop_early=True,
        strict=True,  # a variant of the reference server is held to what the reference is held to
        suite=mutant.suite,  # the clauses of the operations its defect is in, and the fuzzer
        extra_args=MUTANT_OPTIONS,
    )
    # Exit status 1 is "tests failed"; anything else (usage error, crash) would not be a kill.
    assert result.returncode == 1, (
        f"mutant survived or suite broke (rc={result.returncode}):\n{result.stdout[-4000:]}"
    )
    assert "Contract clause" in result.stdout, "the failure does not name a contract clause"
