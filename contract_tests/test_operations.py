"""One clause per table row and documented status of the Script API pages, for every operation.

The original operation (ExecuteScriptOrCommand) keeps its own, deeper clauses in ``test_clauses`` and the
depth modules; here every operation of the group gets: credentials (401), methods (405 with ``Allow``),
malformed JSON (400), each body row (required, type, enum, length, at the limit), each query row
(integers and their ranges, enums, booleans, date-times), each ``x-constraints`` rule both ways, and
unknown ids (404). Each clause carries the source of its row (``x-source`` in openapi.yaml).
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from contract_tests import guard, operations, probes, report, sources, workspace
from contract_tests.constraints import Rule, body_rules, query_rules
from contract_tests.operations import Operation, json_body
from contract_tests.target import Target
from contract_tests.workspace import Library

ALL = operations.all_operations()
NEW = [op for op in ALL if op.operation_id != workspace.EXECUTE]
WITH_BODY = [op for op in NEW if op.body_schema]
LISTS = [op for op in ALL if any(p.name == "limit" for p in op.parameters)]
PROBE_ID = "contract-probe-unknown-0000000000000000"
# What a valid request naming ids a project may lack can get: the documented success, or 403/404.
REFUSED_FOR_IDS = frozenset({403, 404})


def ids(operation: Operation) -> str:
    return operation.operation_id


def call(
    target: Target,
    operation: Operation,
    fixture_ids: dict[str, str] | None = None,
    **kwargs: Any,
) -> requests.Response:
    path_ids = {name: (fixture_ids or {}).get(name, PROBE_ID) for name in operation.path_ids()}
    return operations.call(target, operation, path_ids=path_ids, **kwargs)


def example_body(operation: Operation) -> Any:
    """The contract's example body; a script's made harmless (a probe name, content that prints a line),
    in every mode: no clause needs the example's own script to be refused."""
    if operation.operation_id in (workspace.CREATE, workspace.UPDATE):
        return _valid_body(operation, PROBE_ID)
    return operations.request_example(operation) if operation.body_schema else None


@pytest.fixture
def path_ids(request: pytest.FixtureRequest, operation: Operation) -> dict[str, str]:
    """Real ids for an operation whose clause needs its path to name something that exists."""
    if operation.operation_id in (workspace.UPDATE, workspace.SHOW_SCRIPT, workspace.DELETE):
        script_id, _ = request.getfixturevalue("a_script")
        return {"script_id": script_id}
    return {}


# --- 401 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", NEW, ids=ids)
def test_every_operation_needs_a_credential(contract_target: Target, operation: Operation) -> None:
    response = call(contract_target, operation, body=example_body(operation), credentials=False)
    probes.expect_status(
        response,
        "Status code 401 (every page's Status Codes table): a request without credential",
        {401},
        f"{operation.label} without X-Auth-Token or signature",
    )


@pytest.mark.parametrize("operation", NEW, ids=ids)
def test_every_operation_refuses_a_wrong_credential(contract_target: Target, operation: Operation) -> None:
    body = example_body(operation)
    if contract_target.token:
        response = call(
            contract_target,
            operation,
            body=body,
            credentials=False,
            headers={"X-Auth-Token": contract_target.token + "x"},
        )
    else:
        wrong = Target(
            contract_target.base_url, contract_target.project_id, ak=contract_target.ak, sk="wrong-sk"
        )
        response = call(wrong, operation, body=body)
    probes.expect_status(
        response,
        "Status code 401 (every page's Status Codes table): a wrong credential",
        {401},
        f"{operation.label} with a wrong {'token' if contract_target.token else 'secret key'}",
    )


# --- 405 ----------------------------------------------------------------------------------------------


def _other_methods() -> list[tuple[Operation, str]]:
    cases = []
    for path in operations.paths():
        if path == "/v2/{project_id}/script-executions":
            continue  # test_clauses covers the original path
        allowed = operations.methods_of(path)
        first = next(op for op in ALL if op.path == path)
        cases += [
            (first, method) for method in ("GET", "POST", "PUT", "DELETE", "PATCH") if method not in allowed
        ]
    return cases


