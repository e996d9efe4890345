"""Every example in openapi.yaml is valid against its own schema and keeps the rules across fields; the
pages' own examples that contradict their tables are refused."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator
from workspace_scripts_client.contract import violations

from tests.spec import contract
from tests.spec.reference_pages import SEED, pages


def validator(schema: dict[str, Any]) -> OAS30Validator:
    # Wrap the schema in the whole document so that its $ref pointers resolve.
    return OAS30Validator({**schema, "components": contract.spec()["components"]})


def _media_examples(where: str, media: dict[str, Any]) -> list[tuple[str, dict[str, Any], Any]]:
    found = [(f"{where} example", media["schema"], media["example"])] if "example" in media else []
    found += [
        (f"{where} example {name}", media["schema"], e["value"])
        for name, e in media.get("examples", {}).items()
    ]
    return found


def examples() -> list[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example) for every example the contract carries."""
    found = []
    for _, _, op in contract.operations():
        name = op["operationId"]
        for param in contract.parameters(name):
            if "example" in param:
                found.append((f"{name} parameter {param['name']}", param["schema"], param["example"]))
        if "requestBody" in op:
            media = contract.resolve(op["requestBody"])["content"]["application/json"]
            found += _media_examples(f"{name} request", media)
        for status in op["responses"]:
            media = contract.response(name, int(status)).get("content", {}).get("application/json")
            if media is not None:
                found += _media_examples(f"{name} response {status}", media)
    return found


EXAMPLES = examples()


@pytest.mark.parametrize("name", sorted(pages()))
def test_every_body_and_answer_has_an_example(name: str) -> None:
    op = contract.operation(name)
    wheres = {where.rsplit(" example", 1)[0] for where, _, _ in EXAMPLES if where.startswith(f"{name} ")}
    if "requestBody" in op:
        assert f"{name} request" in wheres
    for status in op["responses"]:
        if "content" in contract.response(name, int(status)):
            assert f"{name} response {status}" in wheres


def test_the_seed_has_several_request_examples() -> None:
    assert sum(where.startswith(f"{SEED} request example ") for where, _, _ in EXAMPLES) >= 2


@pytest.mark.parametrize(("where", "schema", "example"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_is_valid(where: str, schema: dict[str, Any], example: Any) -> None:
    errors = [error.message for error in validator(schema).iter_errors(example)]
    assert not errors, f"{where}: {errors}"


REQUEST_EXAMPLES = [(where, schema, e) for where, schema, e in EXAMPLES if " request example" in where]


@pytest.mark.parametrize(
    ("where", "schema", "example"), REQUEST_EXAMPLES, ids=[e[0] for e in REQUEST_EXAMPLES]
)
def test_request_examples_keep_the_cross_field_rules(
    where: str, schema: dict[str, Any], example: Any
) -> None:
    # The one evaluator of x-constraints (the client's and the server's) judges the contract's own examples.
    assert violations(contract.resolve(schema), example) == [], where


@pytest.mark.parametrize(
    ("name", "field"),
    [(SEED, "resource_ids"), ("StopScriptExecution", "record_id"), ("RetryScriptExecution", "record_id")],
)
def test_the_pages_object_form_example_is_refused(name: str, field: str) -> None:
    # The pages' examples send ids as objects, against their own tables: the contract follows the tables.
    page_example = pages()[name].raw["example_request"]
    assert isinstance(page_example[field][0], dict)
    schema = contract.resolve(contract.operation(name)["requestBody"])["content"]["application/json"][
        "schema"
    ]
    errors = list(validator(schema).iter_errors(page_example))
    paths = {tuple(error.path)[0] for error in errors if error.path}
    assert field in paths, f"{name}: the object form of {field} must be refused"
    if name == SEED:
        assert paths == {"resource_ids", "script_ids"}


def test_the_seed_success_example_is_the_pages() -> None:
    media = contract.response(SEED, 200)["content"]["application/json"]
    assert media["example"] == pages()[SEED].raw["example_response"]
