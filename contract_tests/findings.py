"""What a run found, grouped by broken clause: one defect is one finding, however many tests saw it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from contract_tests import settings, sources

SECTIONS = [
    ((sources.PAGE, sources.HTTP), "broken clauses of the page and of HTTP"),
    ((sources.ASSUMPTION,), "assumptions of our contract (not on the page)"),
    ((sources.SDK,), "SDK-only fields and rules (not on the page)"),
]


@dataclass
class Group:
    """What the run saw of one broken clause."""

    tests: set[str] = field(default_factory=set)
    curls: set[str] = field(default_factory=set)

    def smallest_curl(self) -> str:
        return min(self.curls, key=len) if self.curls else "(no single request: see the test's report)"


@dataclass
class Findings:
    """Broken clauses by (source, clause), from reports' ``contract_findings`` and ``contract_clauses``."""

    groups: dict[tuple[str, str], Group] = field(default_factory=lambda: defaultdict(Group))

    def add(self, rep: pytest.TestReport) -> None:
        for found in getattr(rep, "contract_findings", []):
            group = self.groups[(found["source"], found["clause"])]
            group.tests.add(rep.nodeid)
            if found["curl"]:
                group.curls.add(found["curl"])
        for source, clause in getattr(rep, "contract_clauses", []):
            self.groups[(source, clause)].tests.add(rep.nodeid)

    def write(self, terminalreporter: pytest.TerminalReporter, redact: Callable[[str], str]) -> None:
        """One headline per broken clause, in a section per kind of source, saying if they fail the run."""
        for kinds, title in SECTIONS:
            found = sorted(
                ((key, group) for key, group in self.groups.items() if key[0] in kinds), key=lambda kv: kv[0]
            )
            if not found:
                continue
            fatal = settings.is_fatal(kinds[0])
            verdict = "fail this run" if fatal else "do NOT fail this run (--strict makes them fail)"
            terminalreporter.section(f"contract: {title}: {len(found)} clause(s); they {verdict}", sep="=")
            for (source, clause), group in found:
                requests = f", {len(group.curls)} request(s)" if group.curls else ""
                terminalreporter.write_line(f"[{source}] {clause}")
                shown = f"    seen in {len(group.tests)} test(s){requests}; reproduce with:"
                terminalreporter.write_line(shown)
                terminalreporter.write_line(f"    {redact(group.smallest_curl())}")
