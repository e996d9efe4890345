"""``make mutants``: which mutants our suite kills (full mode, and live mode with a budget of 3 tasks),
and which plain ``st run --checks all`` kills.

Run as ``python -m tests.contract.mutation_table``. Also runs them against the reference server and the
independent implementation, where any "kill" is a false positive. In live mode the reference server (and
so every mutant) knows only the sandbox, decoy and example ids, as a real project would: probe ids are
404s there.
"""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tests.contract.mutants import MUTANTS
from tests.contract.runner import (
    INDEPENDENT,
    LIVE_ARGS,
    MUTANTS_BY_NAME,
    REFERENCE,
    run_plain_schemathesis,
    run_suite,
    serve,
)

MAX_EXAMPLES = 40
SEED = 20250714


@dataclass(frozen=True)
class Verdict:
    ours: bool  # our suite failed
    first_failure: str  # our first failing test
    live: bool  # our suite failed (exit status 1) in live mode
    plain: bool  # plain st run exited non-zero
    plain_kinds: frozenset[str]  # the failure kinds it reported ("ST202 Schema-valid request rejected")


def _first_failure(result: subprocess.CompletedProcess[str]) -> str:
    # The node id ends at " - " (the reason), not at a space: a fuzzing item's id holds a method and path.
    match = re.search(r"^FAILED (.+?)(?: - |$)", result.stdout, re.MULTILINE)
    if match:
        return match.group(1).split("::", 1)[-1]
    return "" if result.returncode == 0 else f"(exit status {result.returncode})"


def _auth(variant: str) -> str:
    return MUTANTS_BY_NAME[variant].auth if variant in MUTANTS_BY_NAME else "token"


def _suite(variant: str) -> str | None:
    """The clause modules a variant is judged by: its kind's for a mutant, all for a conforming server."""
    return MUTANTS_BY_NAME[variant].suite if variant in MUTANTS_BY_NAME else None


def judge(variant: str) -> Verdict:
    auth = _auth(variant)
    suite = _suite(variant)
    settle = ("--settle-timeout=3",)  # a lost write shows at the first read after it
    # Variants of the reference are held to every clause; the independent one knows only the page.
    with serve(variant, auth=auth) as running:
        ours = run_suite(
            running,
            max_examples=MAX_EXAMPLES,
            time_budget=6.0,
            stop_early=True,
            strict=variant != INDEPENDENT,
            extra_args=settle,
            suite=suite,
        )
    # Like for like: live mode held to the same sources as full mode (--strict); without it, live mode
    # reports assumption and SDK findings in their own section instead of failing the run.
    with serve(variant, auth=auth, inventory=True) as running:
        live = run_suite(
            running,
            max_examples=MAX_EXAMPLES,
            time_budget=6.0,
            stop_early=True,
            strict=variant != INDEPENDENT,
            extra_args=(*LIVE_ARGS, *settle),
            suite=suite,
        )
    if auth != "token":  # plain st cannot sign AK/SK requests
        return Verdict(ours.returncode != 0, _first_failure(ours), live.returncode == 1, False, frozenset())
    with serve(variant) as running:
        plain = run_plain_schemathesis(running, max_examples=MAX_EXAMPLES, seed=SEED)
    kinds = frozenset(re.findall(r"^- (ST\d+ .+)$", plain.stdout, re.MULTILINE))
    return Verdict(
        ours.returncode != 0, _first_failure(ours), live.returncode == 1, plain.returncode != 0, kinds
    )


def main() -> None:
    variants = [REFERENCE, INDEPENDENT, *(mutant.name for mutant in MUTANTS)]
    clauses = {mutant.name: mutant.clause for mutant in MUTANTS}
    clauses[REFERENCE] = "(conforming: must survive)"
    clauses[INDEPENDENT] = "(conforming: must survive)"
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(variants, pool.map(judge, variants), strict=True))
    # Plain st fails conforming servers too (it cannot know the cross-field rule), so a mutant counts as
    # killed by it only when it reports a kind of failure it does not also report on conforming servers.
    baseline = results[REFERENCE].plain_kinds | results[INDEPENDENT].plain_kinds

    def plain_kill(variant: str) -> bool:
        return bool(results[variant].plain_kinds - baseline)

    yes = {True: "yes", False: "no"}
    print(f"| {'mutant':<34} | {'clause':<88} | ours | live | plain st | our first failing test")
    print(f"|{'-' * 36}|{'-' * 90}|------|------|----------|{'-' * 24}")
    for variant in variants:
        verdict = results[variant]
        plain = plain_kill(variant) if variant not in (REFERENCE, INDEPENDENT) else verdict.plain
        shown = yes[plain] if _auth(variant) == "token" else "n/a"  # plain st cannot sign AK/SK requests
        print(
            f"| {variant:<34} | {clauses[variant]:<88} | {yes[verdict.ours]:<4} | {yes[verdict.live]:<4} "
            f"| {shown:<8} "
            f"| {verdict.first_failure}"
        )
    names = [mutant.name for mutant in MUTANTS]
    ours_killed = sum(results[name].ours for name in names)
    plain_killed = sum(plain_kill(name) for name in names)
    live_killed = sum(results[name].live for name in names)
    both = sum(results[name].live and results[name].ours for name in names)
    print(f"\nkill rate, our suite:    {ours_killed}/{len(names)} ({100 * ours_killed / len(names):.0f}%)")
    print(
        f"kill rate, live mode:    {live_killed}/{len(names)}; of full mode's kills: {both}/{ours_killed} "
        f"({100 * both / max(ours_killed, 1):.0f}%, budget 3 tasks)"
    )
    print(f"kill rate, plain st run: {plain_killed}/{len(names)} ({100 * plain_killed / len(names):.0f}%)")
    print(f"plain st failures on conforming servers (its false positives): {', '.join(sorted(baseline))}")
    for variant in (REFERENCE, INDEPENDENT):
        verdict = results[variant]
        print(
            f"false positive on {variant}: ours={yes[verdict.ours]} live={yes[verdict.live]} "
            f"plain st={yes[verdict.plain]}"
        )


if __name__ == "__main__":
    main()
