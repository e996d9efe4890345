"""Input at the edges: repeated credential headers, other charsets, lone surrogates, huge numbers, and
the wording of two messages (integer bounds, a wrong token)."""

from __future__ import annotations

import copy

import httpx
import pytest

from reference_server import errors
from reference_server.errors import ServiceError
from reference_server.spec import request_schema
from reference_server.validation import RequestValidator

from .constants import AK, AUTH, SERVICE_PATH, SK, TOKEN
from .signing_helpers import signed_headers

JSON = {**AUTH, "Content-Type": "application/json"}


def error_of(response: httpx.Response, status: int) -> dict[str, str]:
    assert response.status_code == status, response.text
    body: dict[str, str] = response.json()
    assert set(body) == {"error_code", "error_msg"} and response.headers["x-request-id"]
    return body


@pytest.mark.parametrize(
    "headers",
    [
        [("X-Auth-Token", TOKEN), ("X-Auth-Token", TOKEN)],
        [("X-Auth-Token", "wrong"), ("X-Auth-Token", TOKEN)],  # the last one must not simply win
        [("X-Auth-Token", TOKEN), ("x-auth-token", "other")],
    ],
)
def test_a_credential_header_sent_twice_is_401(client: httpx.Client, headers: list[tuple[str, str]]) -> None:
    response = client.post(
        SERVICE_PATH, content=b"{}", headers=[*headers, ("Content-Type", "application/json")]
    )
    body = error_of(response, 401)
    assert (
        body["error_code"] == "APIGW.0301"
        and "x-auth-token" in body["error_msg"]
        and "more than once" in body["error_msg"]
    )


def test_a_repeated_signature_header_is_401(client: httpx.Client) -> None:
    body = b"{}"
    headers = signed_headers("POST", SERVICE_PATH, client.base_url.netloc.decode(), body, AK, SK)
    wire = [*headers.items(), ("x-sdk-date", headers["x-sdk-date"])]
    assert error_of(client.post(SERVICE_PATH, content=body, headers=wire), 401)["error_code"] == "APIGW.0301"


def test_other_repeated_headers_are_fine(client: httpx.Client) -> None:
    wire = [*JSON.items(), ("Accept", "application/json"), ("Accept", "*/*")]
    assert client.post(SERVICE_PATH, content=b"{}", headers=wire).status_code == 200


@pytest.mark.parametrize("charset", ["latin-1", "ISO-8859-1", "utf-16", '"windows-1252"'])
def test_a_charset_other_than_utf8_is_400_naming_it(client: httpx.Client, charset: str) -> None:
    headers = {**AUTH, "Content-Type": f"application/json; charset={charset}"}
    body = error_of(client.post(SERVICE_PATH, content=b'{"resource_type": "caf\xe9"}', headers=headers), 400)
    assert body["error_code"] == "WKS.0003" and charset.strip('"').lower() in body["error_msg"]
    assert client.get("/_reference/tasks").json() == {"tasks": []}


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"', "utf8"])
def test_utf8_charset_is_accepted(client: httpx.Client, charset: str) -> None:
    headers = {**AUTH, "Content-Type": f"application/json; charset={charset}"}
    response = client.post(SERVICE_PATH, content='{"resource_type": "café"}'.encode(), headers=headers)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "body",
    [
        b'{"resource_type": "\\ud800"}',
        b'{"script_ids": ["ok", "x\\uDFFFy"]}',
        b'{"\\udc00": 1}',
        b'{"resource_ids": [["\\ud83d"]]}',
    ],
)
def test_a_lone_surrogate_is_400(client: httpx.Client, body: bytes) -> None:
    answer = error_of(client.post(SERVICE_PATH, content=body, headers=JSON), 400)
    assert answer["error_code"] == "WKS.0002" and "surrogate" in answer["error_msg"]
    assert client.get("/_reference/tasks").json() == {"tasks": []}


def test_a_surrogate_pair_is_text(client: httpx.Client) -> None:
    response = client.post(SERVICE_PATH, content=b'{"resource_type": "\\ud83d\\ude00"}', headers=JSON)
    assert response.status_code == 200
    (task,) = client.get("/_reference/tasks").json()["tasks"]
    assert task["request"] == {"resource_type": "\N{GRINNING FACE}"}


@pytest.mark.parametrize(
    "number", [b"1" + b"0" * 4300, b"-" + b"9" * 5000, b"1" * 101, b"1e999", b"-1e400"], ids=len
)
def test_huge_numbers_get_our_own_400(client: httpx.Client, number: bytes) -> None:
    answer = error_of(
        client.post(SERVICE_PATH, content=b'{"execution_timeout": ' + number + b"}", headers=JSON), 400
    )
    assert answer["error_code"] == "WKS.0009", answer
    assert "sys.set_int_max_str_digits" not in answer["error_msg"] and "100 digits" in answer["error_msg"]


def test_long_but_sane_numbers_reach_the_schema(client: httpx.Client) -> None:
    response = client.post(SERVICE_PATH, content=b'{"execution_timeout": ' + b"9" * 100 + b"}", headers=JSON)
    assert response.status_code == 200  # the contract sets no upper bound


def test_an_integer_bound_reads_as_an_integer_even_when_loaded_as_a_float() -> None:
    schema = copy.deepcopy(request_schema())
    schema["properties"]["gray_count"]["minimum"] = 0.0  # how a float-typed loader would hand it over
    with pytest.raises(ServiceError) as caught:
        RequestValidator(schema).check({"gray_count": -1})
    assert caught.value.message.endswith("gray_count must be bigger than or equal to 0"), caught.value.message


def test_a_wrong_token_is_explained(client: httpx.Client) -> None:
    body = error_of(client.post(SERVICE_PATH, json={}, headers={"X-Auth-Token": "nope"}), 401)
    assert body["error_code"] == "APIGW.0301"
    assert body["error_msg"].startswith(errors.BAD_CREDENTIAL.message.rstrip("."))
    assert "X-Auth-Token" in body["error_msg"] and body["error_msg"] != "bad token."
