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
import contextlib
import fcntl
import json
import os
import re
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from contract_tests import live as live_options
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
# Live mode as a user gets it by default: its default task budget (the hand-made clauses need most of it),
# not runner.LIVE_ARGS' 3. The script the gray clauses fail on purpose comes with each served variant
# (``--sandbox-failing-script``, runner.serve): live mode keeps it as a sandbox id of its own.
LIVE_OPTIONS = (
    *(arg for arg in LIVE_ARGS if not arg.startswith("--max-tasks=")),
    f"--max-tasks={live_options.DEFAULT_MAX_TASKS}",
)
ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "kill-table.md"
VERDICTS = ROOT / "build" / "kill-table-verdicts.json"  # build/ is not committed
CONFORMING = (REFERENCE, INDEPENDENT)
# Plain st on the operations a variant's defect is in (over all twelve, one run of it takes minutes on
# this shared machine): the original operation for the older mutants, all twelve for the conforming
# servers (its false positives there are the baseline), and for each Script API mutant these.
LISTS = ("ListScripts", "ListScriptTasks", "ListScriptRecords")
READS = (*LISTS, "ShowScriptDetail", "ShowScriptRecordDetail")
EXECUTED = ("ExecuteScriptOrCommand", "ListScriptRecords")
PLAIN_OPERATIONS = {
    "list_limit_unchecked": LISTS,
    "list_offset_ignored": LISTS,
    "script_filters_ignored": ("ListScripts",),
    "records_of_other_tasks": EXECUTED,
    "record_desktop_filter_ignored": EXECUTED,
    "task_id_filter_ignored": ("ExecuteScriptOrCommand", "ListScriptTasks"),
    "show_history_rule_ignored": ("ListScriptRecords",),
    "count_is_page_size": LISTS,
    "update_not_persisted": ("CreateScript", "UpdateScript", "ShowScriptDetail"),
    "delete_leaves_script": ("CreateScript", "DeleteScript", "ShowScriptDetail"),
    "body_on_204": ("CreateScript", "UpdateScript", "DeleteScript"),
    "stop_stops_nothing": (*EXECUTED, "StopScriptExecution"),
    "gray_record_marked_2": EXECUTED,
    "rest_run_despite_gray_failure": EXECUTED,
    "record_detail_without_output": (*EXECUTED, "ShowScriptRecordDetail"),
    "retry_answers_old_task": ("ExecuteScriptOrCommand", "RetryScriptExecution"),
    "allow_always_post": FUZZED_OPERATIONS,
    "reads_without_credential": READS,
    "content_limit_unchecked": ("CreateScript", "UpdateScript"),
    "script_type_unchecked": ("CreateScript",),
    "script_name_not_required": ("CreateScript",),
    "stop_retry_both_ids_accepted": ("StopScriptExecution", "RetryScriptExecution"),
    "tag_command_and_scripts_accepted": ("ExecuteScriptByDesktopTag",),
}


def _plain_operations(variant: str) -> tuple[str, ...]:
    if variant in PLAIN_OPERATIONS:
        return PLAIN_OPERATIONS[variant]
    return ("ExecuteScriptOrCommand",) if _suite(variant) == "execution" else FUZZED_OPERATIONS


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
    "script_name_not_required": "live mode creates only scripts named `contract-probe-...`: it never sends "
    "a CreateScript without a name, which a server like this one would accept and keep",
    "tag_command_and_scripts_accepted": "these runs name no sandbox desktop tag, and without one live mode "
    "sends no execution by desktop tag",
}


COLUMNS_RUN = ("ours", "live", "plain")  # what a run can measure; --columns picks some


@dataclass(frozen=True)
class Verdict:
    """One column's verdict on one variant."""

    killed: bool  # ours and live: the suite failed (exit status 1 in live mode); plain: a non-zero exit
    failure: str = ""  # our suite's first failing test; for plain st, the failure kinds it reported
    kinds: tuple[str, ...] = ()  # plain st's failure kinds ("ST202 Schema-valid request rejected")


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


def _ours(variant: str, *, live: bool) -> Verdict:
    # Variants of the reference are held to every clause; the independent one knows only the page.
    # Live mode likewise (--strict): without it, live mode reports assumption and SDK findings in their
    # own section instead of failing the run, and the columns would not compare like for like.
    outcome = forked_runs.run_suite(
        variant,
        auth=_auth(variant),
        max_examples=MAX_EXAMPLES,
        time_budget=TIME_BUDGET,
        stop_early=True,
        strict=variant != INDEPENDENT,
        suite=_suite(variant),
        extra_args=(*LIVE_OPTIONS, *SETTLE) if live else SETTLE,
        inventory=live,
    )
    killed = outcome.returncode == 1 if live else outcome.returncode != 0
    return Verdict(killed, _first_failure(outcome.returncode, outcome.stdout))


