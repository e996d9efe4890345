"""Command-line options and the shared target of the contract suite."""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator

import pytest

from contract_tests import guard, live, operations, preflight, settings, spec, target, tasks, unchecked
from contract_tests.budget import Budget

pytest_plugins = [
    "contract_tests.reporting",  # the report: clause-first failures, no secret in any output
    "contract_tests.fixtures",
    "contract_tests.item_names",  # each fuzzing item's node id and JUnit name name its operation
]

DEFAULT_SEED = 20250714
DEFAULT_MAX_EXAMPLES = 300
DEFAULT_TIME_BUDGET = 20.0


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "contract suite: which server to fuzz, how hard")
    group.addoption("--base-url", help=f"server to test (env {target.ENV['base_url']}); default: bundled")
    group.addoption("--project-id", help=f"project id (env {target.ENV['project_id']})")
    group.addoption("--token", help=f"IAM token sent as X-Auth-Token (env {target.ENV['token']})")
    group.addoption("--ak", help=f"access key for AK/SK signing (env {target.ENV['ak']})")
    group.addoption("--sk", help=f"secret key for AK/SK signing (env {target.ENV['sk']})")
    group.addoption(
        "--security-token",
        help=f"security token of temporary AK/SK credentials (env {target.ENV['security_token']})",
    )
    group.addoption(
        "--bundled-auth",
        choices=("token", "aksk"),
        default="token",
        help="credential kind used on the bundled server",
    )
    group.addoption(
        "--contract-seed", type=int, default=DEFAULT_SEED, help="seed of the fuzzer (replay a run)"
    )
    group.addoption(
        "--no-replay",
        action="store_true",
        help="do not try failing examples saved by earlier runs in .hypothesis/ first: "
        "the same seed then always sends the same requests",
    )
    group.addoption(
        "--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES, help="generated requests per fuzzing phase"
    )
    group.addoption(
        "--time-budget",
        type=float,
        default=DEFAULT_TIME_BUDGET,
        help="seconds of fuzzing before no new request is sent",
    )
    add_live_options(parser)


def add_live_options(parser: pytest.Parser) -> None:
    group = parser.getgroup(
        "contract-live", "live mode: testing a real service without acting on real desktops"
    )
    group.addoption("--live", action="store_true", help="live mode (default for a non-loopback --base-url)")
    group.addoption(
        live.UNRESTRICTED,
        action="store_true",
        dest="unrestricted",
        help="full, unrestricted fuzzing against a non-loopback --base-url: requests may run scripts on any "
        "desktop their ids name",
    )
    group.addoption(
        "--sandbox-desktop",
        action="append",
        help=f"a desktop live mode may act on (repeatable; env {live.ENV_DESKTOPS}, comma-separated; "
        "turns live mode on)",
    )
    group.addoption(
        "--sandbox-script",
        action="append",
        help=f"a script live mode may run (repeatable; env {live.ENV_SCRIPTS}, comma-separated; "
        "turns live mode on)",
    )
    group.addoption(
        "--sandbox-command",
        help="the one command line live mode may send to a sandbox desktop (default: none; turns live "
        "mode on)",
    )
    group.addoption(
        "--sandbox-desktop-tag",
        help=f"a desktop tag live mode may run executions by tag on (env {live.ENV_DESKTOP_TAG}; turns live "
        "mode on); without it live mode sends no execution by tag",
    )
    group.addoption(
        "--max-tasks",
        type=int,
        help=f"live mode: at most this many requests that could start a task are acknowledged, whatever "
        f"ids they name (default {live.DEFAULT_MAX_TASKS}; turns live mode on)",
    )
    group.addoption(
        "--rate", type=float, help=f"requests per second (live default {live.LIVE_RATE:g}; 0: unpaced)"
    )
    group.addoption(
        "--max-requests",
        type=int,
        help=f"requests sent at most (live default {live.LIVE_MAX_REQUESTS}; 0: no cap)",
    )
    group.addoption(
        "--tasks-file",
        help="write every task the target acknowledged here, with the run's target, mode, times and budget "
        "(JSON; any mode)",
    )
    group.addoption(
        unchecked.ACCEPT_OPTION,
        action="store_true",
        dest="accept_incomplete",
        help=f"exit 0, not {unchecked.INCOMPLETE}, when the run's limits left clauses unchecked",
    )


