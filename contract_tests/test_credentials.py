"""Near-miss credentials: a credential that is almost right is still wrong (Table 2, status code 401).

Token mode changes one character of the token, its letter case, its length (truncated, suffixed). AK/SK
mode signs with an unknown AK or another SK, changes the request after signing (body, path, query, a
signed header), leaves ``host`` or ``x-sdk-date`` out of the signed headers, or sends a malformed
``X-Sdk-Date``. None of these needs ids a project has: they are refused before any task could start.
"""

from __future__ import annotations

import json
import secrets
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import requests
from workspace_scripts_client import signing

from contract_tests import probes, report, sources
from contract_tests.aksk import SIGNED, AkSkAuth
from contract_tests.target import Target
from contract_tests.test_clauses import expect_error

CLAUSE = "Table 2 / status code 401 (Table 6): a near-miss credential is refused"
TAMPERED = "Table 2 / status code 401 (Table 6): a signature does not cover a request changed after signing"
# The contract's signing rules (openapi.yaml akskSignature), which the page leaves to the signing guide.
SIGNING_CLAUSE = "openapi.yaml akskSignature: host and x-sdk-date signed, X-Sdk-Date as YYYYMMDDTHHMMSSZ"


class GatewayRuleWarning(UserWarning):
    """A rule of the real API gateway that the page does not state: reported, never failed."""


def _changed_at(index: int) -> Callable[[str], str]:
    def change(secret: str) -> str:
        at = index % len(secret)
        return secret[:at] + ("A" if secret[at] != "A" else "B") + secret[at + 1 :]

    return change


