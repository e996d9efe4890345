"""Every example in openapi.yaml is valid against its own schema; the page's object-form example is not."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from tests.spec import contract
from tests.spec.reference_page import page


def validator(schema: dict[str, Any]) -> OAS30Validator:
    # Wrap the schema in the whole document so that its $ref pointers resolve.
    return OAS30Validator({**schema, "components": contract.spec()["components"]})


def examples() -> list[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example) for every example the contract carries."""
    found = []
    for param in contract.parameters():
        found.append((f"parameter {param['name']}", param["schema"], param["example"]))
    body = contract.resolve(contract.operation()["requestBody"])["content"]["application/json"]
    for name, example in body["examples"].items():
        found.append((f"request example {name}", body["schema"], example["value"]))
    for status in contract.operation()["responses"]:
        media = contract.response(int(status))["content"]["application/json"]
        found.append((f"response {status} example", media["schema"], media["example"]))
    return found


EXAMPLES = examples()


def test_every_status_and_the_request_have_examples() -> None:
    wheres = {where for where, _, _ in EXAMPLES}
    assert {f"response {s} example" for s in contract.operation()["responses"]} <= wheres
    assert sum(where.startswith("request example") for where in wheres) >= 2


@pytest.mark.parametrize(("where", "schema", "example"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_is_valid(where: str, schema: dict[str, Any], example: Any) -> None:
    errors = [error.message for error in validator(schema).iter_errors(example)]
    assert not errors, f"{where}: {errors}"


@pytest.mark.parametrize(
    "example",
    [e for where, _, e in EXAMPLES if where.startswith("request example")],
)
def test_request_examples_keep_the_cross_field_rules(example: dict[str, Any]) -> None:
    for rule in contract.request_schema()["x-constraints"]:
        if rule["kind"] == "less_than" and rule["field"] in example and rule["other"] in example:
            assert example[rule["field"]] < example[rule["other"]]
        elif rule["kind"] == "not_both":
            assert not all(name in example for name in rule["fields"]), rule["name"]
        else:
            assert rule["kind"] in {"less_than", "not_both"}, f"a rule kind this test does not know: {rule}"


def test_the_pages_own_example_is_refused() -> None:
    # The page's example sends ids as objects, against its own table: the contract follows the table.
    page_example = page()["example_request"]
    assert isinstance(page_example["resource_ids"][0], dict)
    errors = list(
        validator({"$ref": "#/components/schemas/ExecuteScriptOrCommandReq"}).iter_errors(page_example)
    )
    assert {tuple(error.path)[0] for error in errors} == {"resource_ids", "script_ids"}


def test_the_success_example_is_the_pages() -> None:
    media = contract.response(200)["content"]["application/json"]
    assert media["example"] == page()["example_response"]
