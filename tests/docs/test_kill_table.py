"""The kill table's figures on docs/benchmarks.md and docs/live-mode.md that the code can tell: how many
mutants and signing defects ``tests/contract/mutants.py`` holds, and that our suite kills all of them
(tests/contract/test_mutants.py asserts each dies in every ``make test``)."""

from __future__ import annotations

import re

from tests.contract.mutants import MUTANTS
from tests.docs.tables import DOCS


def page_text(name: str) -> str:
    return " ".join((DOCS / name).read_text(encoding="utf-8").split())


def test_benchmarks_counts_the_mutants_there_are() -> None:
    mutants = len(MUTANTS)
    signing = sum(mutant.auth != "token" for mutant in MUTANTS)
    text = page_text("benchmarks.md")
    assert f"serves {mutants} broken variants" in text
    assert f"the {signing} signing defects" in text
    assert f"the {mutants} mutants and the 4 conforming runs" in text
    quoted = re.search(r"our suite kills (\d+) of (\d+), plain st (\d+) of (\d+)", text)
    assert quoted, "benchmarks.md no longer says what our suite and plain st kill"
    ours, of_ours, plain, of_plain = map(int, quoted.groups())
    assert ours == of_ours == of_plain == mutants  # every mutant dies: tests/contract/test_mutants.py
    assert 0 <= plain <= mutants - signing  # plain st cannot sign for the signing defects


def test_live_mode_counts_the_mutants_there_are() -> None:
    quoted = re.search(
        r"live mode kill(?:s|ed) (\d+) of the (\d+) mutants full mode kills \((\d+\.\d)%\)",
        page_text("live-mode.md"),
    )
    assert quoted, "live-mode.md no longer says what live mode kills"
    live, full, share = int(quoted.group(1)), int(quoted.group(2)), float(quoted.group(3))
    assert full == len(MUTANTS) and live <= full
    assert share == round(100 * live / full, 1)
