"""State and rules without HTTP: gray plans, inventory, the task store, faults, body validation."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

import pytest
import yaml

from reference_server import errors
from reference_server.auth import Authenticator
from reference_server.config_files import ConfigFileError
from reference_server.credentials import Credential
from reference_server.errors import ServiceError
from reference_server.faults import FaultPlan
from reference_server.gray_plan import gray_plan
from reference_server.inventory import Inventory
from reference_server.service import ScriptService, ServiceCall
from reference_server.spec import load_spec, request_schema
from reference_server.store import TaskStore
from reference_server.validation import RequestValidator

ROOT_SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"


def test_the_server_reads_the_root_contract() -> None:
    assert load_spec() == yaml.safe_load(ROOT_SPEC.read_text(encoding="utf-8"))


def test_gray_plan_takes_the_first_gray_count_desktops() -> None:
    plan = gray_plan({"resource_ids": ["d1", "d2", "d3", "d4"], "gray_count": 3, "gray_fail_threshold": 1})
    assert plan == {"first_batch": ["d1", "d2", "d3"], "remaining": ["d4"], "fail_threshold": 1}


def test_gray_plan_prefers_explicit_gray_resources() -> None:
    plan = gray_plan({"resource_ids": ["d1", "d2", "d3"], "gray_resource_ids": ["d3"], "gray_count": 2})
    assert plan == {"first_batch": ["d3"], "remaining": ["d1", "d2"], "fail_threshold": None}


def test_no_gray_fields_means_no_gray_plan() -> None:
    assert gray_plan({"resource_ids": ["d1"]}) is None


def test_gray_count_larger_than_the_desktops_puts_all_in_the_first_batch() -> None:
    assert gray_plan({"resource_ids": ["d1"], "gray_count": 10**30}) == {
        "first_batch": ["d1"],
        "remaining": [],
        "fail_threshold": None,
    }


def test_store_keeps_tasks_across_reopening(tmp_path: Path) -> None:
    db = tmp_path / "tasks.db"
    store = TaskStore(db)
    first = store.add("p", {"resource_ids": ["d1", "d2"], "gray_count": 1})
    second = store.add("q", {})
    store.close()
    tasks = TaskStore(db).all()
    assert [task["task_id"] for task in tasks] == [first, second]
    assert tasks[0]["project_id"] == "p"
    assert tasks[0]["request"] == {"resource_ids": ["d1", "d2"], "gray_count": 1}
    assert tasks[0]["gray_plan"] == {"first_batch": ["d1"], "remaining": ["d2"], "fail_threshold": None}
    assert tasks[1]["gray_plan"] is None and tasks[1]["created_at"] >= tasks[0]["created_at"]


def test_task_ids_are_32_hex_digits_that_sort_in_creation_order() -> None:
    store = TaskStore()
    task_ids = [store.add("p", {}) for _ in range(50)] + store.add_many([("p", {})] * 50)
    assert all(len(task_id) == 32 and int(task_id, 16) >= 0 for task_id in task_ids)
    assert len(set(task_ids)) == 100
    firsts = [task_id[:14] for task_id in task_ids]
    assert firsts == sorted(firsts)


def test_store_uses_wal_for_durability(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "tasks.db")
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reset_clears_tasks_and_faults() -> None:
    service = ScriptService(TaskStore(), authenticator=Authenticator([Credential("p", token="t")]))
    asyncio.run(service.execute(ServiceCall.with_token("p", "t", b"{}")))
    assert len(service.store.all()) == 1
    service.faults.arm(3, 503)
    service.reset()
    assert service.store.all() == [] and service.faults.take() is None


def test_fault_plan_serves_exactly_count_faults() -> None:
    faults = FaultPlan()
    faults.arm(2, 500, 0.25)
    taken = [faults.take() for _ in range(3)]
    assert [fault and (fault.status, fault.delay_seconds) for fault in taken] == [
        (500, 0.25),
        (500, 0.25),
        None,
    ]
    with pytest.raises(ValueError):
        faults.arm(1, 404)


def test_inventory_rejects_unknown_ids(tmp_path: Path) -> None:
    path = tmp_path / "inventory.yaml"
    path.write_text(yaml.safe_dump({"projects": {"p": {"scripts": ["s1"], "desktops": ["d1", "d2"]}}}))
    inventory = Inventory.load(path)
    inventory.check("p", {"script_ids": ["s1"], "resource_ids": ["d1"], "gray_resource_ids": ["d2"]})
    cases = [
        ("p", {"script_ids": ["s2"]}, "Script not found: s2"),
        ("p", {"resource_ids": ["d1", "d9"]}, "Desktop not found: d9"),
        ("p", {"gray_resource_ids": ["d8"]}, "Desktop not found: d8"),
        ("other", {"script_ids": ["s1"]}, "Script not found: s1"),
    ]
    for project, request, message in cases:
        with pytest.raises(ServiceError) as caught:
            inventory.check(project, request)
        assert caught.value.error is errors.RESOURCE_NOT_FOUND and caught.value.message == message


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("projects: {p: {scripts: script-cleanup}}\n", "must be array"),  # a string is not a list of ids
        ("projects: {p: {scripts: [0123]}}\n", "must be string"),  # YAML reads 0123 as a number
        ("projects: {p: }\n", "must be object"),
        ("- p\n", "must be object"),
        ("projects: {p: {script: [a]}}\n", ": unknown field projects.p.script"),
        ("{}\n", ": projects is required"),
    ],
)
def test_unusable_inventory_file_is_refused_with_the_file_named(
    tmp_path: Path, content: str, complaint: str
) -> None:
    path = tmp_path / "inventory.yaml"
    path.write_text(content)
    with pytest.raises(ConfigFileError) as caught:
        Inventory.load(path)
    assert str(path) in str(caught.value) and complaint in str(caught.value)


def test_without_inventory_every_id_exists() -> None:
    Inventory().check("any", {"script_ids": ["whatever"], "resource_ids": [""]})


def test_credential_needs_a_secret() -> None:
    with pytest.raises(ValueError):
        Credential("p")
    with pytest.raises(ValueError):
        Credential("p", ak="AK")


@pytest.mark.parametrize("fields", [{"token": ""}, {"token": 5}, {"ak": "AK", "sk": 12345}])
def test_credential_fields_are_non_empty_strings(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="non-empty string"):
        Credential("p", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "pair",
    [
        (Credential("p", token="t"), Credential("q", token="t")),
        (Credential("p", ak="AK", sk="a"), Credential("q", ak="AK", sk="b")),
    ],
)
def test_a_token_or_ak_belongs_to_one_credential(pair: tuple[Credential, Credential]) -> None:
    with pytest.raises(ValueError, match="share"):
        Authenticator(pair)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"", errors.EMPTY_BODY),
        (b"  \n", errors.EMPTY_BODY),
        (b"{", errors.MALFORMED_JSON),
        (b'{"gray_count": NaN}', errors.MALFORMED_JSON),
        (b'{"resource_type": "\xff"}', errors.MALFORMED_JSON),
        (b"[" * 40 + b"]" * 40, errors.TOO_DEEP),
        (b"[" * 100_000, errors.TOO_DEEP),
        (b"[]", errors.SCHEMA_VIOLATION),
        (b'{"gray_count": -1}', errors.SCHEMA_VIOLATION),
        (b'{"gray_count": 1.0}', errors.SCHEMA_VIOLATION),
        (b'{"gray_count": true}', errors.SCHEMA_VIOLATION),
        (b'{"resource_ids": [{"resource_id": "d1"}]}', errors.SCHEMA_VIOLATION),
        (b'{"gray_count": 2, "gray_fail_threshold": 2}', errors.RULE_VIOLATION),
    ],
)
def test_validator_rejects(body: bytes, error: errors.ErrorCode) -> None:
    with pytest.raises(ServiceError) as caught:
        RequestValidator().parse(body)
    assert caught.value.error is error


def test_validator_accepts_the_contract_examples() -> None:
    validator = RequestValidator()
    post = yaml.safe_load(ROOT_SPEC.read_text())["paths"]["/v2/{project_id}/script-executions"]["post"]
    examples = post["requestBody"]["content"]["application/json"]["examples"]
    assert len(examples) >= 3
    for example in examples.values():
        assert validator.check(example["value"]) == example["value"]
    assert validator.check({"gray_count": 5}) == {"gray_count": 5}  # the rule needs both fields


def test_cross_field_rule_comes_from_x_constraints() -> None:
    schema = copy.deepcopy(request_schema())
    rule = schema["x-constraints"][0]
    rule["field"], rule["other"] = "execution_timeout", "gray_count"
    validator = RequestValidator(schema)
    validator.check({"gray_count": 1, "gray_fail_threshold": 5})  # the original rule is gone
    with pytest.raises(ServiceError) as caught:
        validator.check({"gray_count": 1, "execution_timeout": 5})
    assert caught.value.error is errors.RULE_VIOLATION
    schema["x-constraints"][0]["kind"] = "not_a_kind"
    with pytest.raises(ValueError):
        RequestValidator(schema)


def test_error_codes_are_unique() -> None:
    """(docs/errors.md is checked against this table by tests/docs/test_tables.py.)"""
    codes = [error.code for error in errors.ALL_CODES]
    assert len(codes) == len(set(codes))


def test_a_remembered_query_string_gives_each_caller_its_own_copy() -> None:
    validator = ScriptService(TaskStore())._validators["ListScriptRecords"]
    query = "script_task_id=t1&resource_id=d1&resource_id=d2&limit=5"
    first = validator.query(query)
    expected = copy.deepcopy(first)
    assert expected["resource_id"] == ["d1", "d2"] and expected["limit"] == 5
    first["resource_id"].append("changed by a caller")
    first["limit"] = 99
    assert validator.query(query) == expected


def test_a_refused_query_string_is_refused_every_time() -> None:
    validator = ScriptService(TaskStore())._validators["ListScriptRecords"]
    for _ in range(2):
        with pytest.raises(ServiceError) as refused:
            validator.query("limit=0")
        assert refused.value.error is errors.PARAMETER_VIOLATION
