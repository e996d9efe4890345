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


def _rule_holders() -> list[dict[str, object]]:
    spec = contract.load_spec()
    holders = [schema for schema in spec["components"]["schemas"].values() if "x-constraints" in schema]
    for path_item in spec["paths"].values():
        holders += [op for op in path_item.values() if isinstance(op, dict) and "x-constraints" in op]
    return holders


def test_every_rule_anywhere_in_the_contract_compiles() -> None:
    # Body schemas and operations (rules over query parameters) alike, with one evaluator.
    holders = _rule_holders()
    assert len(holders) >= 5
    for holder in holders:
        assert len(contract.compile_constraints(holder)) == len(holder["x-constraints"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "broken"),
    [
        ({"show_history": True, "resource_id": ["d"], "script_id": ["s"]}, []),
        ({"show_history": True, "resource_id": ["d"]}, ["show_history_needs_resource_and_script"]),
        ({"show_history": True}, ["show_history_needs_resource_and_script"]),
        ({"show_history": False}, []),
        ({"resource_id": ["d"]}, []),
    ],
)
def test_the_query_rule_of_list_script_records(query: dict[str, object], broken: list[str]) -> None:
    found = contract.violations(contract.operation("ListScriptRecords"), query)
    assert [v.rule for v in found] == broken
    if found:
        assert found[0].field in {"resource_id", "script_id"} and "missing" in found[0].message


@pytest.mark.parametrize(
    ("body", "broken"),
    [({"task_id": "t"}, []), ({"record_id": "r"}, []), ({}, ["task_id_or_record_id"])]
    + [({"task_id": "t", "record_id": "r"}, ["task_id_or_record_id"])],
)
def test_stop_and_retry_name_exactly_one_target(body: dict[str, object], broken: list[str]) -> None:
    for name in ("StopScriptExecutionReq", "RetryScriptExecutionReq"):
        schema = contract.load_spec()["components"]["schemas"][name]
        assert [v.rule for v in contract.violations(schema, body)] == broken


def test_a_command_by_tag_needs_its_type_and_excludes_scripts() -> None:
    schema = contract.load_spec()["components"]["schemas"]["ExecuteScriptByDesktopTagReq"]
    assert [v.rule for v in contract.violations(schema, {"desktop_tag": "t", "command_content": "dir"})] == [
        "command_type_with_command_content"
    ]
    both = {"desktop_tag": "t", "command_content": "dir", "command_type": "BAT", "script_ids": ["s"]}
    assert [v.rule for v in contract.violations(schema, both)] == ["command_content_or_script_ids"]


def test_operation_lookup_refuses_an_unknown_name() -> None:
    with pytest.raises(KeyError, match="NoSuchOperation"):
        contract.operation("NoSuchOperation")
