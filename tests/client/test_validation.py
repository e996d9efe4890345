"""Request bodies are checked against openapi.yaml before sending, with messages naming the field; answers
parse as the json module parses them."""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from workspace_scripts_client import RequestValidationError, decoding
from workspace_scripts_client.api.script import execute_script_or_command as execute
from workspace_scripts_client.contract import UnknownConstraintKind
from workspace_scripts_client.models import (
    ExecuteScriptOrCommandReq,
    ExecuteScriptOrCommandReqCommandType,
    ListScriptRecordsResponse,
    ListScriptTasksResponse,
)
from workspace_scripts_client.validation import check_request, constraint_checks

from .constants import PROJECT
from .mock_client import Recorder, mock_client

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"

INVALID = [
    pytest.param({"gray_count": "5"}, "gray_count", "must be integer", id="string-count"),
    pytest.param({"execution_timeout": -1}, "execution_timeout", "bigger than or equal to 0", id="negative"),
    pytest.param({"resource_ids": "desktop-01"}, "resource_ids", "must be array", id="ids-not-a-list"),
    pytest.param({"script_ids": ["s", 3]}, "script_ids[1]", "must be string", id="id-not-a-string"),
    pytest.param({"gray_count": True}, "gray_count", "must be integer", id="bool-count"),
    pytest.param(
        {"gray_count": 2, "gray_fail_threshold": 2},
        "gray_fail_threshold",
        "gray_fail_threshold must be less than gray_count",
        id="cross-field-rule",
    ),
    pytest.param(
        {"command": "Get-Date", "script_ids": ["script-01"]},
        "script_ids",
        "command and script_ids are alternatives",
        id="command-and-script-ids",
    ),
    pytest.param({"command": 42}, "command", "must be string", id="command-not-a-string"),
]


@pytest.mark.parametrize(("fields", "field", "message"), INVALID)
def test_an_invalid_body_is_refused_before_sending(fields: dict[str, Any], field: str, message: str) -> None:
    recorder = Recorder()
    with pytest.raises(RequestValidationError) as raised:
        execute.sync(PROJECT, client=mock_client(recorder), body=ExecuteScriptOrCommandReq(**fields))
    assert raised.value.field == field
    assert field in str(raised.value) and message in str(raised.value)
    assert recorder.requests == []


@pytest.mark.parametrize(("fields", "field", "message"), INVALID[:1] + INVALID[-1:])
def test_async_calls_validate_too(fields: dict[str, Any], field: str, message: str) -> None:
    recorder = Recorder()
    body = ExecuteScriptOrCommandReq(**fields)
    with pytest.raises(RequestValidationError, match=message):
        asyncio.run(execute.asyncio(PROJECT, client=mock_client(recorder), body=body))
    assert recorder.requests == []


def test_a_command_type_outside_the_enum_is_refused() -> None:
    # The typed field only takes the enum; a body built by hand (or read back) is checked all the same.
    with pytest.raises(RequestValidationError) as raised:
        check_request(ExecuteScriptOrCommandReq, {"command": "dir", "command_type": "CMD"})
    assert raised.value.field == "command_type" and "POWERSHELL" in str(raised.value)


def test_a_typed_command_is_sent_as_the_contract_names_it() -> None:
    recorder = Recorder()
    body = ExecuteScriptOrCommandReq(
        resource_ids=["desktop-01"],
        command="Get-Date",
        command_type=ExecuteScriptOrCommandReqCommandType.POWERSHELL,
    )
    execute.sync(PROJECT, client=mock_client(recorder), body=body)
    assert recorder.sent_json == {
        "resource_ids": ["desktop-01"],
        "command": "Get-Date",
        "command_type": "POWERSHELL",
    }


def test_validation_can_be_turned_off() -> None:
    recorder = Recorder()
    body = ExecuteScriptOrCommandReq(gray_count=2, gray_fail_threshold=5)
    execute.sync(PROJECT, client=mock_client(recorder, validate_requests=False), body=body)
    assert recorder.sent_json == {"gray_count": 2, "gray_fail_threshold": 5}