@pytest.mark.parametrize(
    ("operation", "method"), _other_methods(), ids=[f"{op.path}-{m}" for op, m in _other_methods()]
)
def test_other_methods_are_405_with_allow(contract_target: Target, operation: Operation, method: str) -> None:
    response = call(contract_target, operation, method=method, raw_body=b"{}")
    allowed = operations.methods_of(operation.path)
    probes.expect_status(
        response,
        "Status code 405 (every page's Status Codes table): a method the path does not have",
        {405},
        f"{method} {operation.path}",
    )
    given = {part.strip().upper() for part in response.headers.get("Allow", "").split(",") if part.strip()}
    report.expect(
        given == allowed,
        "HTTP 405 carries Allow, listing the methods of the path (RFC 9110; openapi.yaml MethodNotAllowed)",
        f"{method} {operation.path}: Allow is {response.headers.get('Allow')!r}, the path has "
        f"{sorted(allowed)}",
        response,
        source=sources.HTTP,
    )


# --- request bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", WITH_BODY, ids=ids)
@pytest.mark.parametrize("payload", [b"{", b"not json", b""], ids=repr)
def test_malformed_json_is_400(
    contract_target: Target, operation: Operation, payload: bytes, request: pytest.FixtureRequest
) -> None:
    fixture_ids = request.getfixturevalue("path_ids") if operation.operation_id == workspace.UPDATE else {}
    response = call(contract_target, operation, fixture_ids, raw_body=payload)
    probes.expect_status(
        response,
        "Status code 400 (Status Codes table): a body that is not JSON",
        {400},
        f"{operation.label} {payload!r}",
    )


def _field_cases() -> list[tuple[Operation, str, str, Any]]:
    """(operation, field, what, value) for every body row whose type, enum or limit a value can break."""
    cases: list[tuple[Operation, str, str, Any]] = []
    for operation in WITH_BODY:
        schema = operations.body_schema(operation.body_schema or "")
        for name, prop in schema["properties"].items():
            kind = prop.get("type")
            if kind == "string":
                cases.append((operation, name, "a number", 7))
                if "enum" in prop:
                    cases.append((operation, name, "a value outside the enum", "NOT-IN-ENUM"))
                if "maxLength" in prop:
                    long = "x" * (prop["maxLength"] + 1)
                    if name == "content":  # still a harmless script, padded: live mode sends it too
                        long = workspace.HARMLESS_CONTENT.ljust(prop["maxLength"] + 1, " ")
                    cases.append((operation, name, "one character too long", long))
                if prop.get("minLength", 0) > 0:
                    cases.append((operation, name, "too short", ""))
            elif kind == "integer":
                cases.append((operation, name, "a digit string", "5"))
                cases.append((operation, name, "a fraction", 1.5))
            elif kind == "array":
                cases.append((operation, name, "an item that is not a string", [7]))
                cases.append((operation, name, "a string instead of an array", "x"))
    return cases


def _row_source(operation: Operation, name: str) -> str:
    schema = operations.body_schema(operation.body_schema or "")
    return operations.source_of(schema["properties"].get(name, {}))


def _valid_body(operation: Operation, script_id: str) -> Any:
    body: Any = operations.request_example(operation) if operation.body_schema else None
    if operation.operation_id == workspace.CREATE:
        return {**body, "name": workspace.probe_name("row"), "content": workspace.HARMLESS_CONTENT}
    if operation.operation_id == workspace.UPDATE:
        return {**body, "name": workspace.probe_name("row"), "content": workspace.HARMLESS_CONTENT}
    if operation.operation_id == workspace.BY_TAG:
        return {**body, "script_ids": [script_id]}
    return body


@pytest.mark.parametrize(
    ("operation", "field", "what", "value"),
    _field_cases(),
    ids=[f"{op.operation_id}-{name}-{what}" for op, name, what, _ in _field_cases()],
)
def test_body_rows_are_enforced(
    contract_target: Target,
    library: Library,
    a_script: tuple[str, dict[str, Any]],
    operation: Operation,
    field: str,
    what: str,
    value: Any,
) -> None:
    """A body breaking one row of the page's body table (type, enum, length) is refused with 400."""
    body = {**_valid_body(operation, a_script[0]), field: value}
    fixture_ids = {"script_id": a_script[0]}
    response = call(contract_target, operation, fixture_ids, body=body)
    _note_created(library, response)
    probes.expect_status(
        response,
        f"{operation.operation_id} body table, row {field}: a value breaking its type or limits is refused",
        {400},
        f"{field} = {what}",
        source=_row_source(operation, field),
    )


