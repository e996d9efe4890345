"""Authentication decisions without HTTP: tokens, AK/SK signatures, clock skew, project scope."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from reference_server import errors
from reference_server.auth import Authenticator
from reference_server.errors import ServiceError

from .constants import AK, CREDENTIALS, OTHER_PROJECT, OTHER_TOKEN, PROJECT, SERVICE_PATH, SK, TOKEN
from .signing_helpers import signed_headers

BODY = b'{"script_ids": ["s1"]}'
HOST = "127.0.0.1:8000"


@pytest.fixture
def auth() -> Authenticator:
    return Authenticator(CREDENTIALS)


def attempt(auth: Authenticator, headers: dict[str, str], project: str = PROJECT, body: bytes = BODY) -> str:
    credential = auth.authenticate(project, "POST", f"/v2/{project}/script-executions", "", headers, body)
    return credential.project_id


def refused(auth: Authenticator, headers: dict[str, str], **kwargs: object) -> errors.ErrorCode:
    with pytest.raises(ServiceError) as caught:
        attempt(auth, headers, **kwargs)  # type: ignore[arg-type]
    return caught.value.error


def test_valid_token_and_valid_signature_are_accepted(auth: Authenticator) -> None:
    assert attempt(auth, {"x-auth-token": TOKEN}) == PROJECT
    assert attempt(auth, signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK)) == PROJECT


def test_other_projects_credential_is_forbidden(auth: Authenticator) -> None:
    assert refused(auth, {"x-auth-token": OTHER_TOKEN}) is errors.FORBIDDEN
    headers = signed_headers("POST", f"/v2/{OTHER_PROJECT}/script-executions", HOST, BODY, AK, SK)
    assert refused(auth, headers, project=OTHER_PROJECT) is errors.FORBIDDEN


def test_missing_or_unknown_credentials_are_unauthorized(auth: Authenticator) -> None:
    assert refused(auth, {}) is errors.NO_CREDENTIAL
    assert refused(auth, {"x-auth-token": TOKEN + "x"}) is errors.BAD_CREDENTIAL
    assert refused(auth, {"x-auth-token": ""}) is errors.BAD_CREDENTIAL
    assert refused(auth, {"authorization": "Basic abc"}) is errors.BAD_CREDENTIAL
    assert (
        refused(auth, signed_headers("POST", SERVICE_PATH, HOST, BODY, "UNKNOWNAK", SK))
        is errors.BAD_CREDENTIAL
    )


def test_signature_must_match_sk_body_and_path(auth: Authenticator) -> None:
    assert (
        refused(auth, signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, "wrong")) is errors.BAD_CREDENTIAL
    )
    headers = signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK)
    assert refused(auth, headers, body=BODY + b" ") is errors.BAD_CREDENTIAL
    headers = signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK)
    headers["host"] = "evil.example"
    assert refused(auth, headers) is errors.BAD_CREDENTIAL


@pytest.mark.parametrize("skew", [timedelta(minutes=16), -timedelta(minutes=16)])
def test_sdk_date_outside_15_minutes_is_refused(auth: Authenticator, skew: timedelta) -> None:
    headers = signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK, now=datetime.now(UTC) + skew)
    assert refused(auth, headers) is errors.BAD_SDK_DATE


def test_sdk_date_within_15_minutes_is_accepted(auth: Authenticator) -> None:
    headers = signed_headers(
        "POST", SERVICE_PATH, HOST, BODY, AK, SK, now=datetime.now(UTC) - timedelta(minutes=14)
    )
    assert attempt(auth, headers) == PROJECT


@pytest.mark.parametrize("date", ["2026-01-01", "20261128T15830Z", "20261128T153000", " 20261128T153000Z"])
def test_malformed_sdk_date_is_refused(auth: Authenticator, date: str) -> None:
    headers = signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK, extra={"x-sdk-date": date})
    assert refused(auth, headers) is errors.BAD_SDK_DATE


@pytest.mark.parametrize("left_out", ["host", "x-sdk-date"])
def test_host_and_date_must_be_signed(auth: Authenticator, left_out: str) -> None:
    names = [name for name in ["content-type", "host", "x-sdk-date"] if name != left_out]
    headers = signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK, sign_only=names)
    assert refused(auth, headers) is errors.UNSIGNED_HEADER


def _with_content_hash(value: str, *, signed: bool) -> dict[str, str]:
    if signed:
        return signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK, extra={"x-sdk-content-sha256": value})
    headers = signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK)
    headers["x-sdk-content-sha256"] = value
    return headers


def test_content_hash_header_must_be_signed(auth: Authenticator) -> None:
    # Unsigned, it would let a captured signature travel with any other body.
    headers = _with_content_hash(hashlib.sha256(BODY).hexdigest(), signed=False)
    assert refused(auth, headers, body=b'{"script_ids": ["other"]}') is errors.UNSIGNED_HEADER


def test_signed_content_hash_must_match_the_body(auth: Authenticator) -> None:
    headers = _with_content_hash(hashlib.sha256(BODY).hexdigest(), signed=True)
    assert attempt(auth, headers) == PROJECT
    assert refused(auth, headers, body=b'{"script_ids": ["other"]}') is errors.BAD_CREDENTIAL


def test_signed_unsigned_payload_is_accepted_as_the_sdk_sends_it(auth: Authenticator) -> None:
    assert attempt(auth, _with_content_hash("UNSIGNED-PAYLOAD", signed=True)) == PROJECT


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"authorization": "garbage"}, errors.BAD_CREDENTIAL),
        (signed_headers("POST", SERVICE_PATH, HOST, BODY, "UNKNOWNAK", SK), errors.BAD_CREDENTIAL),
        (
            signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK, sign_only=["host"]),
            errors.UNSIGNED_HEADER,
        ),
    ],
)
def test_precheck_refuses_what_needs_no_body(
    auth: Authenticator, headers: dict[str, str], expected: errors.ErrorCode
) -> None:
    with pytest.raises(ServiceError) as caught:
        auth.precheck(headers)
    assert caught.value.error is expected


def test_precheck_passes_a_valid_signature_and_tokens(auth: Authenticator) -> None:
    auth.precheck(signed_headers("POST", SERVICE_PATH, HOST, BODY, AK, SK))
    auth.precheck({"x-auth-token": "checked later, with the project"})
