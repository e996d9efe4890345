"""Unit tests of the suite's own parts: the rules read from openapi.yaml and the AK/SK signer."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from workspace_scripts_client import contract

from contract_tests import rules, spec
from contract_tests.aksk import AkSkAuth
from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread
from tests.contract import junit_names
from tests.contract.runner import REFERENCE, ROOT, run_suite, serve


def test_cross_field_rule_comes_from_x_constraints() -> None:
    [rule] = rules.CONSTRAINTS
    assert (rule.field, rule.other) == ("gray_fail_threshold", "gray_count")
    assert spec.request_schema()["x-constraints"][0]["name"] == rule.name


@pytest.mark.parametrize(
    ("body", "broken"),
    [
        ({"gray_count": 5, "gray_fail_threshold": 2}, False),
        ({"gray_count": 5, "gray_fail_threshold": 5}, True),
        ({"gray_count": 5, "gray_fail_threshold": 9}, True),
        ({"gray_fail_threshold": 9}, False),  # the page states the rule for both fields present
        ({"gray_count": True, "gray_fail_threshold": 9}, False),  # wrong types are the schema's business
        (["gray_count"], False),
    ],
)
def test_rule_evaluation(body: object, broken: bool) -> None:
    assert bool(rules.broken_constraints(body)) is broken


def test_unknown_rule_kind_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = {
        "x-constraints": [{"name": "n", "kind": "sum_below", "field": "a", "other": "b", "message": "m"}]
    }
    monkeypatch.setattr(spec, "request_schema", lambda: schema)
    with pytest.raises(ValueError, match="sum_below"):
        rules.load_constraints()


def test_aksk_signature_is_accepted_and_a_wrong_one_refused() -> None:
    project_id, ak, sk = secrets.token_hex(16), secrets.token_hex(10).upper(), secrets.token_urlsafe(30)
    app = create_app(credentials=[Credential(project_id, ak=ak, sk=sk)])
    body = b'{"script_ids": ["s-1"], "resource_ids": ["d-1"]}'
    headers = {"Content-Type": "application/json"}
    with serve_in_thread(app) as base_url:
        url = f"{base_url}/v2/{project_id}/script-executions?dry=1"
        good = requests.post(url, data=body, headers=headers, auth=AkSkAuth(ak, sk, project_id), timeout=10)
        bad = requests.post(
            url, data=body, headers=headers, auth=AkSkAuth(ak, sk + "x", project_id), timeout=10
        )
    assert good.status_code == 200, good.text
    assert bad.status_code == 401, bad.text


def _pytest_contract(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "contract_tests", "-p", "no:cacheprovider", "-q", *args]
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "WORKSPACE_"))}
    environment = {**inherited, **(env or {})}
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


def test_time_budget_stops_fuzzing() -> None:
    # Few examples (Hypothesis generates them all, sent or not): with no time at all, each operation sends
    # its first case only; a budget that does not stop the fuzzing shows as more cases.
    result = _pytest_contract("-k", "test_operation_conforms", "--time-budget", "0", "--max-examples", "5")
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"contract: {len(spec.FUZZED_OPERATIONS)} fuzzed cases" in result.stdout


def test_cases_per_second_reported_under_xdist() -> None:
    result = _pytest_contract("-n", "2", "-k", "test_operation_conforms", "--max-examples", "3")
    assert result.returncode == 0, result.stdout[-3000:]
    found = (
        r"contract: [1-9]\d* fuzzed cases in [\d.]+ s \([\d.]+ cases/s(; \d+ more cut by --time-budget)?\)"
    )
    assert re.search(found, result.stdout)


def test_base_url_without_credentials_is_a_usage_error() -> None:
    result = _pytest_contract("--base-url", "http://127.0.0.1:9", "--project-id", "p")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert "--token" in result.stderr


def test_suite_passes_on_the_bundled_server_with_aksk_signing(tmp_path: Path) -> None:
    """... and with a dead proxy in the environment (HTTP_PROXY without a NO_PROXY naming loopback, as on
    many company laptops): the bundled server is the suite's own, on 127.0.0.1, so every request of the
    run (the gray clauses' outcome control too) goes straight to it."""
    junit = tmp_path / "contract.xml"
    with socket.socket() as closed:  # a port nothing listens on: a request sent to the proxy fails
        closed.bind(("127.0.0.1", 0))
        dead_proxy = f"http://127.0.0.1:{closed.getsockname()[1]}"
    proxies = {"HTTP_PROXY": dead_proxy, "http_proxy": dead_proxy, "ALL_PROXY": dead_proxy, "NO_PROXY": ""}
    # -v undoes -q: header. Few examples: fuzzing AK/SK-signed is test_mutants' reference-aksk run's job.
    arguments = ("--bundled-auth", "aksk", "--max-examples", "5", "-v", f"--junitxml={junit}")
    result = _pytest_contract(*arguments, env=proxies)
    assert result.returncode == 0, result.stdout[-5000:]
    assert "AK/SK signature" in result.stdout and "cannot reach" not in result.stdout
    # Signed like this, too, every testcase has its own name and each fuzzing item names its operation.
    problems = junit_names.problems(junit_names.testcases(junit))
    assert not problems, "\n".join(problems)


def test_token_starting_with_a_dash_reaches_the_suite() -> None:
    # URL-safe tokens may begin with "-"; passed as "--token -x" argparse would take it for an option.
    with serve(REFERENCE, token="-leading-dash-token") as running:
        # One clause is enough: the preflight refuses a mangled token, argparse a misread option.
        result = run_suite(
            running, max_examples=1, time_budget=0, stop_early=True, extra_args=["-k", "near_miss_token"]
        )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_credentials_without_a_server_are_a_usage_error() -> None:
    # Otherwise the bundled server would be fuzzed while the user believes theirs was.
    result = _pytest_contract("--project-id", "p", "--token", "t")
    assert result.returncode == 4, result.stdout[-2000:]
    assert "without --base-url" in result.stderr


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "gray_count": st.one_of(st.integers(-3, 6), st.booleans(), st.text(max_size=2), st.none()),
            "gray_fail_threshold": st.one_of(st.integers(-3, 6), st.floats(allow_nan=False), st.none()),
            "command": st.text(max_size=3),
            "script_ids": st.lists(st.text(max_size=2), max_size=2),
        },
    )
)
def test_the_suites_own_rule_evaluator_agrees_with_the_contract_core(body: dict[str, object]) -> None:
    """The suite judges servers with an evaluator of its own (rules.py); it must mean what the one the
    client and the server share (workspace_scripts_client.contract) means."""
    ours = {rule.name for rule in rules.broken_constraints(body)}
    ours |= {rule.name for rule in rules.EXCLUSIONS if rule.broken_by(body)}
    core = {found.rule for found in contract.violations(spec.request_schema(), body)}
    assert ours == core


