"""The suite's report, as a pytest plugin (``conftest.pytest_plugins``).

- **No secret in any output.** Every report pytest builds (terminal, ``-l`` locals, JUnit, captured output),
  the session header and every log record pass through a redactor that knows the run's credentials.
- **Clause first.** A contract failure starts with ``[source] clause``, then the request as curl and the
  answer; no test source unless ``--tb``/``-l`` asks for it. Other failures use the short traceback style.
- **Sources decide what fails.** Page and HTTP clauses always fail the run; assumptions fail it except in
  live mode, SDK-only clauses only against the bundled server; pytest's own ``--strict`` makes every one
  fail. A failure that does not fail the run is reported as **xfailed** (``x``; ``<skipped
  type="pytest.xfail">`` in JUnit) with the clause as its reason, and listed in its own section.
- **One defect, one finding.** The terminal summary groups what the run found by broken clause: how many
  tests and requests showed it and the shortest curl line that reproduces it.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import pytest
from _pytest._code.code import TerminalRepr  # the base pytest renders and pytest-xdist serializes
from _pytest._io import TerminalWriter
from _pytest.junitxml import xml_key  # where JUnit's testsuite properties go
from schemathesis.core.failures import FailureGroup

from contract_tests import report, settings, sources, target, unchecked
from contract_tests.findings import Findings
from contract_tests.redaction import Redactor
from contract_tests.report import ContractFailure

SECRET_OPTIONS = ("token", "ak", "sk", "security_token")
USER_TBSTYLE = pytest.StashKey[str]()
FILTERED_REPR = pytest.StashKey[Any]()  # the last report's filtered text, for pytest_exception_interact


def _secrets(config: pytest.Config) -> list[tuple[str, str | None]]:
    """Every credential of the run, with where it came from (for the too-short warning)."""
    found = []
    for name in SECRET_OPTIONS:
        found.append((f"--{name.replace('_', '-')}", config.getoption(name, None)))
        found.append((target.ENV[name], os.environ.get(target.ENV[name])))
    if settings.CURRENT is not None:  # the bundled server's fresh credentials, too
        for name in SECRET_OPTIONS:
            found.append((f"the bundled server's {name}", getattr(settings.CURRENT.target, name, None)))
    return found


def redactor(config: pytest.Config) -> Redactor:
    return Redactor(dict(_secrets(config)))


class _RedactLogs(logging.Filter):
    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__()
        self._redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        filtered = self._redact(message)
        if filtered != message:
            record.msg, record.args = filtered, ()
        return True


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    if settings.CURRENT is not None:
        strict = bool(config.getini("strict"))
        settings.CURRENT = dataclasses.replace(settings.CURRENT, strict=strict)
    config.stash[USER_TBSTYLE] = config.option.tbstyle
    if config.option.tbstyle == "auto":
        config.option.tbstyle = "short"
    FOUND.groups.clear()
    TALLY.clear()
    _first_shown.clear()
    config.pluginmanager.register(_WholeSummaryLines(), "contract-whole-summary-lines")
    logging_plugin = config.pluginmanager.get_plugin("logging-plugin")
    log_filter = _RedactLogs(redactor(config))
    for name in ("caplog_handler", "report_handler", "log_file_handler", "log_cli_handler"):
        handler = getattr(logging_plugin, name, None)
        if isinstance(handler, logging.Handler):
            handler.addFilter(log_filter)


@pytest.hookimpl(wrapper=True)
def pytest_report_header(config: pytest.Config) -> Generator[None, list[Any], list[Any]]:
    redact = redactor(config)
    lines = yield
    if settings.CURRENT is not None:
        fatal = [source for source in sources.SOURCES if settings.is_fatal(source)]
        lines.insert(0, f"contract: failures that fail this run: {', '.join(fatal)} (pytest --strict: all)")
        lines += [f"contract: WARNING: {warning}" for warning in redact.warnings()]
    return [[redact(line) for line in item] if isinstance(item, list) else redact(item) for item in lines]


@dataclass
class Crash:
    """What pytest's short summary and JUnit read from a failure: its one-line message."""

    path: str
    lineno: int
    message: str


