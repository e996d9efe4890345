"""openapi.yaml encodes every row of every table of the Script group's reference pages, and labels the source
of whatever it holds that no page states.

The pages are data in ``pages/<OperationId>.yaml`` (see ``reference_pages``). Each test id names the
operation and the row, so a failure says which documented row the contract breaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

from tests.spec import contract
from tests.spec.reference_pages import (
    FACTS,
    LOCATIONS,
    SEED,
    SOURCES,
    TYPES,
    Page,
    Row,
    Rule,
    pages,
    rows,
    rules,
)

PAGES = pages()
ROWS = rows()
RULES = rules()
# The official SDK's names of the group's twelve operations (huaweicloudsdkworkspace 3.1.219).
SDK_OPERATIONS = {
    "CreateScript", "ListScripts", "ShowScriptDetail", "UpdateScript", "DeleteScript",
    "ExecuteScriptOrCommand", "ExecuteScriptByDesktopTag", "ListScriptTasks", "ListScriptRecords",
    "ShowScriptRecordDetail", "StopScriptExecution", "RetryScriptExecution",
}  # fmt: skip
# Another API group ("Desktop Pools") that the SDK happens to put beside them.
DESKTOP_POOL_OPERATIONS = {"ExecuteDesktopPoolScript", "ShowDesktopPoolsScriptExecTasks"}
LABELS = {"page", "sdk", "sdk-assumption", "assumption"}
# How the pages' type names are written in JSON Schema. DateTime (the SDK's and the older English copies'
# word for the time fields) is a string too: the contract keeps time fields strings.
JSON_TYPES = {
    "String": "string",
    "DateTime": "string",
    "Integer": "integer",
    "Boolean": "boolean",
    "Array of strings": "array",
    "Array of objects": "array",
}
GUARDS = {
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
    "maxItems", "pattern", "format", "enum", "default", "multipleOf",
}  # fmt: skip


def by_location(*locations: str) -> list[Row]:
    return [row for row in ROWS if row.location in locations]


def ident(item: Any) -> str:
    return str(item.id)


# --- finding the contract node a row describes ---------------------------------------------------------


def node_of(row: Row) -> dict[str, Any]:
    """The contract's object for the row: a parameter, or a property of a body or response schema."""
    if row.location in {"path", "query"}:
        named = [p for p in contract.parameters(row.operation) if p["name"] == row.name]
        assert named, f"{row.id}: no parameter {row.name}"
        assert [p["in"] for p in named] == [row.location], f"{row.id}: declared in {[p['in'] for p in named]}"
        return named[0]
    if row.location == "body":
        schema = contract.request_schema(row.operation)
        assert schema is not None, f"{row.id}: the operation has no request body"
    else:
        assert row.status is not None
        schema = contract.response_schema(row.operation, row.status)
        assert schema is not None, f"{row.id}: the {row.status} answer has no body"
        for part in row.within:
            holder = contract.flatten(schema).get("properties", {})
            assert part in holder, f"{row.id}: no field {part} to hold the nested table"
            schema = contract.items_of(holder[part])
    properties = contract.flatten(schema).get("properties", {})
    assert row.name in properties, f"{row.id}: field {row.name} missing"
    found: dict[str, Any] = properties[row.name]
    return found


def schema_of(row: Row, node: dict[str, Any]) -> dict[str, Any]:
    return contract.flatten(node["schema"] if row.location in {"path", "query"} else node)


@cache
def backing() -> dict[int, list[Row]]:
    """id() of each contract node -> the rows that describe it (several where pages share a schema)."""
    found: dict[int, list[Row]] = {}
    for row in ROWS:
        if row.location == "header":
            continue
        try:
            node = node_of(row)
        except AssertionError:
            continue  # that row's own test reports it
        found.setdefault(id(node), []).append(row)
    return found


def source_label(node: dict[str, Any]) -> str | None:
    label = node.get("x-source", contract.flatten(node.get("schema", node)).get("x-source"))
    return None if label is None else str(label)


def description(node: dict[str, Any]) -> str:
    flat = contract.flatten(node.get("schema", node))
    return " ".join(str(node.get("description", "")).split() + str(flat.get("description", "")).split())


# --- the pages themselves ------------------------------------------------------------------------------


