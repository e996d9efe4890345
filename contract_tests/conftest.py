"""Command-line options and the shared target of the contract suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from contract_tests import settings, spec, target
from contract_tests.budget import Budget

pytest_plugins = ["contract_tests.reporting"]  # the report: clause-first failures, no secret in any output

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


def pytest_configure(config: pytest.Config) -> None:
    options = {key: config.getoption(key) for key in target.ENV}
    try:
        given = target.from_options(options)
    except target.TargetError as exc:
        raise pytest.UsageError(str(exc)) from None
    settings.CURRENT = settings.Settings(
        target=given or target.fresh_bundled(config.getoption("bundled_auth")),
        seed=config.getoption("contract_seed"),
        max_examples=config.getoption("max_examples"),
        time_budget=config.getoption("time_budget"),
        replay=not config.getoption("no_replay"),
    )


@pytest.fixture(scope="session")
def contract_target() -> Iterator[target.Target]:
    planned = settings.current().target
    if not planned.bundled:
        yield planned
        return
    with target.serve_bundled(planned) as running:
        yield running


BUDGET = Budget(DEFAULT_TIME_BUDGET)  # module-level so the terminal summary can read it


@pytest.fixture(scope="session")
def fuzz_budget() -> Budget:
    BUDGET.seconds = settings.current().time_budget
    return BUDGET


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Under pytest-xdist the fuzzing runs in a worker: hand its figures to the controller.
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["contract_fuzz"] = (BUDGET.sent, BUDGET.elapsed)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    sent, elapsed = getattr(node, "workeroutput", {}).get("contract_fuzz", (0, 0.0))
    if sent:
        BUDGET.add_worker(sent, elapsed)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if BUDGET.sent:
        elapsed = max(BUDGET.elapsed, 1e-9)
        terminalreporter.write_line(
            f"contract: {BUDGET.sent} fuzzed cases in {elapsed:.1f} s ({BUDGET.sent / elapsed:.1f} cases/s)"
        )


def pytest_report_header(config: pytest.Config) -> list[str]:
    current = settings.current()
    where = "bundled reference server" if current.target.bundled else current.target.base_url
    return [
        f"contract: {where}, {current.target.auth_mode}, openapi={spec.OPENAPI_PATH}",
        f"contract: --contract-seed={current.seed} --max-examples={current.max_examples} "
        f"--time-budget={current.time_budget}" + ("" if current.replay else " --no-replay"),
    ]