def pytest_configure(config: pytest.Config) -> None:
    options = {key: config.getoption(key) for key in target.ENV}
    live_only = live.live_only_given(config.getoption)
    try:
        given = target.from_options(options)
        mode = live.decide_mode(
            given.base_url if given else None,
            config.getoption("live"),
            config.getoption("unrestricted"),
            live_only,
        )
        limits = live.limits(
            mode,
            desktops=config.getoption("sandbox_desktop"),
            scripts=config.getoption("sandbox_script"),
            command=config.getoption("sandbox_command"),
            max_tasks=config.getoption("max_tasks"),
            rate=config.getoption("rate"),
            max_requests=config.getoption("max_requests"),
            tasks_file=config.getoption("tasks_file"),
            bundled=given is None,
            tag=config.getoption("sandbox_desktop_tag"),
            failing=config.getoption("sandbox_failing_script"),
        )
    except (target.TargetError, live.LiveOptionError) as exc:
        raise pytest.UsageError(str(exc)) from None
    if mode.live and config.getoption("numprocesses", None) and not hasattr(config, "workerinput"):
        raise pytest.UsageError("live mode counts its task budget and pace in one process: drop -n")
    settings.CURRENT = settings.Settings(
        target=given or target.fresh_bundled(config.getoption("bundled_auth")),
        seed=config.getoption("contract_seed"),
        max_examples=config.getoption("max_examples"),
        time_budget=config.getoption("time_budget"),
        replay=not config.getoption("no_replay"),
        live=mode.live,
        mode_reason=mode.why,
        limits=limits,
        notes=tuple(
            f"{name} is set but not used: this run is in full mode"
            for name in live.unused_sandbox_variables(mode)
        ),
    )
    # Every field the contract names, the SDK's included: the id rule probes only strings outside them.
    run = guard.install(guard.Guard(limits, frozenset(spec.request_schema()["properties"]))).guard
    run.audit_run.update(
        target=given.base_url if given else "bundled reference server",
        mode="live" if mode.live else "full",
        mode_reason=mode.why,
    )
    # The fuzzing time is shared by the operations: each gets its own window of the whole, the original
    # operation (with the most to fuzz: eleven fields, two rules) five times the others'.
    weights = {op.operation_id: 1.0 for op in operations.all_operations()}
    weights[operations.ORIGINAL] = 5.0
    config.stash[BUDGET] = Budget(config.getoption("time_budget"), weights=weights)


@pytest.fixture(scope="session")
def contract_target() -> Iterator[target.Target]:
    """The server under test, checked by the preflight before any clause or fuzzing uses it."""
    planned = settings.current().target
    run = guard.active()
    if not planned.bundled:
        preflight.check(planned)
        try:
            yield planned
        finally:
            clean_up(run, planned)
        return
    with target.serve_bundled(planned, run.limits.sandbox if run.live else None) as running:
        run.audit_run["target"] = f"bundled reference server at {running.base_url}"
        preflight.check(running)
        try:
            yield running
        finally:
            clean_up(run, running)  # before the bundled server stops


def clean_up(run: guard.Guard, at: target.Target) -> None:
    """Delete every script the run created and still holds: the session's last step, after failures,
    ``-x`` and Ctrl-C too (pytest tears session fixtures down then)."""
    from contract_tests import workspace

    def delete(script_id: str) -> int:
        try:
            return workspace.send(at, workspace.DELETE, path_ids={"script_id": script_id}).status_code
        except pytest.skip.Exception as held:  # the gate would not send it (never for the run's own)
            raise RuntimeError(str(held)) from None

    def find(name: str) -> list[str]:
        try:
            found = workspace.send(at, workspace.LIST_SCRIPTS, query={"name": name, "limit": 100})
        except pytest.skip.Exception as held:
            raise RuntimeError(str(held)) from None
        return [str(item["id"]) for item in workspace.items(found, "scripts") if item.get("name") == name]

    run.clean_up(delete, find)


BUDGET = pytest.StashKey[Budget]()