def test_every_page_is_read_whole() -> None:
    # A data file that lost a table or a page would make the tests below pass vacuously.
    assert set(PAGES) == SDK_OPERATIONS
    for page in PAGES.values():
        assert page.success_status in page.status_codes, page.operation
        assert page.error_statuses == {400, 401, 403, 404, 405, 500, 503}, page.operation
        assert {row.status for row in page.rows if row.location == "response"} <= set(page.status_codes)
        assert any(row.location == "path" and row.name == "project_id" for row in page.rows), page.operation
    assert {row.type for row in ROWS} <= TYPES
    assert {row.location for row in ROWS} <= LOCATIONS
    assert {row.source for row in ROWS} <= SOURCES
    assert len({row.id for row in ROWS}) == len(ROWS), "two rows with one id"


def test_the_seed_pages_32_rows_still_hold() -> None:
    seed = PAGES[SEED]
    page_rows = [row for row in seed.rows if row.source == "page"]
    assert {row.number for row in page_rows} == set(range(1, 12))
    assert len(page_rows) + len(seed.status_codes) == 1 + 1 + 7 + 1 + 7 * 2 + 8


# --- operations ----------------------------------------------------------------------------------------


def test_operation_ids_are_the_sdks_twelve() -> None:
    found = [str(op.get("operationId")) for _, _, op in contract.operations()]
    assert sorted(found) == sorted(SDK_OPERATIONS)


def test_desktop_pool_operations_are_absent() -> None:
    found = {op.get("operationId") for _, _, op in contract.operations()}
    assert not found & DESKTOP_POOL_OPERATIONS
    assert not [path for path in contract.spec()["paths"] if "desktop-pool" in path]


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_operation_method_and_uri(page: Page) -> None:
    method, path, op = contract.find(page.operation)
    assert (method, path) == (page.method, page.path)
    assert op["tags"] and op["summary"] and op["description"]


def test_no_operation_the_pages_lack() -> None:
    declared = {(method, path) for method, path, _ in contract.operations()}
    assert declared == {(page.method, page.path) for page in PAGES.values()}


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_success_status_exactly_as_documented(page: Page) -> None:
    responses = contract.operation(page.operation)["responses"]
    assert [code for code in responses if code.startswith("2")] == [str(page.success_status)]
    answer = contract.response(page.operation, page.success_status)
    assert answer["description"]
    if page.success_body:
        assert "content" in answer, f"{page.operation}: {page.success_status} has a body on the page"
        model = page.models.get("Response body parameters")
        ref = answer["content"]["application/json"]["schema"].get("$ref", "")
        assert model is None or ref == f"#/components/schemas/{model}", f"the SDK calls it {model}"
    else:
        assert "content" not in answer, f"{page.operation}: {page.success_status} has no body on the page"


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_error_statuses_with_the_error_body(page: Page) -> None:
    responses = contract.operation(page.operation)["responses"]
    assert {int(code) for code in responses} == set(page.status_codes)
    for status in page.error_statuses:
        media = contract.response(page.operation, status)["content"]["application/json"]
        assert media["schema"] == {"$ref": "#/components/schemas/ErrorResponse"}, status
        assert set(contract.flatten(media["schema"])["required"]) == {"error_code", "error_msg"}
    for code in responses:
        assert "X-Request-Id" in contract.response(page.operation, int(code))["headers"], code


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_request_body_as_documented(page: Page) -> None:
    op = contract.operation(page.operation)
    body_rows = [row for row in page.rows if row.location == "body" and row.source == "page"]
    assert ("requestBody" in op) is bool(body_rows), f"{page.operation}: the page's body table"
    if body_rows:
        assert contract.resolve(op["requestBody"])["required"] is True
        mandatory = {row.name for row in body_rows if row.mandatory}
        required = contract.flatten(contract.request_schema(page.operation)).get("required", [])
        assert set(required) == mandatory, f"{page.operation}: the page makes {sorted(mandatory)} mandatory"
        model = page.models["Request body parameters"]
        ref = contract.resolve(op["requestBody"])["content"]["application/json"]["schema"].get("$ref")
        assert ref == f"#/components/schemas/{model}", f"the SDK calls it {model}"