@dataclass(eq=False)
class FilteredRepr(TerminalRepr):
    """A failure's text once secrets are filtered; under pytest-xdist it travels as ``str(self)``."""

    text: str
    reprcrash: Crash

    def toterminal(self, tw: TerminalWriter) -> None:
        for line in self.text.splitlines():
            tw.line(line)


# Where each clause was first shown in full (per process): later failures of it are shown briefly.
_first_shown: dict[tuple[str, str], str] = {}


def _clause_first(error: BaseException, nodeid: str) -> str:
    """A contract failure as the user needs it: clauses, the request, the answer; no test source."""
    if isinstance(error, ContractFailure):
        first = _first_shown.setdefault((error.source, error.clause), nodeid)
        text = error.brief(first) if first != nodeid and error.answer else error.text()
    elif isinstance(error, FailureGroup):
        text = error.message  # Schemathesis' report, headed by the clauses (``report.with_clauses``)
    elif isinstance(error, BaseExceptionGroup):
        text = "\n\n".join(_clause_first(inner, nodeid) for inner in error.exceptions)
    else:
        text = str(error)
    notes = [note for note in getattr(error, "__notes__", []) if isinstance(note, str)]
    return "\n".join([text, *notes])


def _filtered(
    rep: pytest.TestReport,
    error: BaseException | None,
    failures: list[ContractFailure],
    redact: Redactor,
    *,
    traceback_asked: bool,
) -> Any:
    longrepr = rep.longrepr
    if isinstance(longrepr, tuple):  # a skip: (path, line, reason)
        path, lineno, reason = longrepr
        return (path, lineno, redact(reason))
    if failures and error is not None and not traceback_asked:
        text = _clause_first(error, rep.nodeid)
    else:
        text = str(longrepr)
        if failures:
            text = (
                "\n".join(f"Contract clause broken {failure.headline}" for failure in failures)
                + "\n\n"
                + text
            )
    crash = getattr(longrepr, "reprcrash", None)
    path, lineno = (str(crash.path), crash.lineno) if crash is not None else (rep.location[0], 0)
    if failures:
        message = "; ".join(dict.fromkeys(failure.headline for failure in failures))
    else:
        message = crash.message if crash is not None else text.strip().partition("\n")[0]
    return FilteredRepr(redact(text), Crash(path, lineno, redact(message)))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    rep = yield
    redact = redactor(item.config)
    findings = report.take_findings()
    error = call.excinfo.value if call.excinfo is not None else None
    failures = list(report.failures_in(error)) if rep.failed and error is not None else []
    recorded = {(found["source"], found["clause"]) for found in findings}
    findings += [  # a check that raised without going through report.expect
        {"clause": failure.clause, "source": failure.source, "curl": failure.curl}
        for failure in failures
        if failure.curl and (failure.source, failure.clause) not in recorded
    ]
    if findings:
        rep.contract_findings = [  # type: ignore[attr-defined]
            {key: redact(value) for key, value in found.items()} for found in findings
        ]
    partly = unchecked.take_partly()
    if partly:
        rep.contract_partly = [redact(judged) for judged in partly]  # type: ignore[attr-defined]
    if failures:
        rep.contract_clauses = sorted({(failure.source, failure.clause) for failure in failures})  # type: ignore[attr-defined]
    if rep.longrepr is not None:
        # The user asks for pytest's traceback with --tb=... or -l; by default the clause comes alone.
        asked = item.config.stash.get(USER_TBSTYLE, "auto") != "auto" or item.config.option.showlocals
        rep.longrepr = item.stash[FILTERED_REPR] = _filtered(
            rep, error, failures, redact, traceback_asked=asked
        )
    rep.sections = [(title, redact(content)) for title, content in rep.sections]
    fatal = any(settings.is_fatal(failure.source) for failure in failures)
    if failures and call.when == "call" and not fatal:
        rep.outcome = "skipped"
        rep.wasxfail = redact(  # type: ignore[attr-defined]
            "not fatal in this run: " + "; ".join(failure.headline for failure in failures)
        )
    return rep