def _required_cases() -> list[tuple[Operation, str]]:
    return [
        (operation, name)
        for operation in WITH_BODY
        for name in operations.body_schema(operation.body_schema or "").get("required", [])
    ]


@pytest.mark.parametrize(
    ("operation", "field"),
    _required_cases(),
    ids=[f"{op.operation_id}-{name}" for op, name in _required_cases()],
)
def test_required_body_fields(
    contract_target: Target,
    library: Library,
    a_script: tuple[str, dict[str, Any]],
    operation: Operation,
    field: str,
) -> None:
    body = {key: value for key, value in _valid_body(operation, a_script[0]).items() if key != field}
    response = call(contract_target, operation, {"script_id": a_script[0]}, body=body)
    _note_created(library, response)
    probes.expect_status(
        response,
        f"{operation.operation_id} body table, row {field} (mandatory): a body without it is refused",
        {400},
        f"body without {field}",
    )


def _limit_cases() -> list[tuple[Operation, str, int]]:
    cases = []
    for operation in WITH_BODY:
        for name, prop in operations.body_schema(operation.body_schema or "")["properties"].items():
            if "maxLength" in prop:
                cases.append((operation, name, prop["maxLength"]))
    return cases


@pytest.mark.parametrize(
    ("operation", "field", "length"),
    _limit_cases(),
    ids=[f"{op.operation_id}-{name}" for op, name, _ in _limit_cases()],
)
def test_values_at_the_limit_are_accepted(
    contract_target: Target,
    library: Library,
    a_script: tuple[str, dict[str, Any]],
    operation: Operation,
    field: str,
    length: int,
) -> None:
    """The largest length a row allows is allowed (the limits are inclusive)."""
    body = {**_valid_body(operation, a_script[0]), field: "x" * length}
    if field == "content":
        body[field] = workspace.HARMLESS_CONTENT.ljust(length, " ")  # still harmless: trailing blanks
    with guard.accepting(required=False):
        response = call(contract_target, operation, {"script_id": a_script[0]}, body=body)
    _note_created(library, response)
    probes.expect_status(
        response,
        f"{operation.operation_id} body table, row {field} ({length} characters at most): the limit is "
        "allowed",
        {operation.success} | REFUSED_FOR_IDS,
        f"{field} of {length} characters",
        source=_row_source(operation, field),
    )


def _note_created(library: Library, response: requests.Response) -> None:
    """A create that succeeded (rightly or not) left a script: the run deletes it at the end."""
    script_id = (json_body(response) or {}).get("script_id") if response.status_code == 200 else None
    if isinstance(script_id, str):
        library.created.setdefault(script_id, "(created by a clause)")


# --- query strings ------------------------------------------------------------------------------------


def _query_cases() -> list[tuple[Operation, str, str, Any, str]]:
    """(operation, parameter, what, value, source) of every query row a value can break."""
    cases = []
    for operation in LISTS:
        for parameter in operation.query():
            schema = parameter.schema
            items = schema.get("items", {}) if parameter.is_array else schema
            kind = items.get("type")
            if kind == "integer":
                cases.append((operation, parameter.name, "not a number", "abc", parameter.source))
                cases.append((operation, parameter.name, "a fraction", "1.5", parameter.source))
                if "minimum" in schema:
                    cases.append(
                        (
                            operation,
                            parameter.name,
                            "below the minimum",
                            schema["minimum"] - 1,
                            parameter.source,
                        )
                    )
                if "maximum" in schema:
                    cases.append(
                        (
                            operation,
                            parameter.name,
                            "above the maximum",
                            schema["maximum"] + 1,
                            parameter.source,
                        )
                    )
            elif kind == "boolean":
                cases.append((operation, parameter.name, "not a boolean", "maybe", parameter.source))
            elif "enum" in items:
                cases.append((operation, parameter.name, "outside the enum", "NOT-IN-ENUM", parameter.source))
            elif items.get("format") == "date-time":
                cases.append((operation, parameter.name, "not a date-time", "yesterday", parameter.source))
    return cases