# --- rows ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", by_location("path", "query", "body", "response"), ids=ident)
def test_row(row: Row) -> None:
    node = node_of(row)
    schema = schema_of(row, node)
    expected = JSON_TYPES[row.type]
    assert schema.get("type") == expected, f"{row.id}: the page says {row.type}, the contract {schema}"
    if row.type == "Array of strings":
        assert contract.items_of(schema).get("type") == "string", f"{row.id}: items must be strings"
    if row.type == "Array of objects":
        items = contract.items_of(schema)
        assert items.get("type") == "object" and items.get("properties"), f"{row.id}: items must be objects"
        if row.object:
            ref = schema.get("items", {}).get("$ref", "")
            assert ref == f"#/components/schemas/{row.object}", (
                f"{row.id}: the SDK calls the items {row.object}"
            )
    if row.location in {"path", "query"}:
        assert node.get("required", False) is row.mandatory, f"{row.id}: mandatory is {row.mandatory}"
    elif row.location == "body":
        required = contract.flatten(contract.request_schema(row.operation)).get("required", [])
        assert (row.name in required) is row.mandatory, f"{row.id}: mandatory is {row.mandatory}"
    for fact, keyword in FACTS.items():
        if fact in row.facts:
            stated = row.facts[fact]
            found = schema.get(keyword, 0 if keyword == "minLength" else None)
            if keyword == "enum":
                assert sorted(found or []) == sorted(stated), f"{row.id}: values {stated}, contract {found}"
            else:
                assert found == stated, f"{row.id}: {fact} {stated!r}, contract {keyword} {found!r}"
    if row.values is not None:
        allowed = schema.get("enum") or list(range(schema["minimum"], schema["maximum"] + 1))
        assert sorted(allowed) == sorted(row.values), f"{row.id}: values {row.values}, contract {allowed}"
    label = source_label(node)
    page_backed = any(other.source == "page" for other in backing().get(id(node), [row]))
    if row.source == "sdk" and not page_backed:
        assert label in {"sdk", "sdk-assumption"}, f"{row.id}: from the SDK only; label it x-source: sdk"
    if row.source == "page":
        assert label is None or not label.startswith("sdk"), f"{row.id}: on the page, labelled {label}"
    if label == "assumption" and row.source == "page":
        assert "assumption" in description(node), f"{row.id}: say what about it is assumed"


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_no_parameter_is_mandatory_unless_documented(page: Page) -> None:
    mandatory = {(row.name, row.location) for row in page.rows if row.mandatory}
    for param in contract.parameters(page.operation):
        if param.get("required"):
            assert (param["name"], param["in"]) in mandatory, f"{page.operation}: {param['name']} is optional"


@pytest.mark.parametrize("row", by_location("header"), ids=ident)
def test_header_is_a_security_scheme_and_not_mandatory(row: Row) -> None:
    schemes = contract.spec()["components"]["securitySchemes"]
    named = {key: s for key, s in schemes.items() if s.get("name") == row.name}
    assert len(named) == 1, f"{row.id}: must be modelled by exactly one security scheme"
    key, scheme = next(iter(named.items()))
    # apiKey schemes carry a string value in a header: the page's String.
    assert (scheme["type"], scheme["in"], JSON_TYPES[row.type]) == ("apiKey", "header", "string")
    requirements = contract.security(row.operation)
    assert any(key in requirement for requirement in requirements), f"{row.id}: not accepted"
    assert not row.mandatory
    assert any(key not in requirement for requirement in requirements), (
        f"{row.id}: not mandatory: the operation must accept an alternative to it"
    )
    params = contract.parameters(row.operation)
    assert not any(p["name"].lower() == row.name.lower() and p.get("required") for p in params)


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_iam_action_as_documented(page: Page) -> None:
    # The newer copies' authorization table: what an identity policy must grant (a 403 otherwise).
    documented = dict(page.raw["authorization"])
    conflict = documented.pop("conflict", None)
    stated = contract.operation(page.operation).get("x-iam")
    assert stated is not None, f"{page.operation}: x-iam missing ({documented['action']})"
    assert {key: stated.get(key) for key in documented} == documented, page.operation
    if conflict:
        assert stated.get("note"), f"{page.operation}: the copies disagree ({conflict}); say so in x-iam.note"


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_token_or_aksk_on_every_operation(page: Page) -> None:
    schemes = contract.spec()["components"]["securitySchemes"]
    requirements = contract.security(page.operation)
    assert all(len(requirement) == 1 for requirement in requirements), "each scheme alone must suffice"
    assert {schemes[next(iter(requirement))]["name"] for requirement in requirements} == {
        "X-Auth-Token",
        "Authorization",
    }


