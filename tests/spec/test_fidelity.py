"""openapi.yaml encodes every row of every table of the API reference page, and nothing the page lacks."""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec import contract
from tests.spec.reference_page import TYPES, Row, page, rows, status_codes

ROWS = rows()

# How the page's type names are written in JSON Schema.
JSON_TYPES: dict[str, dict[str, Any]] = {
    "String": {"type": "string"},
    "Integer": {"type": "integer"},
    "Array of strings": {"type": "array", "items": {"type": "string"}},
}


def rows_of(title: str) -> list[Row]:
    return [row for row in ROWS if row.title == title]


def assert_type(schema: dict, page_type: str, where: str) -> None:
    expected = JSON_TYPES[page_type]
    assert schema.get("type") == expected["type"], f"{where}: page says {page_type}, spec says {schema}"
    if "items" in expected:
        items = contract.resolve(schema.get("items", {}))
        assert items.get("type") == "string", f"{where}: items must be strings, spec says {items}"


SCRIPT_API_OPERATIONS = {
    "CreateScript",
    "ListScripts",
    "ShowScriptDetail",
    "UpdateScript",
    "DeleteScript",
    "ExecuteScriptOrCommand",
    "ExecuteScriptByDesktopTag",
    "ListScriptTasks",
    "ListScriptRecords",
    "ShowScriptRecordDetail",
    "StopScriptExecution",
    "RetryScriptExecution",
}


def test_the_page_is_read_whole() -> None:
    # A data file that lost a table would make every test below pass vacuously.
    assert {row.table for row in ROWS} == set(range(1, 12))
    assert len(ROWS) + len(status_codes()) == 1 + 1 + 7 + 1 + 7 * 2 + 8  # the page's 32 rows
    assert {row.type for row in ROWS} <= TYPES
    assert {row.status for row in ROWS if row.location == "response"} == set(status_codes())


def test_operation_identity() -> None:
    paths = contract.spec()["paths"]
    operation_ids = {
        op["operationId"] for item in paths.values() for m, op in item.items() if m != "parameters"
    }
    assert operation_ids == SCRIPT_API_OPERATIONS  # the SDK's names; the desktop-pool ones are another group
    assert list(paths[contract.OPERATION_PATH]) == ["parameters", "post"]
    op = contract.operation()
    assert op["operationId"] == "ExecuteScriptOrCommand"
    assert op["tags"] and op["summary"] and op["description"]
    assert (page()["operation"]["method"], page()["operation"]["path"]) == ("POST", contract.OPERATION_PATH)


@pytest.mark.parametrize("row", rows_of("Path Parameters"), ids=lambda r: r.name)
def test_path_parameter(row: Row) -> None:
    matches = [p for p in contract.parameters() if p["name"] == row.name]
    assert len(matches) == 1, f"path parameter {row.name} must be declared once"
    param = matches[0]
    assert param["in"] == "path"
    assert param.get("required", False) is row.mandatory
    assert_type(param["schema"], row.type, row.name)


@pytest.mark.parametrize("row", rows_of("Request header parameters"), ids=lambda r: r.name)
def test_header_is_a_security_scheme_and_not_mandatory(row: Row) -> None:
    schemes = contract.spec()["components"]["securitySchemes"]
    named = {key: s for key, s in schemes.items() if s.get("name") == row.name}
    assert len(named) == 1, f"{row.name} must be modelled by exactly one security scheme"
    key, scheme = next(iter(named.items()))
    # apiKey schemes carry a string value in a header: the page's String.
    assert (scheme["type"], scheme["in"], JSON_TYPES[row.type]["type"]) == ("apiKey", "header", "string")
    requirements = contract.operation()["security"]
    assert not row.mandatory
    assert any(key not in requirement for requirement in requirements), (
        f"{row.name} is not mandatory: the operation must accept an alternative to it"
    )
    assert not any(p["name"].lower() == row.name.lower() and p.get("required") for p in contract.parameters())


def test_aksk_is_the_alternative_to_the_token() -> None:
    schemes = contract.spec()["components"]["securitySchemes"]
    requirements = contract.operation()["security"]
    assert all(len(requirement) == 1 for requirement in requirements), "each scheme alone must suffice"
    names = {schemes[next(iter(requirement))]["name"] for requirement in requirements}
    assert names == {"X-Auth-Token", "Authorization"}
    assert "SDK-HMAC-SHA256" in schemes["akskSignature"]["description"]
    assert contract.spec()["security"] == requirements


