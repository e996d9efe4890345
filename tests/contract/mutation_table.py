"""``make mutants``: which mutants our suite kills (full mode, and live mode with a budget of 3 tasks),
and which plain ``st run --checks all`` kills.

Run as ``python -m tests.contract.mutation_table`` (``-- NAME...``: only those variants, printed, the page
left alone). Also runs them against the reference server and the independent implementation, where any
"kill" is a false positive. Prints the table and writes it, with its figures and the run's time, to the
docs page ``docs/kill-table.md`` (``tests/docs/test_kill_table.py`` checks the page against ``MUTANTS`` and
the figures the other pages quote against the page). In live mode the reference server (and so every
mutant) knows only the sandbox, decoy and example ids, as a real project would: probe ids are 404s there.

Our suite's runs (full and live mode) are forks of one warm process (``forked_runs``); plain st is a new
interpreter each time. Two variants are judged at a time, one per core.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from contract_tests.spec import FUZZED_OPERATIONS
from tests.contract import forked_runs
from tests.contract.mutants import MUTANTS
from tests.contract.runner import (
    INDEPENDENT,
    LIVE_ARGS,
    MUTANTS_BY_NAME,
    REFERENCE,
    run_plain_schemathesis,
    serve,
)

MAX_EXAMPLES = 40
TIME_BUDGET = 6.0
SEED = 20250714
SETTLE = ("--settle-timeout=3",)  # a lost write shows at the first read after it
PAGE = Path(__file__).resolve().parents[2] / "docs" / "kill-table.md"
CONFORMING = (REFERENCE, INDEPENDENT)
# Plain st on the operations a variant's defects are in: the original operation for the older mutants,
# all twelve for the Script API ones and the conforming servers (a run over all twelve takes it a minute
# or more here, and 72 of them would take most of an hour).
PLAIN_OPERATIONS = {"execution": ("ExecuteScriptOrCommand",), "script-api": FUZZED_OPERATIONS}

# Why live mode lets a mutant live that full mode kills, when it is by design: live mode does not send
# what would expose it (a request its guarantees forbid, or one it spends no budget on). A live miss not
# named here is one to look into. The page lists these under its table.
LIVE_MISSES_BY_DESIGN = {
    "crash_on_valid_input": "it answers 500 only when it accepts an `execution_timeout` of 0, and live "
    "mode gives every request with sandbox ids a timeout of 1 minute",
    "rule_refused_with_404": "the rule-breaking bodies go out with probe ids, and to a probe id a 404 is a "
    "lawful answer; no budget is left to send them with sandbox ids",
    "rule_skipped_for_large_counts": "the large counts it skips the rule for go out with probe ids, which "
    "a conforming server answers with 404 too; no budget is left to send them with sandbox ids",
    "task_ids_per_commit_batch": "live mode sends one request at a time, so none arrive together",
    "busy_500": "live mode sends one request at a time, so none arrive together",
}


@dataclass(frozen=True)
class Verdict:
    ours: bool  # our suite failed
    first_failure: str  # our first failing test
    live: bool  # our suite failed (exit status 1) in live mode
    live_failure: str  # live mode's first failing test
    plain: bool  # plain st run exited non-zero
    plain_kinds: frozenset[str]  # the failure kinds it reported ("ST202 Schema-valid request rejected")
    seconds: float  # the three runs' wall-clock time


def _first_failure(returncode: int, output: str) -> str:
    # The node id ends at " - " (the reason), not at a space: a fuzzing item's id holds a method and path.
    match = re.search(r"^FAILED (.+?)(?: - |$)", output, re.MULTILINE)
    if match:
        return match.group(1).split("::", 1)[-1]
    return "" if returncode == 0 else f"(exit status {returncode})"


def _auth(variant: str) -> str:
    return MUTANTS_BY_NAME[variant].auth if variant in MUTANTS_BY_NAME else "token"


def _suite(variant: str) -> str | None:
    """The clause modules a variant is judged by: its kind's for a mutant, all for a conforming server."""
    return MUTANTS_BY_NAME[variant].suite if variant in MUTANTS_BY_NAME else None