def test_aksk_is_the_alternative_to_the_token() -> None:
    schemes = contract.spec()["components"]["securitySchemes"]
    assert "SDK-HMAC-SHA256" in schemes["akskSignature"]["description"]


def test_array_query_parameters_travel_as_repeated_keys() -> None:
    # What SDK 3.1.219 sends on the wire (?task_id=a&task_id=b): OpenAPI's form style, exploded.
    arrays = [row for row in by_location("query") if row.type == "Array of strings"]
    assert arrays
    for row in arrays:
        param = node_of(row)
        assert (param.get("style", "form"), param.get("explode", True)) == ("form", True), row.id


# --- rules across fields ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractRule:
    operation: str
    location: str
    entry: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.operation}:{self.location}:{self.entry.get('name')}"

    def matches(self, rule: Rule) -> bool:
        entry = self.entry
        fields = set(entry.get("fields", [])) | {entry.get(k) for k in ("field", "other", "when")} - {None}
        return (self.operation, self.location, entry.get("kind"), frozenset(fields)) == (
            rule.operation, rule.location, rule.kind, rule.fields,
        ) and (entry.get("when"), entry.get("equals")) == (rule.when, rule.equals)  # fmt: skip


def contract_rules() -> list[ContractRule]:
    found = []
    for _, _, op in contract.operations():
        name = op.get("operationId", "?")
        found += [ContractRule(name, "query", entry) for entry in op.get("x-constraints", [])]
        schema = contract.request_schema(name) if "requestBody" in op else None
        found += [ContractRule(name, "body", entry) for entry in (schema or {}).get("x-constraints", [])]
    return found


CONTRACT_RULES = contract_rules()


@pytest.mark.parametrize("rule", RULES, ids=ident)
def test_page_rule_is_in_the_contract(rule: Rule) -> None:
    matching = [found for found in CONTRACT_RULES if found.matches(rule)]
    assert matching, f"{rule.id}: the page states it; openapi.yaml x-constraints lacks it"
    assert [found.entry.get("x-source") for found in matching] == ["page"], f"{rule.id}: it is the page's"


@pytest.mark.parametrize("found", CONTRACT_RULES, ids=ident)
def test_contract_rule_is_the_pages_or_labelled(found: ContractRule) -> None:
    entry = found.entry
    assert entry.get("x-source") in LABELS, f"{found.id}: x-source missing or unknown"
    assert entry.get("name") and entry.get("message"), found.id
    if entry["x-source"] == "page":
        assert any(found.matches(rule) for rule in RULES), f"{found.id}: no page states it"


def test_seed_rule_is_stated_for_people_and_tools() -> None:
    schema = contract.request_schema(SEED)
    assert schema is not None
    assert "`gray_fail_threshold` is less than `gray_count`" in " ".join(schema["description"].split())
    assert "gray_count" in schema["properties"]["gray_fail_threshold"]["description"]
    for rule in schema["x-constraints"]:
        if rule["x-source"] == "sdk-assumption":
            assert any(schema["properties"][name].get("x-source") == "sdk" for name in rule["fields"]), rule


# --- decisions -------------------------------------------------------------------------------------------


def decisions() -> list[tuple[str, dict[str, Any]]]:
    return [
        (op.get("operationId", "?"), d)
        for _, _, op in contract.operations()
        for d in op.get("x-decisions", [])
    ]


@pytest.mark.parametrize(
    ("operation", "decision"), decisions(), ids=[f"{o}:{d.get('name')}" for o, d in decisions()]
)
def test_decision_carries_its_source(operation: str, decision: dict[str, Any]) -> None:
    assert decision.get("x-source") in LABELS and decision.get("text"), decision
    if decision["x-source"] == "page":
        assert decision["name"] in PAGES[operation].behaviours, f"{operation}: no page row states {decision}"


@pytest.mark.parametrize("page", [p for p in PAGES.values() if p.behaviours], ids=lambda p: p.operation)
def test_page_behaviour_is_written_down(page: Page) -> None:
    stated = {
        d["name"]
        for d in contract.operation(page.operation).get("x-decisions", [])
        if d["x-source"] == "page"
    }
    assert set(page.behaviours) <= stated


# --- everything the contract holds: page-backed, or labelled --------------------------------------------


@dataclass(frozen=True, eq=False)
class Node:
    id: str
    obj: dict[str, Any]
    in_request: bool


