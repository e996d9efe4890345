"""What every answer carries, on every status the suite provokes, not only on answers the fuzzer happens to
get: ``X-Request-Id`` (non-empty, one per answer), the JSON content type, the error body on errors, and
``Allow`` naming POST on a 405. The other depth modules judge only the status they provoke.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest
import requests

from contract_tests import probes, report, sources
from contract_tests.checks import error_body_fields
from contract_tests.target import Target


def _wrong_credential(target: Target) -> requests.Response:
    if target.token:
        return probes.post(
            target, probes.example(), credentials=False, headers={"X-Auth-Token": target.token + "0"}
        )
    assert target.ak and target.sk
    return Target(target.base_url, target.project_id, ak=target.ak, sk=target.sk + "0").send(
        "POST", body=probes.post_body(probes.example())
    )


PROVOKED: dict[str, Callable[[Target], requests.Response]] = {
    "200 valid body": lambda target: probes.post(target, probes.example()),
    "400 malformed JSON": lambda target: probes.post(target, b"{"),
    "400 wrong type": lambda target: probes.post(target, probes.example(gray_count="five")),
    "400 cross-field rule": lambda target: probes.post(
        target, probes.example(gray_count=1, gray_fail_threshold=1)
    ),
    "401 no credential": lambda target: probes.post(target, probes.example(), credentials=False),
    "401 wrong credential": _wrong_credential,
    "401/403/404 foreign project": lambda target: probes.post(
        target, probes.example(), project_id=secrets.token_hex(16)
    ),
    "405 GET": lambda target: target.send("GET"),
    "405 DELETE": lambda target: target.send("DELETE"),
}


@pytest.mark.parametrize("provoke", PROVOKED.values(), ids=PROVOKED.keys())
def test_headers_on_every_provoked_answer(
    contract_target: Target, provoke: Callable[[Target], requests.Response]
) -> None:
    response = provoke(contract_target)
    status = response.status_code
    report.expect(
        bool(response.headers.get("X-Request-Id", "").strip()),
        report.REQUEST_ID,
        f"this {status} answer has no (or an empty) X-Request-Id header",
        response,
        source=sources.ASSUMPTION,
    )
    content_type = response.headers.get("Content-Type", "")
    report.expect(
        report.is_json(response),
        report.JSON_ANSWERS,
        f"this {status} answer's Content-Type is {content_type!r}",
        response,
    )
    if status >= 400:
        problem = error_body_fields(status, response.text)
        report.expect(problem is None, report.ERROR_BODY, str(problem), response)
    if status == 405:
        allowed = {method.strip().upper() for method in response.headers.get("Allow", "").split(",")}
        report.expect(
            "POST" in allowed,
            report.ALLOW_ON_405,
            f"Allow is {response.headers.get('Allow')!r}: RFC 9110 section 15.5.6 has it list the allowed "
            "methods, here POST",
            response,
            source=sources.HTTP,
        )


def test_each_answer_has_its_own_request_id(contract_target: Target) -> None:
    responses = [probes.post(contract_target, b"{") for _ in range(3)]
    ids = [response.headers.get("X-Request-Id") for response in responses]
    report.expect(
        len(set(ids)) == len(ids),
        "X-Request-Id names its request (openapi.yaml components.headers): one id per answer",
        f"three requests were answered with request ids {ids}",
        responses[-1],
        source=sources.ASSUMPTION,
    )
