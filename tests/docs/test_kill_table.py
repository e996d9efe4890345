"""docs/kill-table.md is written by ``make mutants`` (tests/contract/mutation_table.py): this checks it is a
table of the mutants there are, that its figures add up, that every mutant full mode kills and live mode
misses has a reason, and that the figures other pages quote are the page's."""

from __future__ import annotations

import re

from tests.contract.mutants import MUTANTS
from tests.contract.mutation_table import COLUMNS, NOT_RUN
from tests.contract.runner import INDEPENDENT, REFERENCE
from tests.docs.tables import DOCS, table_after

PAGE = "kill-table.md"


def figures() -> dict[str, str]:
    return dict(table_after(PAGE, ["figure", "value"]))


def rows() -> list[list[str]]:
    return table_after(PAGE, list(COLUMNS))


def of(value: str) -> tuple[int, int]:
    """ "44 of 49 (89.8%)" -> (44, 49)."""
    match = re.match(r"(\d+) of (\d+)", value)
    assert match, value
    return int(match.group(1)), int(match.group(2))


def squeezed(page: str) -> str:
    return " ".join((DOCS / page).read_text(encoding="utf-8").split())


def test_the_page_is_a_table_of_the_mutants_there_are() -> None:
    table = rows()
    assert [row[0] for row in table] == [REFERENCE, INDEPENDENT, *(mutant.name for mutant in MUTANTS)], (
        "the mutants changed since docs/kill-table.md was written: run make mutants"
    )
    assert [row[1] for row in table[2:]] == [mutant.clause for mutant in MUTANTS]
    signing = {mutant.name for mutant in MUTANTS if mutant.auth != "token"}
    assert {row[0] for row in table if row[4] == "n/a"} == signing  # plain st cannot sign
    for row in table:
        assert {row[2], row[3]} <= {"yes", "no"} and row[4] in ("yes", "no", "n/a", NOT_RUN), row
        # A kill names its first failing test (a live run that ends incomplete, exit 6, is no kill).
        assert (row[2] == "yes") == bool(row[5]) and (row[3] == "no" or bool(row[6])), row


def test_the_conforming_servers_survive_every_column() -> None:
    for row in rows()[:2]:
        assert row[2] == row[3] == "no", f"a false positive of our suite on {row[0]}: {row}"


def test_the_figures_add_up() -> None:
    table, shown = rows()[2:], figures()
    assert int(shown["mutants"]) == len(MUTANTS)
    assert of(shown["killed by our suite"]) == (sum(row[2] == "yes" for row in table), len(MUTANTS))
    assert of(shown["killed in live mode"]) == (sum(row[3] == "yes" for row in table), len(MUTANTS))
    assert of(shown["killed by plain st run"]) == (sum(row[4] == "yes" for row in table), len(MUTANTS))
    both = sum(row[2] == "yes" and row[3] == "yes" for row in table)
    assert of(shown["of full mode's kills, live mode's"]) == (both, of(shown["killed by our suite"])[0])


def test_every_live_miss_is_explained() -> None:
    text = (DOCS / PAGE).read_text(encoding="utf-8").split("## What live mode misses", 1)[1]
    missed = [row[0] for row in rows()[2:] if row[2] == "yes" and row[3] == "no"]
    for name in missed:
        assert f"- `{name}`: " in text, f"{name}: full mode kills it, live mode does not, and no reason"


def test_the_pages_quote_the_kill_table() -> None:
    shown = figures()
    ours, mutants = of(shown["killed by our suite"])
    plain, _ = of(shown["killed by plain st run"])
    both, _ = of(shown["of full mode's kills, live mode's"])
    share = re.search(r"\((\d+\.\d)%\)", shown["of full mode's kills, live mode's"])
    assert share
    signing = sum(mutant.auth != "token" for mutant in MUTANTS)
    benchmarks = squeezed("benchmarks.md")
    assert f"serves {mutants} broken variants" in benchmarks
    assert f"the {signing} signing defects" in benchmarks
    assert f"our suite kills {ours} of {mutants}, plain st {plain} of {mutants}" in benchmarks
    assert f"live mode {both} of the {ours} full mode kills ({share.group(1)}%)" in benchmarks
    live_mode = squeezed("live-mode.md")
    assert f"live mode kills {both} of the {ours} mutants full mode kills ({share.group(1)}%)" in live_mode
    readme = squeezed("../README.md")
    assert f"ours {ours} of {mutants}, live mode {both} of {ours}, plain st {plain} of {mutants}" in readme
