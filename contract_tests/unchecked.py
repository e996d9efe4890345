"""What a run could not check, and why: a run that left clauses unchecked is *incomplete*, not green.

A clause held back by the run's own limits (the task budget, the request cap, repeated 429s, missing
sandbox ids, the time budget running out before fuzzing sent anything) raises ``NotChecked``, a skip the
report counts. Unless the user accepts it (``--accept-incomplete``), such a run exits with
``INCOMPLETE`` (6), next to pytest's own statuses (0 passed, 1 failed, ... 5 nothing collected); a
failure (1) outranks it. Skips that name something no option of this run can change (an AK/SK clause in
a token run) are plain skips: they say what would run them, and do not make the run incomplete.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest

INCOMPLETE = 6
ACCEPT_OPTION = "--accept-incomplete"
PREFIX = "not checked: "


class NotChecked(pytest.skip.Exception):  # type: ignore[name-defined,misc]
    """A skip caused by the run's limits: the clause was not judged."""


def skip(reason: str) -> None:
    """Stop the current test as not checked, saying why (and what would check it)."""
    raise NotChecked(PREFIX + reason)


_partly: list[str] = []


def partly(judged: str) -> None:
    """The current test judged only part of its clause: ``judged`` says which part, and why not the rest.
    Listed in the summary; not incomplete (no option of the run would judge the rest)."""
    _partly.append(judged)


def take_partly() -> list[str]:
    taken = list(_partly)
    _partly.clear()
    return taken


def reason_of(report: pytest.TestReport) -> str | None:
    """Why ``report``'s test was not (fully) checked by this run's limits, or None."""
    partial = getattr(report, "contract_not_checked", None)
    if partial:
        return str(partial)
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2])
        if PREFIX in reason:
            return reason.partition(PREFIX)[2]
    return None


@dataclass
class Tally:
    """Which tests of the run were not checked, and why (gathered where the reports arrive)."""

    tests: set[str] = field(default_factory=set)
    not_checked: dict[str, str] = field(default_factory=dict)
    partly: dict[str, str] = field(default_factory=dict)

    def clear(self) -> None:
        self.tests.clear()
        self.not_checked.clear()
        self.partly.clear()

    def add(self, report: pytest.TestReport) -> None:
        if report.when == "call" or report.skipped:
            self.tests.add(report.nodeid)
        for judged in getattr(report, "contract_partly", []):
            self.partly[report.nodeid] = judged
        reason = reason_of(report)
        if reason is not None:
            self.not_checked.setdefault(report.nodeid, reason)

    def headline(self) -> str:
        return f"{len(self.not_checked)} of {len(self.tests)} tests not checked (or only in part)"

    def lines(self) -> list[str]:
        """The summary: how many, and each reason with how many tests it held back."""
        lines = [
            f"contract: {nodeid} judged part of its clause: {judged}"
            for nodeid, judged in self.partly.items()
        ]
        if not self.not_checked:
            return lines
        reasons = Counter(self.not_checked.values())
        return [
            *lines,
            f"contract: INCOMPLETE: {self.headline()}, because:",
            *(f"  {count} x {reason}" for reason, count in reasons.most_common()),
        ]