@pytest.mark.parametrize(
    ("operation", "parameter", "what", "value", "source"),
    _query_cases(),
    ids=[f"{op.operation_id}-{name}-{what}" for op, name, what, _, _ in _query_cases()],
)
def test_query_rows_are_enforced(
    contract_target: Target, operation: Operation, parameter: str, what: str, value: Any, source: str
) -> None:
    response = call(contract_target, operation, query={parameter: value})
    probes.expect_status(
        response,
        f"{operation.operation_id} query table, row {parameter}: a value breaking its type or range is "
        "refused",
        {400},
        f"{parameter}={value!r} ({what})",
        source=source,
    )


@pytest.mark.parametrize("operation", LISTS, ids=ids)
@pytest.mark.parametrize("limit", [1, 100])
def test_limits_inside_the_range_are_accepted(
    contract_target: Target, operation: Operation, limit: int
) -> None:
    response = call(contract_target, operation, query={"limit": limit, "offset": 0})
    probes.expect_status(
        response,
        f"{operation.operation_id} query table, row limit (1-100): the ends are allowed",
        {200},
        f"limit={limit}",
    )
    report.expect(
        len(workspace.items(response, _list_key(operation))) <= limit,
        f"{operation.operation_id} query table, row limit: a page holds at most limit items",
        f"limit={limit} answered more items",
        response,
    )


def _list_key(operation: Operation) -> str:
    return {
        workspace.LIST_SCRIPTS: "scripts",
        workspace.LIST_TASKS: "script_tasks",
        workspace.LIST_RECORDS: "script_records",
    }[operation.operation_id]


@pytest.mark.parametrize("operation", [op for op in LISTS if any(p.is_array for p in op.query())], ids=ids)
def test_array_filters_travel_as_repeated_keys(contract_target: Target, operation: Operation) -> None:
    """Array query parameters as SDK 3.1.219 sends them: one key per value (form style, explode)."""
    name = next(p.name for p in operation.query() if p.is_array)
    response = call(contract_target, operation, query={name: [PROBE_ID, PROBE_ID + "-2"]})
    probes.expect_status(
        response,
        f"{operation.operation_id} query table, row {name} (Array of strings, repeated keys): accepted",
        {200},
        f"{name} given twice",
    )


# --- x-constraints ------------------------------------------------------------------------------------


def _rule_cases() -> list[tuple[Operation, Rule]]:
    cases = []
    for operation in NEW:
        own = body_rules(operation.body_schema) if operation.body_schema else ()
        cases += [(operation, rule) for rule in (*own, *query_rules(operation))]
    return cases


def _breaking(operation: Operation, rule: Rule, script_id: str) -> list[tuple[str, Any, dict[str, Any]]]:
    """(what, body, query) requests that break ``rule`` and nothing else."""
    if rule.kind == "exactly_one":
        return [("neither", {}, {}), ("both", {name: PROBE_ID for name in rule.fields}, {})]
    if rule.kind == "not_both":
        body = {
            **_valid_body(operation, script_id),
            **{name: _sample(operation, name, script_id) for name in rule.fields},
        }
        return [("both", _keeping_the_others(operation, rule, body, script_id), {})]
    if rule.kind == "requires" and operation.body_schema:
        body = {
            key: value for key, value in _valid_body(operation, script_id).items() if key not in rule.fields
        }
        body.pop("script_ids", None)  # a command instead of scripts: the two are alternatives
        body[rule.when or ""] = _sample(operation, rule.when or "", script_id)
        return [(f"{rule.when} without {', '.join(rule.fields)}", body, {})]
    if rule.kind == "requires":
        cases = [(f"{rule.when}={rule.equals} alone", None, {rule.when or "": rule.equals})]
        for name in rule.fields:
            cases.append(
                (
                    f"{rule.when}={rule.equals} with {name} only",
                    None,
                    {rule.when or "": rule.equals, name: [PROBE_ID]},
                )
            )
        return cases
    raise AssertionError(f"no breaking request for {rule.kind}")


