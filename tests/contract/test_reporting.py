"""The suite's report: clause sources, which of them fail a run, and one finding per broken clause."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from schemathesis.core.failures import CustomFailure, ServerError
from schemathesis.openapi.checks import MissingHeaders, UnsupportedMethodResponse

from contract_tests import report, settings, sources, spec
from contract_tests.redaction import Redactor
from contract_tests.report import ContractFailure
from contract_tests.settings import Settings
from contract_tests.target import Target
from tests.contract import junit_names
from tests.contract.runner import ROOT, _clean_env, serve


def _settings(*, live: bool = False, strict: bool = False, bundled: bool = False) -> Settings:
    target = Target("http://127.0.0.1:1", "p", token="t", bundled=bundled)
    return Settings(target, seed=1, max_examples=1, time_budget=1.0, live=live, strict=strict)


@pytest.mark.parametrize(
    ("source", "full", "live", "live_strict", "bundled"),
    [
        ("page", True, True, True, True),
        ("http", True, True, True, True),
        ("assumption", True, False, True, True),
        ("sdk", False, False, True, True),
    ],
)
def test_which_sources_fail_a_run(
    source: str, full: bool, live: bool, live_strict: bool, bundled: bool
) -> None:
    assert settings.is_fatal(source, _settings()) is full
    assert settings.is_fatal(source, _settings(live=True)) is live
    assert settings.is_fatal(source, _settings(live=True, strict=True)) is live_strict
    assert settings.is_fatal(source, _settings(bundled=True)) is bundled


def test_unknown_source_is_refused() -> None:
    with pytest.raises(ValueError, match="rumour"):
        ContractFailure("clause", "problem", source="rumour")


SDK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "gray_count": {"type": "integer", "minimum": 0},
        "command_type": {"type": "string", "enum": ["SHELL"], "x-source": "sdk"},
    },
    "x-constraints": [
        {"name": "page_rule", "kind": "less_than", "x-source": "page"},
        {"name": "sdk_rule", "kind": "not_both", "x-source": "sdk-assumption"},
    ],
}


@pytest.mark.parametrize(
    ("body", "source"),
    [
        ({"gray_count": -1}, "assumption"),  # only the non-negative bound, our assumption, is broken
        ({"gray_count": "5"}, "page"),  # Table 3 types it Integer
        ({"command_type": "CMD"}, "sdk"),  # only the SDK's enum is broken
        ({"gray_count": "5", "command_type": "CMD"}, "page"),
        ({"gray_count": 5}, "page"),  # a valid body: what was negative lies elsewhere (path, headers)
    ],
)
def test_invalid_bodies_are_labelled_by_what_they_break(
    monkeypatch: pytest.MonkeyPatch, body: dict[str, Any], source: str
) -> None:
    monkeypatch.setattr(spec, "request_schema", lambda: SDK_SCHEMA)
    assert sources.of_invalid_body(body) == source
    assert sources.of_rule("page_rule") == "page"
    assert sources.of_rule("sdk_rule") == "sdk"


def test_schemathesis_failures_are_labelled_by_their_kind() -> None:
    allow = MissingHeaders(operation="op", missing_headers=["Allow"], message="")
    request_id = MissingHeaders(operation="op", missing_headers=["X-Request-Id"], message="")
    no_allow = UnsupportedMethodResponse(
        operation="op", method="GET", status_code=405, failure_reason="missing_allow_header", message=""
    )
    server_error = ServerError(operation="op", status_code=500)
    ours = ContractFailure("Table 9", "bad", source="sdk")
    custom = CustomFailure(operation="op", title="t", message="m", exception=ours)
    assert (report.classify(allow).source, report.classify(allow).clause) == ("http", report.ALLOW_ON_405)
    assert report.classify(request_id).source == "assumption"
    assert report.classify(no_allow).source == "http"
    assert report.classify(server_error).clause == report.NO_SERVER_ERROR
    assert report.classify(custom) is ours


def test_redactor_filters_every_spelling_of_a_secret() -> None:
    redact = Redactor(["a/b+c=d/e", None, ""])
    text = "raw a/b+c=d/e url a%2Fb%2Bc%3Dd%2Fe form a%2Fb%2Bc%3Dd%2Fe json a/b+c=d/e"
    assert redact(text) == "raw [Filtered] url [Filtered] form [Filtered] json [Filtered]"
    assert repr(Target("u", "p", token="tok", ak="ak", sk="sk", security_token="st")).count("[Filtered]") == 4


SYNTHETIC = """
from contract_tests.report import ContractFailure

def test_page_clause():
    raise ContractFailure("Table 5: status 400", "got 422", source="page", curl="curl -X POST http://x")

def test_assumption_clause():
    raise ContractFailure("X-Request-Id on every answer", "none", source="assumption", curl="curl -X GET x")

def test_sdk_clause():
    raise ContractFailure("command_type enum", "CMD accepted", source="sdk", curl="curl -X POST y")
"""

CONFTEST = """
from contract_tests import settings, target

pytest_plugins = ["contract_tests.reporting"]

def pytest_configure(config):
    given = target.Target("http://127.0.0.1:1", "p", token="synthetic-token")
    settings.CURRENT = settings.Settings(given, seed=1, max_examples=1, time_budget=1.0, live=True)