@pytest.mark.parametrize("row", rows_of("Request body parameters"), ids=lambda r: r.name)
def test_body_field(row: Row) -> None:
    schema = contract.request_schema()
    assert row.name in schema["properties"], f"body field {row.name} missing"
    assert_type(schema["properties"][row.name], row.type, row.name)
    assert (row.name in schema.get("required", [])) is row.mandatory


def test_body_has_no_field_the_page_lacks_unless_sourced() -> None:
    """Fields the page does not list are allowed only with their source stated (``x-source``) in the
    field and in its description."""
    page_fields = {row.name for row in rows_of("Request body parameters")}
    properties = contract.request_schema()["properties"]
    assert page_fields <= set(properties)
    for name in set(properties) - page_fields:
        assert properties[name].get("x-source") == "sdk", f"{name} is not on the page and states no source"
        assert "official SDK" in properties[name]["description"], f"{name}: the description hides its source"
    for name in page_fields:
        assert "x-source" not in properties[name], f"{name} is on the page: it needs no other source"


def test_body_is_required_but_no_field_is() -> None:
    assert contract.resolve(contract.operation()["requestBody"])["required"] is True
    assert "required" not in contract.request_schema()


def test_cross_field_rule_is_stated_for_people_and_tools() -> None:
    schema = contract.request_schema()
    stated = [(row.name, row.constraint) for row in ROWS if row.constraint]
    assert stated == [("gray_fail_threshold", {"kind": "less_than", "other": "gray_count"})]
    page_rules = [r for r in schema["x-constraints"] if r["x-source"] == "page"]
    assert [(r["kind"], r["field"], r["other"]) for r in page_rules] == [
        ("less_than", "gray_fail_threshold", "gray_count")
    ]
    assert "`gray_fail_threshold` is less than `gray_count`" in " ".join(schema["description"].split())
    assert "gray_count" in schema["properties"]["gray_fail_threshold"]["description"]


def test_rules_not_on_the_page_are_marked_as_assumptions_from_the_sdk() -> None:
    for rule in contract.request_schema()["x-constraints"]:
        assert rule["x-source"] in {"page", "sdk-assumption"}, rule["name"]
        if rule["x-source"] == "sdk-assumption":
            fields = contract.request_schema()["properties"]
            assert any(fields[name].get("x-source") == "sdk" for name in rule["fields"]), rule["name"]


GUARDS = {"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"}


def test_guards_the_page_does_not_state_are_marked_as_assumptions() -> None:
    for name, field in contract.request_schema()["properties"].items():
        guards = set(field) & {
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "pattern",
        }
        if guards:
            assert "assumption" in field["description"], f"{name}: {guards} not stated by the page"


@pytest.mark.parametrize("status", sorted(status_codes()))
def test_every_documented_status_is_declared(status: int) -> None:
    declared = contract.operation()["responses"]
    assert str(status) in declared, f"status {status} documented by the page is not in the spec"
    assert contract.response(status)["description"]
    assert "X-Request-Id" in contract.response(status)["headers"]


def test_no_status_the_page_lacks() -> None:
    declared = {int(code) for code in contract.operation()["responses"]}
    assert declared == set(status_codes())


@pytest.mark.parametrize("row", rows_of("Response body parameters"), ids=lambda r: f"{r.status}-{r.name}")
def test_response_field(row: Row) -> None:
    assert row.status is not None
    schema = contract.resolve(contract.response(row.status)["content"]["application/json"]["schema"])
    assert row.name in schema["properties"], f"{row.status}: field {row.name} missing"
    assert_type(schema["properties"][row.name], row.type, f"{row.status}.{row.name}")
    assert row.name in schema["required"], f"{row.status}: {row.name} must be required"


def test_errors_share_one_schema() -> None:
    refs = {
        contract.resolve(contract.operation()["responses"][code])["content"]["application/json"]["schema"][
            "$ref"
        ]
        for code in contract.operation()["responses"]
        if code != "200"
    }
    assert refs == {"#/components/schemas/ErrorResponse"}


def test_servers_cover_the_sdk_regions() -> None:
    regions = page()["sdk_regions"]
    (server,) = contract.spec()["servers"]
    assert server["url"] == "https://workspace.{region}.myhuaweicloud.com"
    assert server["variables"]["region"]["enum"] == regions
    assert server["variables"]["region"]["default"] in regions