def _walk_schema(prefix: str, schema: Any, in_request: bool) -> Iterator[Node]:
    for name, prop in contract.flatten(schema).get("properties", {}).items():
        yield Node(prefix + name, prop, in_request)
        flat = contract.flatten(prop)
        if flat.get("type") == "array":
            yield from _walk_schema(f"{prefix}{name}[].", contract.items_of(prop), in_request)
        elif flat.get("properties"):
            yield from _walk_schema(f"{prefix}{name}.", flat, in_request)


def contract_nodes() -> list[Node]:
    """Every parameter and every field (nested ones too) of every operation, each object once."""
    found: dict[int, Node] = {}
    for _, _, op in contract.operations():
        name = op.get("operationId", "?")
        nodes = [Node(f"{name}:{p['in']}:{p['name']}", p, True) for p in contract.parameters(name)]
        if "requestBody" in op:
            nodes += _walk_schema(f"{name}:body:", contract.request_schema(name), True)
        for status in op.get("responses", {}):
            nodes += _walk_schema(
                f"{name}:{status}:", contract.response_schema(name, int(status)) or {}, False
            )
        for node in nodes:
            found.setdefault(id(node.obj), node)
    return list(found.values())


NODES = contract_nodes()


@pytest.mark.parametrize("node", NODES, ids=ident)
def test_contract_node_is_page_backed_or_labelled(node: Node) -> None:
    described = backing().get(id(node.obj), [])
    label = source_label(node.obj)
    assert label is None or label in LABELS, f"{node.id}: unknown x-source {label}"
    if not described:
        assert label in LABELS - {"page"}, f"{node.id}: no page has this row; label its source (x-source)"
    elif all(row.source == "sdk" for row in described):
        assert label in {"sdk", "sdk-assumption"}, f"{node.id}: only the SDK has it ({described[0].id})"


@pytest.mark.parametrize(
    "node", [n for n in NODES if set(contract.flatten(n.obj.get("schema", n.obj))) & GUARDS], ids=ident
)
def test_guard_is_the_pages_or_labelled_an_assumption(node: Node) -> None:
    """A bound, value list, default or format no row states is a decision: its description says so."""
    schema = contract.flatten(node.obj.get("schema", node.obj))
    described = backing().get(id(node.obj), [])
    for guard in sorted(set(schema) & GUARDS):
        stated = any(_states(row, guard, schema[guard]) for row in described)
        labelled = source_label(node.obj) in {"assumption", "sdk-assumption"} or "assumption" in description(
            node.obj
        )
        assert stated or labelled, (
            f"{node.id}: {guard}={schema[guard]!r} is on no page; say it is an assumption"
        )


def _states(row: Row, keyword: str, value: Any) -> bool:
    for fact, name in FACTS.items():
        if name == keyword and fact in row.facts:
            stated = row.facts[fact]
            return sorted(stated) == sorted(value) if keyword == "enum" else bool(stated == value)
    if row.values is not None:
        return {"minimum": min(row.values), "maximum": max(row.values)}.get(keyword) == value or (
            keyword == "enum" and sorted(value) == sorted(row.values)
        )
    return False


def test_response_requires_only_documented_fields() -> None:
    for node in NODES:
        schema = contract.flatten(node.obj)
        for name in schema.get("required", []) if not node.in_request else []:
            child = schema["properties"][name]
            assert backing().get(id(child)), f"{node.id}.{name}: required but on no page"


def test_seed_body_fields_on_the_page_carry_no_source() -> None:
    schema = contract.request_schema(SEED)
    assert schema is not None
    for row in PAGES[SEED].rows:
        if row.location == "body" and row.source == "page":
            assert "x-source" not in schema["properties"][row.name], f"{row.id}: on the page, needs no source"
        if row.location == "body" and row.source == "sdk":
            assert "official SDK" in schema["properties"][row.name]["description"], f"{row.id}: say so"
    assert "required" not in schema, "the seed page marks no body field mandatory"


def test_servers_cover_the_sdk_regions() -> None:
    regions = PAGES[SEED].raw["sdk_regions"]
    (server,) = contract.spec()["servers"]
    assert server["url"] == "https://workspace.{region}.myhuaweicloud.com"
    assert server["variables"]["region"]["enum"] == regions
    assert server["variables"]["region"]["default"] in regions