def judge(variant: str) -> Verdict:
    started = time.monotonic()
    auth = _auth(variant)
    # Variants of the reference are held to every clause; the independent one knows only the page.
    # Live mode likewise (--strict): without it, live mode reports assumption and SDK findings in their
    # own section instead of failing the run, and the columns would not compare like for like.
    common = {
        "auth": auth,
        "max_examples": MAX_EXAMPLES,
        "time_budget": TIME_BUDGET,
        "stop_early": True,
        "strict": variant != INDEPENDENT,
        "suite": _suite(variant),
    }
    ours = forked_runs.run_suite(variant, extra_args=SETTLE, **common)  # type: ignore[arg-type]
    live = forked_runs.run_suite(
        variant,
        extra_args=(*LIVE_ARGS, *SETTLE),
        inventory=True,
        **common,  # type: ignore[arg-type]
    )
    plain, kinds = False, frozenset[str]()
    if auth == "token":  # plain st cannot sign AK/SK requests
        with serve(variant) as running:
            operations = PLAIN_OPERATIONS.get(_suite(variant) or "script-api", FUZZED_OPERATIONS)
            result = run_plain_schemathesis(
                running, max_examples=MAX_EXAMPLES, seed=SEED, operations=operations
            )
        plain = result.returncode != 0
        kinds = frozenset(re.findall(r"^- (ST\d+ .+)$", result.stdout, re.MULTILINE))
    return Verdict(
        ours=ours.returncode != 0,
        first_failure=_first_failure(ours.returncode, ours.stdout),
        live=live.returncode == 1,
        live_failure=_first_failure(live.returncode, live.stdout),
        plain=plain,
        plain_kinds=kinds,
        seconds=time.monotonic() - started,
    )


@dataclass(frozen=True)
class Figures:
    mutants: int
    ours: int  # killed by our suite in full mode
    live: int  # killed in live mode
    live_of_ours: int  # killed in both modes
    plain: int  # killed by plain st run
    minutes: float  # how long the whole make mutants run took
    load: tuple[float, float]  # the 1-minute load average at the start and at the end


