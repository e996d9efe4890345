"""Number, null and body forms, and the JSON media type with parameters: each refused with 400 or accepted
where the contract allows it, never answered with a server error.

Live mode: bodies start from the contract's examples, so a real service sees probe ids and answers 404 for
the accepted forms; a refusal (400) starts no task.
"""

from __future__ import annotations

from typing import Any

import pytest

from contract_tests import probes, sources, spec
from contract_tests.target import Target

ACCEPTED = frozenset({200}) | probes.REFUSED_FOR_IDS
INTEGER_VALUES = (
    "Table 3 Integer fields: integer-valued and very large numbers are accepted or refused with 400"
)
NOT_AN_INTEGER = "Table 3 Integer fields: a value that is not a number is refused with 400"
NOT_A_STRING = "Table 3 resource_type (String): a value that is not a string is refused with 400"
ANY_STRING_IS_AN_ID = "Table 3 id arrays (Array of strings): non-ASCII ids are a client's request (no 5xx)"
MALFORMED = "Status code 400 (Table 5): a body that is not JSON is refused with 400"
NULL = "Table 3: null is no value of any field (none is nullable), refused with 400"
NOT_AN_OBJECT = "Table 3: the body is an object, anything else is refused with 400"

# Integer-valued JSON numbers that are not plain integer literals. JSON has one number type, so they
# denote integers; OpenAPI 3.0's schema dialect (JSON Schema draft 4) calls 5.0 a number, not an
# integer. The contract leaves both readings open: accepted, or refused with 400.
INTEGER_VALUED = ["5.0", "1e2", "-0"]
# Integers beyond 32 and 64 bits: valid by the schema (no maximum); a server whose Integer is a machine
# word may refuse them with 400, but overflowing into a server error is a fault.
LARGE = [str(2**31), str(2**63), str(2**64), str(10**30)]
# Not numbers at all: Table 3 types these fields Integer (a boolean is no number in JSON, whatever a
# language that counts True as 1 makes of it).
NOT_NUMBERS = ['"007"', f'"{10**20}"', "true", "false", "{}"]


@pytest.mark.parametrize("field", spec.integer_fields())
@pytest.mark.parametrize("literal", INTEGER_VALUED + LARGE)
def test_integer_forms_are_accepted_or_400(contract_target: Target, field: str, literal: str) -> None:
    """Accepted (200, or 403/404 for the ids) or refused with 400: see INTEGER_VALUED and LARGE."""
    response = probes.post(contract_target, probes.with_raw(_without_rule(field), field, literal))
    if response.status_code in ACCEPTED:
        return
    probes.expect_status(response, INTEGER_VALUES, {400}, f"{field}={literal}")


@pytest.mark.parametrize("field", spec.integer_fields())
@pytest.mark.parametrize("literal", NOT_NUMBERS)
def test_non_numbers_for_integers_are_400(contract_target: Target, field: str, literal: str) -> None:
    response = probes.post(contract_target, probes.with_raw(_without_rule(field), field, literal))
    probes.expect_status(response, NOT_AN_INTEGER, {400}, f"{field}={literal}")


@pytest.mark.parametrize("literal", ["5", "true", "[]", "{}"])
def test_non_strings_for_resource_type_are_400(contract_target: Target, literal: str) -> None:
    response = probes.post(contract_target, probes.with_raw(probes.example(), "resource_type", literal))
    probes.expect_status(response, NOT_A_STRING, {400}, f"resource_type={literal}")


@pytest.mark.parametrize(
    "ids", [["desktop-é"], ["桌面-01"], ["desktop-\u0000"], ["😀"]], ids=["accent", "cjk", "nul", "emoji"]
)
def test_non_ascii_ids_get_no_server_error(contract_target: Target, ids: list[str]) -> None:
    """Any string is an id by Table 3: accepted, not found (404), or refused (400), never a 500."""
    for field in spec.id_list_fields():
        response = probes.post(contract_target, probes.example(**{field: ids}))
        if response.status_code in ACCEPTED:
            continue
        probes.expect_status(response, ANY_STRING_IS_AN_ID, {400}, f"{field}={ids!r}")


@pytest.mark.parametrize("body", [b'{"gray_count": NaN}', b'{"execution_timeout": Infinity}'], ids=repr)
def test_bodies_that_are_not_json_are_400(contract_target: Target, body: bytes) -> None:
    """JSON has no NaN or Infinity (RFC 8259 section 6): such a body is malformed."""
    response = probes.post(contract_target, body)
    probes.expect_status(response, MALFORMED, {400}, f"body {body!r}")


def test_body_that_is_not_utf8_gets_no_server_error(contract_target: Target) -> None:
    """JSON text is UTF-8 (RFC 8259 section 8.1): refused with 400, or read by a lenient decoder (then
    accepted, or its ids not found), but a client's request, never a 5xx."""
    body = b'{"resource_type": "desktop-\xff"}'  # no id in it: live mode's guard sends it as it is
    response = probes.post(contract_target, body)
    if response.status_code not in ACCEPTED:
        probes.expect_status(response, MALFORMED, {400}, "a body that is not UTF-8")


@pytest.mark.parametrize("field", sorted(spec.declared_fields() | spec.sdk_fields()))
def test_null_fields_are_400(contract_target: Target, field: str) -> None:
    """The contract marks no field nullable (OpenAPI 3.0: null is then not a value of the field's type).
    A server reading null as "absent" is common, hence an assumption rather than the page's word."""
    response = probes.post(contract_target, probes.example(**{field: None}))
    probes.expect_status(response, NULL, {400}, f"{field}=null", source=_source(field))


@pytest.mark.parametrize(
    "body", [b"[]", b'[{"script_ids": ["s"]}]', b'"text"', b"5", b"null", b"true"], ids=repr
)
def test_body_that_is_not_an_object_is_400(contract_target: Target, body: bytes) -> None:
    response = probes.post(contract_target, body)
    probes.expect_status(response, NOT_AN_OBJECT, {400}, f"body {body!r}")


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "application/json;charset=UTF-8"]
)
def test_json_media_type_with_parameters_is_json(contract_target: Target, content_type: str) -> None:
    """A media type's parameters do not change it (RFC 9110 section 8.3.1): a valid body
    sent so (as SDKs send it) is treated like the same body sent as ``application/json``."""
    body = probes.example()
    probes.judge_against_twin(
        probes.post(contract_target, body),
        probes.post(contract_target, body, headers={"Content-Type": content_type}),
        "HTTP media types: a valid JSON body with a charset parameter is treated like application/json",
        f"Content-Type {content_type!r} (the twin: application/json)",
        refused=False,
        source=sources.HTTP,
    )


def _without_rule(field: str) -> dict[str, Any]:
    # Alone in the body, a field's own typing is all that is judged (no cross-field rule gets involved).
    return probes.example(**{name: probes.DROP for name in spec.integer_fields() if name != field})


def _source(field: str) -> str:
    return sources.SDK if field in spec.sdk_fields() else sources.ASSUMPTION