def _plain(variant: str) -> Verdict | None:
    if _auth(variant) != "token":  # plain st cannot sign AK/SK requests
        return None
    operations = _plain_operations(variant)
    with serve(variant) as running:
        result = run_plain_schemathesis(running, max_examples=MAX_EXAMPLES, seed=SEED, operations=operations)
    kinds = tuple(sorted(set(re.findall(r"^- (ST\d+ .+)$", result.stdout, re.MULTILINE))))
    return Verdict(result.returncode != 0, ", ".join(kinds), kinds)


def judge(variant: str, columns: Sequence[str]) -> dict[str, Verdict | None]:
    """``variant``'s verdict in each of ``columns``, printed as soon as it is known."""
    started = time.monotonic()
    verdicts: dict[str, Verdict | None] = {}
    for column in columns:
        verdicts[column] = _plain(variant) if column == "plain" else _ours(variant, live=column == "live")
    shown = {column: ("n/a" if v is None else "yes" if v.killed else "no") for column, v in verdicts.items()}
    print(f"{variant}: {shown} ({time.monotonic() - started:.0f} s)", flush=True)
    return verdicts


@dataclass(frozen=True)
class Figures:
    mutants: int
    ours: int  # killed by our suite in full mode
    live: int  # killed in live mode
    live_of_ours: int  # killed in both modes
    plain: int  # killed by plain st run
    runs: tuple[str, ...]  # how long each run that measured the page's columns took, and at what load
    plain_not_run: int = 0  # mutants plain st was not run on (a run cut short)


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
    plain_note = ""
    if figures.plain_not_run:
        plain_note = f" (a lower bound: {figures.plain_not_run} not run, counted as not killed)"
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
        "ones and the conforming servers (over all twelve, one run takes it a minute or more here). Our",
        "suite's runs are forks of one warm process (`tests/contract/forked_runs.py`), two at a time. What",
        "the figures mean: [Benchmarks](benchmarks.md#kill-table).",
        "",
        "Live mode runs with its default task budget",
        f"(`--max-tasks={live_options.DEFAULT_MAX_TASKS}`), two sandbox desktops and two sandbox scripts",
        "(one passes, one fails on purpose, for the gray clauses), against a server whose inventory knows",
        "only the",
        "sandbox, decoy and example ids, as a real project would, and `--strict` like full mode, so both",
        "columns are held to the same sources. It runs unpaced (`--rate=0`) against loopback: the pace",
        "decides how long a run takes, not what it sends, so it changes no verdict except for the",
        "concurrency defects (a paced run sends nothing at once either).",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| mutants | {figures.mutants} |",
        f"| killed by our suite | {figures.ours} of {figures.mutants} |",
        f"| killed in live mode | {figures.live} of {figures.mutants} |",
        f"| of full mode's kills, live mode's | {figures.live_of_ours} of {figures.ours} ({share:.1f}%) |",
        f"| killed by plain st run | {figures.plain} of {figures.mutants}{plain_note} |",
        f"| `make mutants` run time (2 cores, shared) | {'; '.join(figures.runs)} |",
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


def _verdict(saved: dict[str, Any] | None) -> Verdict | None:
    return None if saved is None else Verdict(saved["killed"], saved["failure"], tuple(saved["kinds"]))


def _load(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {"verdicts": {}, "runs": {}}
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _save(path: Path, verdicts: dict[str, dict[str, Verdict | None]], runs: dict[str, list[str]]) -> None:
    plain = {v: {c: None if x is None else asdict(x) for c, x in by.items()} for v, by in verdicts.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"verdicts": plain, "runs": runs}, indent=1), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "only", nargs="*", help="judge only these variants (the others' verdicts: --verdicts)"
    )
    parser.add_argument(
        "--columns",
        default=",".join(COLUMNS_RUN),
        help="which columns to measure (ours,live,plain); the others come from --verdicts",
    )
    parser.add_argument(
        "--verdicts",
        type=Path,
        default=VERDICTS,
        help=f"every verdict of the runs so far, per column (default {VERDICTS.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    columns = [column for column in args.columns.split(",") if column]
    if not set(columns) <= set(COLUMNS_RUN):
        parser.error(f"--columns: choose among {', '.join(COLUMNS_RUN)}")
    everything = [*CONFORMING, *(mutant.name for mutant in MUTANTS)]
    unknown = set(args.only) - set(everything)
    if unknown:
        parser.error(f"no such variant: {', '.join(sorted(unknown))}")
    variants = [variant for variant in everything if not args.only or variant in args.only]
    started, load_at_start = time.monotonic(), os.getloadavg()[0]
    clock = time.strftime("%H:%M UTC", time.gmtime())
    # The conforming servers first (plain st's baseline), then the mutants of the original operation (one
    # operation under plain st: the quickest), then the Script API ones.
    order = sorted(variants, key=lambda variant: (variant not in CONFORMING, _suite(variant) != "execution"))
    # Each verdict is kept as soon as it is known (a run cut short keeps what it measured); runs of
    # different columns may go on at once: each merges into the file under a lock.
    args.verdicts.parent.mkdir(parents=True, exist_ok=True)

    def judged(variant: str) -> dict[str, Verdict | None]:
        verdicts = judge(variant, columns)
        with _locked(args.verdicts):
            _merge(args.verdicts, {variant: verdicts})
        return verdicts

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(judged, order))
    minutes = (time.monotonic() - started) / 60
    run = f"{len(variants)} variants in {minutes:.0f} minutes from {clock}, load average "
    run += f"{load_at_start:.1f} at its start and {os.getloadavg()[0]:.1f} at its end"
    print(f"this run ({', '.join(columns)}): {run}", flush=True)
    with _locked(args.verdicts):
        saved = _load(args.verdicts)
        runs: dict[str, list[str]] = saved["runs"]
        for column in columns:
            runs[column] = [run] if len(variants) == len(everything) else [*runs.get(column, []), run]
        results = {v: {c: _verdict(x) for c, x in by.items()} for v, by in saved["verdicts"].items()}
        _save(args.verdicts, results, runs)
    missing = [f"{v} ({c})" for v in everything for c in ("ours", "live") if c not in results.get(v, {})]
    if missing:
        print(f"page not written: no verdict yet for {', '.join(missing[:3])} and {len(missing) - 3} more")
        return
    write_page(everything, results, {column: "; ".join(runs.get(column, [])) for column in COLUMNS_RUN})


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _merge(path: Path, measured: dict[str, dict[str, Verdict | None]]) -> None:
    saved = _load(path)
    results = {v: {c: _verdict(x) for c, x in by.items()} for v, by in saved["verdicts"].items()}
    for variant, verdicts in measured.items():
        results.setdefault(variant, {}).update(verdicts)
    _save(path, results, saved["runs"])


