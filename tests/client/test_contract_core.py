"""The contract core: the package ships openapi.yaml as it is, and one evaluator checks its rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from workspace_scripts_client import contract

ROOT_SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"


def test_the_shipped_contract_is_openapi_yaml() -> None:
    assert contract.load_spec() == yaml.safe_load(ROOT_SPEC.read_text(encoding="utf-8"))
    assert contract.request_schema()["x-constraints"], "the request schema lost its cross-field rules"


def test_every_rule_of_the_contract_compiles() -> None:
    rules = contract.compile_constraints(contract.request_schema())
    assert len(rules) == len(contract.request_schema()["x-constraints"])


@pytest.mark.parametrize(
    ("body", "broken"),
    [
        ({"gray_count": 3, "gray_fail_threshold": 2}, []),
        ({"gray_count": 3, "gray_fail_threshold": 3}, ["gray_fail_threshold_below_gray_count"]),
        ({"gray_count": 0, "gray_fail_threshold": 0}, ["gray_fail_threshold_below_gray_count"]),
        ({"gray_fail_threshold": 9}, []),  # the rule needs both fields
        ({"gray_count": "3", "gray_fail_threshold": 9}, []),  # a wrong type is the schema's to refuse
        ({"command": "dir", "script_ids": []}, ["command_or_script_ids"]),
        ({"command": "dir"}, []),
        ({"script_ids": ["s"]}, []),
        (
            {"command": "x", "script_ids": ["s"], "gray_count": 1, "gray_fail_threshold": 4},
            ["gray_fail_threshold_below_gray_count", "command_or_script_ids"],
        ),
    ],
)
def test_rules_of_the_contract(body: dict[str, object], broken: list[str]) -> None:
    assert [found.rule for found in contract.violations(contract.request_schema(), body)] == broken


def test_a_violation_names_the_field_and_the_values() -> None:
    [found] = contract.violations(contract.request_schema(), {"gray_count": 2, "gray_fail_threshold": 5})
    assert found.field == "gray_fail_threshold"
    assert (
        found.message
        == "gray_fail_threshold must be less than gray_count (got gray_fail_threshold=5, gray_count=2)"
    )
    [found] = contract.violations(contract.request_schema(), {"command": "dir", "script_ids": ["s"]})
    assert found.field == "script_ids" and "command and script_ids" in found.message


def test_an_unknown_kind_is_refused_not_ignored() -> None:
    with pytest.raises(contract.UnknownConstraintKind, match="sum_below"):
        contract.compile_constraints({"x-constraints": [{"name": "n", "kind": "sum_below"}]})