def _keeping(operation: Operation, rule: Rule, script_id: str) -> tuple[str, Any, dict[str, Any]]:
    if rule.kind == "exactly_one":
        return ("one of them", {rule.fields[0]: PROBE_ID}, {})
    if rule.kind == "not_both":
        return ("scripts only", _valid_body(operation, script_id), {})
    if rule.kind == "requires" and operation.body_schema:
        body = {key: value for key, value in _valid_body(operation, script_id).items() if key != "script_ids"}
        body[rule.when or ""] = _sample(operation, rule.when or "", script_id)
        for name in rule.fields:
            body[name] = _sample(operation, name, script_id)
        return ("with all it requires", body, {})
    return (
        "with all it requires",
        None,
        {rule.when or "": rule.equals, **{name: [PROBE_ID] for name in rule.fields}},
    )


def _keeping_the_others(
    operation: Operation, rule: Rule, body: dict[str, Any], script_id: str
) -> dict[str, Any]:
    """``body`` completed so that it breaks no rule but ``rule`` (a command gets its command_type)."""
    for other in body_rules(operation.body_schema or ""):
        if other != rule and other.kind == "requires" and other.when in body:
            body.update(
                {name: _sample(operation, name, script_id) for name in other.fields if name not in body}
            )
    return body


def _sample(operation: Operation, name: str, script_id: str) -> Any:
    prop = operations.body_schema(operation.body_schema or "")["properties"][name]
    if "enum" in prop:
        return prop["enum"][-1]
    if prop.get("type") == "array":
        return [script_id]
    return workspace.HARMLESS_CONTENT


@pytest.mark.parametrize(
    ("operation", "rule"), _rule_cases(), ids=[f"{op.operation_id}-{r.name}" for op, r in _rule_cases()]
)
def test_rules_are_enforced_both_ways(
    contract_target: Target, request: pytest.FixtureRequest, operation: Operation, rule: Rule
) -> None:
    """x-constraints: a request breaking the rule is refused with 400; one keeping it is not refused for
    it (it may still be 404 for ids the project lacks: probe ids here, or an unknown desktop tag)."""
    clause = f"{operation.operation_id} cross-field rule {rule.name} ({rule.message})"
    # A body rule's twin runs a script the run created; a query rule needs none.
    script_id = request.getfixturevalue("a_script")[0] if operation.body_schema else PROBE_ID
    for what, body, query in _breaking(operation, rule, script_id):
        response = call(contract_target, operation, body=body, query=query)
        probes.expect_status(response, clause, {400}, what, source=rule.source)
    what, body, query = _keeping(operation, rule, script_id)
    # Live mode: an execution by tag keeping the rules names the sandbox tag while the budget lasts.
    with guard.accepting(required=False):
        response = call(contract_target, operation, body=body, query=query)
    probes.expect_status(
        response,
        f"{clause}: a request keeping it is not refused for it",
        {operation.success} | REFUSED_FOR_IDS,
        what,
        source=rule.source,
    )


# --- unknown ids --------------------------------------------------------------------------------------

BY_PATH_ID = [op for op in NEW if op.path_ids()]
BY_BODY_ID = [op for op in NEW if op.operation_id in (workspace.STOP, workspace.RETRY)]


@pytest.mark.parametrize("operation", BY_PATH_ID, ids=ids)
def test_unknown_path_ids_are_404(contract_target: Target, operation: Operation) -> None:
    body = _valid_body(operation, PROBE_ID) if operation.body_schema else None
    response = call(contract_target, operation, body=body)
    probes.expect_status(
        response,
        "Status code 404 (Status Codes table): a script or record that does not exist",
        {404},
        f"{operation.label} naming {PROBE_ID}",
    )


@pytest.mark.parametrize("field", ["task_id", "record_id"])
@pytest.mark.parametrize("operation", BY_BODY_ID, ids=ids)
def test_unknown_tasks_and_records_are_404(contract_target: Target, operation: Operation, field: str) -> None:
    response = call(contract_target, operation, body={field: PROBE_ID})
    probes.expect_status(
        response,
        f"{operation.operation_id}: an unknown {field} is answered 404 (openapi.yaml x-decisions)",
        {404},
        f"{field}={PROBE_ID}",
        source=sources.ASSUMPTION,
    )