TOKEN_NEAR_MISSES: dict[str, Callable[[str], str]] = {
    "its first character changed": _changed_at(0),
    "its middle character changed": lambda token: _changed_at(len(token) // 2)(token),
    "its last character changed": _changed_at(-1),
    "its letter case swapped": str.swapcase,
    "its last character cut": lambda token: token[:-1],
    "a character appended": lambda token: token + "0",
}


def _token(target: Target) -> str:
    if not target.token:
        pytest.skip(
            "token near-misses need token mode: "
            + ("--bundled-auth token" if target.bundled else "--token instead of --ak/--sk")
        )
    return target.token


def _keys(target: Target) -> tuple[str, str]:
    if target.token or not (target.ak and target.sk):
        # Not "incomplete": this run's credential kind cannot judge them; another run (named here) does.
        pytest.skip(
            "AK/SK near-misses need AK/SK mode: "
            + ("--bundled-auth aksk runs them" if target.bundled else "--ak/--sk without --token")
        )
    return target.ak, target.sk


@pytest.mark.parametrize("near_miss", TOKEN_NEAR_MISSES)
def test_near_miss_token_is_401(contract_target: Target, near_miss: str) -> None:
    token = _token(contract_target)
    wrong = TOKEN_NEAR_MISSES[near_miss](token)
    if wrong == token:
        pytest.skip("the token has no letters, so changing their case changes nothing")
    response = probes.post(
        contract_target, probes.example(), credentials=False, headers={"X-Auth-Token": wrong}
    )
    expect_error(response, CLAUSE, {401})


def signed(target: Target, auth: AkSkAuth) -> requests.PreparedRequest:
    """The example request, signed by ``auth`` (and not sent)."""
    data = probes.post_body(probes.example())
    headers = {"Content-Type": "application/json"}
    return probes.prepare(requests.Request("POST", target.url(), data=data, headers=headers, auth=auth))


@pytest.mark.parametrize("who", ["unknown AK", "AK in other case", "another SK"])
def test_near_miss_keys_are_401(contract_target: Target, who: str) -> None:
    ak, sk = _keys(contract_target)
    if who == "unknown AK":
        ak, sk = secrets.token_hex(10).upper(), sk  # the right SK: only the AK is wrong
    elif who == "AK in other case":
        if ak.swapcase() == ak:
            pytest.skip("the AK has no letters, so changing their case changes nothing")
        ak = ak.swapcase()
    else:
        sk = _changed_at(-1)(sk)
    prepared = signed(contract_target, AkSkAuth(ak, sk, contract_target.project_id))
    expect_error(probes.send(contract_target, prepared), CLAUSE, {401})


SIGNATURE_NEAR_MISSES: dict[str, Callable[[str], str]] = {
    "last hex digit changed": lambda value: value[:-1] + ("1" if value.endswith("0") else "0"),
    "truncated to 32 characters": lambda value: value[:32],
}


@pytest.mark.parametrize("near_miss", SIGNATURE_NEAR_MISSES)
def test_near_miss_signature_is_401(contract_target: Target, near_miss: str) -> None:
    ak, sk = _keys(contract_target)
    prepared = signed(contract_target, AkSkAuth(ak, sk, contract_target.project_id))
    head, _, value = str(prepared.headers["Authorization"]).rpartition("Signature=")
    prepared.headers["Authorization"] = head + "Signature=" + SIGNATURE_NEAR_MISSES[near_miss](value)
    expect_error(probes.send(contract_target, prepared), CLAUSE, {401})


@pytest.fixture(scope="module")
def genuine(contract_target: Target) -> requests.PreparedRequest:
    """A correctly signed request, sent once: what the tampered copies of it are compared with."""
    ak, sk = _keys(contract_target)
    prepared = signed(contract_target, AkSkAuth(ak, sk, contract_target.project_id))
    response = probes.send(contract_target, prepared.copy())
    report.expect(
        response.status_code != 401,
        "Table 2: a request signed with the right AK/SK is authenticated",
        "the genuine twin of the tampered requests was refused with 401",
        response,
    )
    return prepared


def _tamper_body(prepared: requests.PreparedRequest, target: Target) -> None:
    # Changed from the signed body itself, so whatever ids it names (live mode steers them) stay.
    body = json.loads(probes.post_body(prepared.body or b"{}"))
    body["execution_timeout"] = int(body.get("execution_timeout", 0)) + 1
    prepared.prepare_body(json.dumps(body).encode(), None)


def _tamper_path(prepared: requests.PreparedRequest, target: Target) -> None:
    prepared.url = target.url(secrets.token_hex(16))


def _tamper_query(prepared: requests.PreparedRequest, target: Target) -> None:
    prepared.url = f"{prepared.url}?dry_run=true"


def _tamper_signed_header(prepared: requests.PreparedRequest, target: Target) -> None:
    prepared.headers["X-Project-Id"] = secrets.token_hex(16)


# What each change may be answered with. The path can only change to another project's, and the contract
# lets a server refuse a foreign project with 401, 403 or 404, before or after looking at the signature.
TAMPERS = {
    "body": (_tamper_body, {401}),
    "path": (_tamper_path, {401, 403, 404}),
    "query": (_tamper_query, {401}),
    "signed header X-Project-Id": (_tamper_signed_header, {401}),
}


@pytest.mark.parametrize("tamper", TAMPERS)
def test_request_changed_after_signing_is_refused(
    contract_target: Target, genuine: requests.PreparedRequest, tamper: str
) -> None:
    """The genuine request was authenticated; the same signature on a changed request must not be."""
    change, statuses = TAMPERS[tamper]
    changed = genuine.copy()
    change(changed, contract_target)
    response = probes.send(contract_target, changed)
    expect_error(response, TAMPERED, statuses)


@pytest.mark.parametrize("left_out", ["host", signing.DATE_HEADER.lower()])
def test_signature_must_cover_host_and_date(contract_target: Target, left_out: str) -> None:
    ak, sk = _keys(contract_target)
    names = tuple(name for name in SIGNED if name != left_out)
    prepared = signed(contract_target, AkSkAuth(ak, sk, contract_target.project_id, signed=names))
    response = probes.send(contract_target, prepared)
    expect_error(response, SIGNING_CLAUSE, {401}, source=sources.ASSUMPTION)


@pytest.mark.parametrize("date", ["2026-11-29T04:50:00Z", "20261129T045000", "not a date"], ids=repr)
def test_malformed_sdk_date_is_401(contract_target: Target, date: str) -> None:
    """Signed over the malformed date, so the date's shape is the only thing wrong."""
    ak, sk = _keys(contract_target)
    prepared = signed(contract_target, AkSkAuth(ak, sk, contract_target.project_id, date=date))
    response = probes.send(contract_target, prepared)
    expect_error(response, SIGNING_CLAUSE, {401}, source=sources.ASSUMPTION)


def test_sdk_date_far_from_now_is_only_warned_about(contract_target: Target) -> None:
    """The gateway refuses signatures dated more than 15 minutes away; the page does not say so, hence a
    warning when such a request is accepted. A refusal must still be a proper 401."""
    ak, sk = _keys(contract_target)
    stale = signing.sdk_date(datetime.now(UTC) - timedelta(days=1))
    prepared = signed(contract_target, AkSkAuth(ak, sk, contract_target.project_id, date=stale))
    response = probes.send(contract_target, prepared)
    if response.status_code == 401:
        expect_error(response, CLAUSE, {401})
        return
    report.expect(
        response.status_code < 500,
        report.NO_SERVER_ERROR,
        f"a request signed a day ago got {response.status_code}",
        response,
    )
    warnings.warn(
        GatewayRuleWarning(
            f"a request signed a day ago (X-Sdk-Date {stale}) was answered {response.status_code}, not 401: "
            "the real gateway allows 15 minutes of clock skew (not a clause of the page)"
        ),
        stacklevel=1,
    )