NOT_RUN = "not run"  # plain st's cell for a variant a cut-short run did not reach


def write_page(
    variants: Sequence[str], results: dict[str, dict[str, Verdict | None]], runs: dict[str, str]
) -> None:
    """The page from the kept verdicts: ours and live for every variant; plain st where measured (a
    mutant it was not run on counts as not killed, and the figure says how many)."""
    clauses = {mutant.name: mutant.clause for mutant in MUTANTS} | dict.fromkeys(
        CONFORMING, "(conforming: must survive)"
    )
    # Plain st fails conforming servers too (it cannot know the cross-field rule), so a mutant counts as
    # killed by it only when it reports a kind of failure it does not also report on conforming servers.
    # Without both conforming servers' runs there is no baseline, and no plain st verdict.
    plain_measured = all("plain" in results[variant] for variant in CONFORMING)
    baseline = {
        kind for variant in CONFORMING for kind in (results[variant].get("plain") or Verdict(False)).kinds
    }

    def measured(variant: str, column: str) -> bool:
        return column in results[variant] and (column != "plain" or plain_measured)

    def killed(variant: str, column: str) -> bool:
        verdict = results[variant].get(column) if measured(variant, column) else None
        if verdict is None:
            return False
        if column == "plain" and variant not in CONFORMING:
            return bool(set(verdict.kinds) - baseline)
        return verdict.killed

    yes = {True: "yes", False: "no"}
    rows: list[Row] = []
    for variant in variants:
        ours, live = results[variant]["ours"], results[variant]["live"]
        assert ours is not None and live is not None
        plain = NOT_RUN if not measured(variant, "plain") else yes[killed(variant, "plain")]
        plain = "n/a" if _auth(variant) != "token" else plain
        rows.append(
            (variant, clauses[variant], yes[ours.killed], yes[live.killed], plain, ours.failure, live.failure)
        )
    names = [name for name in variants if name not in CONFORMING]
    both = [name for name in names if killed(name, "ours") and killed(name, "live")]
    missed = [name for name in names if killed(name, "ours") and not killed(name, "live")]
    described = []
    for column in COLUMNS_RUN:
        done = sum(measured(variant, column) for variant in variants)
        reached = f"{done} of {len(variants)} variants measured" if done < len(variants) else ""
        described.append(
            f"{column} column: {runs.get(column) or 'a run cut short'}" + (f" ({reached})" if reached else "")
        )
    not_run = sum(row[4] == NOT_RUN for row in rows[2:])
    figures = Figures(
        len(names),
        sum(killed(name, "ours") for name in names),
        sum(killed(name, "live") for name in names),
        len(both),
        sum(killed(name, "plain") for name in names),
        tuple(described),
        not_run,
    )
    print(
        f"killed: ours {figures.ours}/{len(names)}, live {figures.live}/{len(names)} ({len(both)} of ours), "
        f"plain st {figures.plain}/{len(names)} ({not_run} not run); plain st on conforming servers: "
        f"{sorted(baseline)}"
    )
    for variant in CONFORMING:
        print(f"false positive on {variant}: {[c for c in COLUMNS_RUN if killed(variant, c)] or 'none'}")
    print(f"live mode's misses: {', '.join(missed) or 'none'}")
    PAGE.write_text(page(rows, figures, sorted(baseline), missed), encoding="utf-8")
    print(f"written to {PAGE}")


if __name__ == "__main__":
    main()