@pytest.hookimpl(trylast=True)
def pytest_exception_interact(node: pytest.Item, report: pytest.TestReport) -> None:
    # Schemathesis rewrites a failed fuzz test's report here, after ours was made: filter it again.
    ours = node.stash.get(FILTERED_REPR, None)
    if ours is None or report.longrepr is ours or not isinstance(report, pytest.TestReport):
        return
    if node.config.stash.get(USER_TBSTYLE, "auto") != "auto" or node.config.option.showlocals:
        report.longrepr = FilteredRepr(redactor(node.config)(str(report.longrepr)), ours.reprcrash)
    else:
        report.longrepr = ours


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, pytest.CollectReport, Any]:
    rep = yield
    if rep.longrepr is not None and not isinstance(rep.longrepr, tuple):
        rep.longrepr = redactor(collector.config)(str(rep.longrepr))
    return rep


FOUND = Findings()  # of this run, in the process that gathers the reports
TALLY = unchecked.Tally()  # what this run could not check, in the same process


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Called where reports are gathered: in-process, or on the pytest-xdist controller, where a
    # worker's filtered text arrives as a plain string: its first line is the failure's one-line message.
    if isinstance(report.longrepr, str) and report.failed:
        text = report.longrepr
        clauses = getattr(report, "contract_clauses", [])
        message = "; ".join(f"[{source}] {clause}" for source, clause in clauses)
        crash = Crash(report.location[0], report.location[1] or 0, message or text.partition("\n")[0])
        report.longrepr = FilteredRepr(text, crash)
    FOUND.add(report)
    TALLY.add(report)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Incomplete is not green: a run its limits left unchecked exits ``unchecked.INCOMPLETE`` unless
    accepted, and JUnit carries the same verdict (before the JUnit plugin writes its file)."""
    if hasattr(session.config, "workerinput") or not TALLY.not_checked:
        return
    xml = session.config.stash.get(xml_key, None)
    if xml is not None:
        xml.add_global_property("contract_incomplete", TALLY.headline())
        for nodeid, reason in sorted(TALLY.not_checked.items()):
            xml.add_global_property("contract_not_checked", f"{nodeid}: {reason}")
    accepted = session.config.getoption("accept_incomplete", False)
    if session.exitstatus == pytest.ExitCode.OK and not accepted:
        session.exitstatus = unchecked.INCOMPLETE


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> Generator[None, None, None]:
    # Outside pytest's own summary: the headline per clause comes first, the details (FAILURES) after.
    FOUND.write(terminalreporter, redactor(config))
    redact = redactor(config)
    for line in TALLY.lines():
        terminalreporter.write_line(redact(line))
    if TALLY.not_checked:
        accepted = config.getoption("accept_incomplete", False)
        terminalreporter.write_line(
            f"contract: incomplete run accepted ({unchecked.ACCEPT_OPTION})"
            if accepted
            else f"contract: exit status {unchecked.INCOMPLETE} (incomplete) unless a test failed; "
            f"{unchecked.ACCEPT_OPTION} accepts an incomplete run"
        )
    verbose = config.option.verbose
    try:
        return (yield)
    finally:
        config.option.verbose = verbose


class _WholeSummaryLines:
    """Runs inside pytest's summary, just before its short summary: as with ``-vv``, each line keeps
    its whole one-line message (the clause) instead of being cut to the terminal's width."""

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, config: pytest.Config) -> None:
        if FOUND.groups:
            config.option.verbose = max(config.option.verbose, 2)