@pytest.mark.parametrize(
    "fields",
    [{}, {"gray_count": 3, "gray_fail_threshold": 2}, {"gray_fail_threshold": 9}, {"gray_count": 0}],
    ids=["empty", "below", "threshold-alone", "count-alone"],
)
def test_valid_bodies_pass(fields: dict[str, Any]) -> None:
    check_request(ExecuteScriptOrCommandReq, ExecuteScriptOrCommandReq(**fields).to_dict())


def test_the_model_has_a_typed_field_for_every_field_of_the_contract() -> None:
    with open(SPEC, encoding="utf-8") as spec_file:
        spec = yaml.safe_load(spec_file)
    contract = spec["components"]["schemas"]["ExecuteScriptOrCommandReq"]["properties"]
    assert set(contract) <= set(ExecuteScriptOrCommandReq.__annotations__)


def test_an_integer_bound_is_reported_as_an_integer() -> None:
    with pytest.raises(RequestValidationError) as caught:
        check_request(ExecuteScriptOrCommandReq, {"gray_count": -1})
    assert "0.0" not in str(caught.value) and "0" in caught.value.problem


def test_an_unknown_constraint_kind_is_reported_not_ignored() -> None:
    with pytest.raises(UnknownConstraintKind, match="between"):
        constraint_checks({"x-constraints": [{"name": "r", "kind": "between", "field": "a"}]})


def test_a_value_json_has_no_type_for_is_still_judged_by_name() -> None:
    # jsonschema-rs cannot read a set; fastjsonschema judges it instead, in the same words as ever.
    with pytest.raises(RequestValidationError) as raised:
        check_request(ExecuteScriptOrCommandReq, {"script_ids": {"s"}})
    assert raised.value.field == "script_ids" and "must be array" in raised.value.problem


@pytest.mark.parametrize(
    "body",
    [
        b'{"count": 123456789012345678901234567890}',  # beyond 64 bits
        b'{"count": NaN}',  # not JSON, but what Python's parser has always read
        b'{"name": "\\ud800"}',  # a lone surrogate
        '{"name": "caf\u00e9", "n": [1, 2.5, null, true]}'.encode(),
    ],
)
def test_answers_parse_as_the_json_module_parses_them(body: bytes) -> None:
    assert repr(decoding.parse(body)) == repr(json.loads(body))


def test_unparseable_answers_still_fail_as_before() -> None:
    for body in (b'{"a": ', b"\xff\xfe", b"[" * 100_000):
        with pytest.raises((ValueError, RecursionError)):
            decoding.parse(body)


PAGE = {
    "count": 2,
    "script_records": [
        {"id": "r1", "script_id": "s1", "execute_order": 1, "status": "SUCCESS"},
        {"id": "r2", "script_id": "s1", "execute_order": 2, "status": "SKIPPED", "extra": {"kept": True}},
    ],
    "marker": "top-level extra",
}


def test_from_dict_leaves_the_callers_dicts_as_they_were() -> None:
    given = copy.deepcopy(PAGE)
    page = ListScriptRecordsResponse.from_dict(given)
    assert given == PAGE  # neither the page nor its records were consumed
    assert [record.id for record in page.script_records] == ["r1", "r2"]
    assert page.script_records[1].additional_properties == {"extra": {"kept": True}}
    assert page.additional_properties == {"marker": "top-level extra"}


def test_decoding_an_answer_gives_what_from_dict_gives() -> None:
    """decode hands its own parsed dicts to _from_parsed to be consumed (no copy per record): the models are
    the same, extra fields included, and a task's nested scripts (inside a union: copied) too."""
    answer = httpx.Response(200, content=json.dumps(PAGE).encode())
    assert decoding.decode(answer, ListScriptRecordsResponse) == ListScriptRecordsResponse.from_dict(PAGE)
    tasks = {
        "count": 1,
        "script_tasks": [{"id": "t1", "task_scripts": [{"id": "s1", "name": "clean", "more": 1}], "x": 2}],
    }
    answered = decoding.decode(
        httpx.Response(200, content=json.dumps(tasks).encode()), ListScriptTasksResponse
    )
    assert answered == ListScriptTasksResponse.from_dict(tasks)
    [task] = answered.script_tasks
    assert task.additional_properties == {"x": 2} and isinstance(task.task_scripts, list)
    assert task.task_scripts[0].additional_properties == {"more": 1}