"""


def _synthetic_run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], ET.Element]:
    (tmp_path / "conftest.py").write_text(textwrap.dedent(CONFTEST), encoding="utf-8")
    (tmp_path / "test_synthetic.py").write_text(textwrap.dedent(SYNTHETIC), encoding="utf-8")
    junit = tmp_path / "junit.xml"
    command = [sys.executable, "-m", "pytest", str(tmp_path), "-p", "no:cacheprovider", f"--junitxml={junit}"]
    env = {**_clean_env(), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [*command, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    return result, ET.parse(junit).getroot()


def test_a_live_run_reports_assumptions_without_failing_on_them(tmp_path: Path) -> None:
    result, junit = _synthetic_run(tmp_path)
    assert result.returncode == 1, result.stdout  # the page clause fails the run
    assert re.search(r"1 failed, 2 xfailed", result.stdout), result.stdout
    assert (
        "assumptions of our contract (not on the page): 1 clause(s); they do NOT fail this run"
        in result.stdout
    )
    assert (
        "SDK-only fields and rules (not on the page): 1 clause(s); they do NOT fail this run" in result.stdout
    )
    skipped = {case.get("name"): case.find("skipped") for case in junit.iter("testcase")}
    assumption = skipped["test_assumption_clause"]
    assert assumption is not None and assumption.get("type") == "pytest.xfail"
    assert "[assumption] X-Request-Id on every answer" in (assumption.get("message") or "")
    assert skipped["test_page_clause"] is None


def test_strict_makes_every_source_fail_the_run(tmp_path: Path) -> None:
    result, junit = _synthetic_run(tmp_path, "--strict")
    assert result.returncode == 1
    assert "3 failed" in result.stdout, result.stdout
    assert len(list(junit.iter("failure"))) == 3


def test_one_defect_is_one_finding_clause_first(tmp_path: Path) -> None:
    """The mutant whose only defect is an HTML error page: one headline for the broken clause, failures
    that start with the clause (no test source), summary lines that name the clause."""
    junit = tmp_path / "contract.xml"
    with serve("html_error_pages") as running:
        command = [
            sys.executable, "-m", "pytest", "contract_tests", "-p", "no:cacheprovider", "--no-replay",
            f"--base-url={running.base_url}", f"--project-id={running.project_id}",
            f"--token={running.token}", "--max-examples=20", "--time-budget=3", f"--junitxml={junit}",
        ]  # fmt: skip
        result = subprocess.run(
            command, cwd=ROOT, env=_clean_env(), capture_output=True, text=True, timeout=300
        )
    out = result.stdout
    assert result.returncode == 1, out[-3000:]
    headline = f"[page] {report.ERROR_BODY}"
    findings = out[: out.index("= FAILURES =")]
    assert findings.count(headline) == 1, findings
    tests_seen = int(re.search(re.escape(headline) + r"\n    seen in (\d+) test", findings).group(1))  # type: ignore[union-attr]
    assert tests_seen >= 40
    assert "def test_" not in out and "contract_target = " not in out  # no test source, no fixture values
    for line in re.findall(r"^FAILED .* - (.*)$", out, re.MULTILINE):
        assert line.startswith("["), line  # the clause's source, not "Asser..."
    # 1,807 lines before grouping and brief repeats (one operation); the eleven others' clauses add theirs.
    assert len(out.splitlines()) < 900
    # Every testcase has its own name; each operation's fuzzing item names its operation.
    problems = junit_names.problems(junit_names.testcases(junit))
    assert not problems, "\n".join(problems)


def test_the_junit_name_check_finds_repeated_and_unnamed_items() -> None:
    fuzzed = sorted((junit_names.FUZZ_CLASS, name) for name in junit_names.fuzz_names())
    assert len(fuzzed) == len(spec.FUZZED_OPERATIONS)
    assert ("contract_tests.test_fuzz", "test_operation_conforms[POST /v2/{project_id}/scripts]") in fuzzed
    assert not junit_names.problems([*fuzzed, ("contract_tests.test_reads", "test_a")])
    # What pytest 9.2 made of Schemathesis' items before contract_tests/item_names.py: one name for all.
    unnamed = [(junit_names.FUZZ_CLASS, junit_names.FUZZ_TEST)] * len(fuzzed)
    found = junit_names.problems(unnamed)
    assert found[0] == f"contract_tests.test_fuzz::test_operation_conforms appears {len(fuzzed)} times"
    assert "fuzzing item 'test_operation_conforms' names no operation" in found
    assert len(found) == 2 + len(fuzzed)  # one missing item per operation
    assert junit_names.problems([*fuzzed, fuzzed[0]]) == [f"{fuzzed[0][0]}::{fuzzed[0][1]} appears 2 times"]


def test_item_names_load_on_a_pytest_without_structured_node_ids() -> None:
    """pytest 9.0-9.1 (allowed by the package) have no ``_pytest.nodeid``: the plugin must still load, and
    leave items alone (their ids are built from their names there)."""
    code = (
        "import sys, pytest, schemathesis.pytest.plugin\n"  # pytest 9.2 itself needs the module
        "sys.modules['_pytest.nodeid'] = None\n"  # an import of it now fails, as on an older pytest
        "from contract_tests import item_names\n"
        "class Item: nodeid = 'kept'\n"
        "item = Item(); item_names.pytest_itemcollected(item)\n"
        "assert item_names.NodeId is None and item.nodeid == 'kept' and not hasattr(item, '_id')\n"
        "print('loaded')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout == "loaded\n", result.stderr