@pytest.fixture(scope="session")
def fuzz_budget(pytestconfig: pytest.Config) -> Budget:
    return pytestconfig.stash[BUDGET]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    rep = yield
    budget = getattr(item, "funcargs", {}).get("fuzz_budget")
    if isinstance(budget, Budget) and call.when == "call" and budget.held_back:
        reasons = "; ".join(f"{count} x {reason}" for reason, count in budget.held_back.items())
        rep.contract_not_checked = f"fuzzing: cases not sent: {reasons}"  # type: ignore[attr-defined]
        budget.held_back.clear()
    return rep


@pytest.hookimpl(trylast=True)  # after the session fixtures' teardown: the clean-up is in the file
def pytest_sessionfinish(session: pytest.Session) -> None:
    budget = session.config.stash.get(BUDGET, None)
    # Under pytest-xdist the fuzzing runs in a worker: hand its figures to the controller.
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None and budget is not None:
        workeroutput["contract_fuzz"] = (budget.sent, budget.elapsed, budget.cut)
    current = guard.active()
    if current.limits.tasks_file is not None:
        current.write_tasks(current.limits.tasks_file, ended=True)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: pytest.Item, error: object) -> None:
    sent, elapsed, cut = getattr(node, "workeroutput", {}).get("contract_fuzz", (0, 0.0, 0))
    if sent:
        node.config.stash[BUDGET].add_worker(sent, elapsed, cut)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    budget = config.stash[BUDGET]
    if budget.sent:
        elapsed = max(budget.elapsed, 1e-9)
        cut = f"; {budget.cut} more cut by --time-budget" if budget.cut else ""
        terminalreporter.write_line(
            f"contract: {budget.sent} fuzzed cases in {elapsed:.1f} s ({budget.sent / elapsed:.1f} cases/s"
            f"{cut})"
        )
        for label, sent in sorted(budget.per_operation.items()):
            seconds = budget.seconds_per_operation.get(label, 0.0)
            terminalreporter.write_line(f"contract:   {sent:>4} cases in {seconds:5.1f} s  {label}")
    current = settings.current()
    terminalreporter.write_line(
        f"contract mode: {'LIVE' if current.live else 'full'} ({current.mode_reason})"
    )
    if current.live:
        terminalreporter.write_line(f"live limits: {live.describe(current.limits)}")
    for line in task_summary(guard.active()):
        terminalreporter.write_line(line)


TASKS_LISTED = 20  # in the end-of-run list; the tasks file keeps them all


def task_summary(run: guard.Guard) -> list[str]:
    limits, ledger = run.limits, run.ledger
    prefix = "live" if run.live else "contract"
    lines = [
        f"{prefix}: {run.sent} requests sent, {run.rate_limited} answers 429 (slow down; waited and "
        "retried, not failures)",
        f"{prefix}: {ledger.describe()}"
        + (f", written to {limits.tasks_file}" if limits.tasks_file else " (--tasks-file PATH keeps them)"),
    ]
    if run.live_held_back:
        held = "; ".join(f"{count} x {why}" for why, count in run.live_held_back.most_common(3))
        lines.append(f"{prefix}: {sum(run.live_held_back.values())} fuzzed case(s) kept off the wire: {held}")
    more = "full body in the tasks file" if limits.tasks_file else "full body with --tasks-file"
    if run.live:
        for task in ledger.tasks[:TASKS_LISTED]:
            body = tasks.shorten(json.dumps(task.request), 120, more)
            lines.append(f"  task {task.task_id} ({task.kind}): {body}")
        if len(ledger.tasks) > TASKS_LISTED:
            lines.append(f"  ... and {len(ledger.tasks) - TASKS_LISTED} more")
    return lines


def pytest_report_header(config: pytest.Config) -> list[str]:
    current = settings.current()
    where = "bundled reference server" if current.target.bundled else current.target.base_url
    lines = [
        f"contract: {where}, {current.target.auth_mode}, openapi={spec.OPENAPI_PATH}",
        f"contract: --contract-seed={current.seed} --max-examples={current.max_examples} "
        f"--time-budget={current.time_budget}" + ("" if current.replay else " --no-replay"),
        f"contract mode: {'LIVE' if current.live else 'full'} ({current.mode_reason})",
    ]
    if current.live:
        lines.append(f"contract live limits: {live.describe(current.limits)}")
        lines.append(
            "contract live: requests that could start a task: "
            f"{', '.join(tasks.task_starting_operations())} and any request the contract does not list"
        )
    lines += [f"contract: {note}" for note in current.notes]
    return lines