def test_a_request_left_unanswered_is_a_named_clause(monkeypatch: pytest.MonkeyPatch) -> None:
    """A target that accepts the connection and never answers fails the clause, with the request shown."""
    from contract_tests import report, target

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    monkeypatch.setattr(target, "REQUEST_TIMEOUT", 0.3)
    where = target.Target(f"http://127.0.0.1:{silent.getsockname()[1]}", "p", token="t0ken-value")
    try:
        with pytest.raises(report.ContractFailure) as failed:
            where.send("POST", body=b"{}")
    finally:
        silent.close()
    assert failed.value.clause == "Status Codes table (every request is answered)"
    assert "no answer within 0.3 s" in failed.value.problem
    assert "curl -X POST" in failed.value.curl and "t0ken-value" not in str(failed.value)


def test_the_time_budget_fuzzes_every_operation_once_at_least(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each operation has its window; past twice the budget the rest are cut, except an operation's first
    case, so that a slow machine still fuzzes every operation."""
    from contract_tests import budget as budget_module

    now = [100.0]
    monkeypatch.setattr(budget_module.time, "monotonic", lambda: now[0])
    shared = budget_module.Budget(2.0, weights={"A": 1.0, "B": 1.0, "C": 1.0})  # 2/3 s each
    assert shared.take("A") and shared.take("A")
    now[0] += 0.5
    assert shared.take("A") and shared.take("B")  # A within its window; B opens its own
    now[0] += 0.5
    assert not shared.take("A")  # A's window (0.67 s) is over
    now[0] += 4.0  # generating took long: past twice the budget
    assert not shared.take("B")  # B has had its cases
    assert shared.take("C") and not shared.take("C")  # C's first case, then nothing more
    assert shared.per_operation == {"A": 3, "B": 1, "C": 1} and shared.cut == 3