Row = tuple[str, str, str, str, str, str, str]
COLUMNS = (
    "mutant", "clause", "ours", "live", "plain st",
    "our first failing test", "live mode's first failing test",
)  # fmt: skip


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def page(rows: Sequence[Row], figures: Figures, plain_baseline: Sequence[str], missed: Sequence[str]) -> str:
    """The docs page of the kill table: the figures first, then one row per variant, then live mode's
    misses and why."""
    share = 100 * figures.live_of_ours / max(figures.ours, 1)
    start, end = figures.load
    lines = [
        "# Kill table",
        "",
        "<!-- Written by `make mutants` (tests/contract/mutation_table.py): rerun it, do not edit. -->",
        "",
        "`make mutants` serves every broken variant of the reference server (one defect each:",
        "`tests/contract/mutants.py` for the original operation, `tests/contract/script_api_mutants.py`",
        "for the other eleven) and the two conforming servers, and runs against each our suite in full",
        "mode, our suite in live mode and plain `st run --checks all` (given the project id and a token).",
        "A conforming server must survive all three. Each mutant meets the clauses of the operations its",
        "defect is in and the fuzzer; the conforming servers meet every clause. The signing defects run",
        "with AK/SK, which plain st cannot sign (`n/a`, counted as missed). Plain st runs on the operations",
        "the defect is in: the original operation for the older mutants, all twelve for the Script API",
        "ones and the conforming servers (over all twelve, one run takes it a minute or more here). What",
        "the figures mean: [Benchmarks](benchmarks.md#kill-table).",
        "",
        "Live mode runs with a budget of 3 tasks, two sandbox desktops and one sandbox script, against a",
        "server whose inventory knows only the sandbox, decoy and example ids (and the script that fails",
        "on purpose), as a real project would, and `--strict` like full mode, so both columns are held to",
        "the same sources. It runs unpaced (`--rate=0`) against loopback: the pace decides how long a run",
        "takes, not what it sends, so it changes no verdict except for the concurrency defects (a paced",
        "run sends nothing at once either).",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| mutants | {figures.mutants} |",
        f"| killed by our suite | {figures.ours} of {figures.mutants} |",
        f"| killed in live mode | {figures.live} of {figures.mutants} |",
        f"| of full mode's kills, live mode's | {figures.live_of_ours} of {figures.ours} ({share:.1f}%) |",
        f"| killed by plain st run | {figures.plain} of {figures.mutants} |",
        f"| this run of `make mutants` took | {figures.minutes:.1f} minutes |",
        f"| load average (1 minute) at its start and end | {start:.1f} and {end:.1f} (2 cores) |",
        "",
        "Plain st fails the conforming servers too (it cannot know the cross-field rule), so a mutant counts",
        "as killed by it only for a kind of failure it does not report on them: "
        + (", ".join(f"`{kind}`" for kind in plain_baseline) or "none")
        + ".",
        "",
        f"| {' | '.join(COLUMNS)} |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(_cell(text) for text in row) + " |" for row in rows]
    lines += ["", "## What live mode misses", ""]
    if not missed:
        lines.append("Live mode kills every mutant full mode kills.")
    else:
        lines.append("The mutants full mode kills and live mode does not, and why:")
        lines.append("")
        for name in missed:
            reason = LIVE_MISSES_BY_DESIGN.get(name, "not known to be by design: a gap of live mode")
            lines.append(f"- `{name}`: {reason}.")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("only", nargs="*", help="judge only these variants; print, do not write the page")
    only = parser.parse_args(argv).only
    started, load_at_start = time.monotonic(), os.getloadavg()[0]
    everything = [*CONFORMING, *(mutant.name for mutant in MUTANTS)]
    unknown = set(only) - set(everything)
    if unknown:
        parser.error(f"no such variant: {', '.join(sorted(unknown))}")
    variants = [variant for variant in everything if not only or variant in only]
    clauses = {mutant.name: mutant.clause for mutant in MUTANTS}
    clauses.update(dict.fromkeys(CONFORMING, "(conforming: must survive)"))
    # The longest first (all twelve operations under plain st), so that the two workers end together.
    order = sorted(variants, key=lambda variant: _suite(variant) == "execution")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(order, pool.map(judge, order), strict=True))
    # Plain st fails conforming servers too (it cannot know the cross-field rule), so a mutant counts as
    # killed by it only when it reports a kind of failure it does not also report on conforming servers.
    baseline = frozenset[str]().union(*(results[v].plain_kinds for v in CONFORMING if v in results))

    def plain_kill(variant: str) -> bool:
        verdict = results[variant]
        return verdict.plain if variant in CONFORMING else bool(verdict.plain_kinds - baseline)

    yes = {True: "yes", False: "no"}
    rows: list[Row] = []
    for variant in variants:
        verdict = results[variant]
        shown = yes[plain_kill(variant)] if _auth(variant) == "token" else "n/a"
        row = (variant, clauses[variant], yes[verdict.ours], yes[verdict.live], shown)
        rows.append((*row, verdict.first_failure, verdict.live_failure))
        print(" | ".join(rows[-1]), f"| {verdict.seconds:.0f} s")
    names = [name for name in variants if name not in CONFORMING]
    ours = sum(results[name].ours for name in names)
    live = sum(results[name].live for name in names)
    both = sum(results[name].live and results[name].ours for name in names)
    plain = sum(plain_kill(name) for name in names)
    missed = [name for name in names if results[name].ours and not results[name].live]
    minutes = (time.monotonic() - started) / 60
    figures = Figures(len(names), ours, live, both, plain, minutes, (load_at_start, os.getloadavg()[0]))
    print(f"\nkill rate, our suite:    {ours}/{len(names)}")
    print(f"kill rate, live mode:    {live}/{len(names)}; of full mode's kills: {both}/{ours}")
    print(f"kill rate, plain st run: {plain}/{len(names)}")
    print(f"plain st failures on conforming servers (its false positives): {', '.join(sorted(baseline))}")
    for variant in (v for v in CONFORMING if v in results):
        verdict = results[variant]
        print(
            f"false positive on {variant}: ours={yes[verdict.ours]} live={yes[verdict.live]} "
            f"plain st={yes[verdict.plain]}"
        )
    print(f"live mode's misses: {', '.join(missed) or 'none'}")
    print(f"make mutants took {figures.minutes:.1f} minutes (load average {load_at_start:.1f} at the start)")
    if not only:
        PAGE.write_text(page(rows, figures, sorted(baseline), missed), encoding="utf-8")
        print(f"written to {PAGE.relative_to(PAGE.parents[1])}")


if __name__ == "__main__":
    main()
