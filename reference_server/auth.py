"""Who is calling: an IAM token (``X-Auth-Token``) or an AK/SK ``SDK-HMAC-SHA256`` signature,
verified with the same signer the client and the contract suite use."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from workspace_scripts_client import signing

from . import errors
from .credentials import Credential
from .errors import ServiceError

MAX_CLOCK_SKEW = timedelta(minutes=15)
REQUIRED_SIGNED = ("host", signing.DATE_HEADER.lower())
CONTENT_HASH = signing.CONTENT_HASH_HEADER.lower()
# The one value of the content-hash header that is not a hash: the signer chose not to cover the body.
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
# Headers that carry or shape a credential: sent twice, which one counts would be a guess.
CREDENTIAL_HEADERS = frozenset(
    {"x-auth-token", "authorization", signing.DATE_HEADER.lower(), CONTENT_HASH, "x-security-token"}
)


@dataclass(frozen=True)
class Prechecked:
    """A signature's parts that were checked without the body."""

    credential: Credential
    sk: str
    headers: list[str]
    given: str
    date: str


def _bad(reason: str) -> str:
    return f"Incorrect IAM authentication information: {reason}."


def _digest(token: str) -> bytes:
    # Tokens are looked up by digest, so the lookup time says nothing about how much of a token matched.
    return hashlib.sha256(token.encode()).digest()


class Authenticator:
    def __init__(self, credentials: Iterable[Credential]) -> None:
        self._by_token: dict[bytes, Credential] = {}
        self._by_ak: dict[str, Credential] = {}
        for credential in credentials:
            # One token or AK for two projects would make the answer depend on the order of the list.
            if credential.token is not None:
                if _digest(credential.token) in self._by_token:
                    raise ValueError(f"two credentials share a token (project {credential.project_id})")
                self._by_token[_digest(credential.token)] = credential
            if credential.ak is not None:
                if credential.ak in self._by_ak:
                    raise ValueError(f"two credentials share the AK {credential.ak}")
                self._by_ak[credential.ak] = credential

    def precheck(
        self,
        headers: Mapping[str, str],
        now: datetime | None = None,
        repeated: Collection[str] = (),
    ) -> Prechecked | None:
        """Refuse with 401 whatever is wrong before the body is read: a credential header sent more than
        once (``repeated``: names that appeared twice), and for AK/SK the format, signed headers, date
        and AK; only the signature itself needs the body. None: no signature to check (a token, when
        present, decides)."""
        if repeated:
            for name in sorted(CREDENTIAL_HEADERS.intersection(repeated)):
                raise ServiceError(errors.BAD_CREDENTIAL, _bad(f"the {name} header was sent more than once"))
        if "x-auth-token" in headers or "authorization" not in headers:
            return None
        return self._signer(headers, now)

    def authenticate(
        self,
        project_id: str,
        method: str,
        raw_path: str,
        query_string: str,
        headers: Mapping[str, str],
        body: bytes = b"",
        now: datetime | None = None,
        prechecked: Prechecked | None = None,
    ) -> Credential:
        """The caller's credential, or ServiceError: 401 when unknown or invalid, 403 when it belongs
        to another project. ``headers`` is keyed by lower-case name; ``prechecked`` is what ``precheck``
        gave for these headers (so it is not done twice)."""
        token = headers.get("x-auth-token")
        if token is not None:
            credential = self._by_token.get(_digest(token))
            if credential is None:
                raise ServiceError(errors.BAD_CREDENTIAL, _bad("the X-Auth-Token is unknown or has expired"))
        elif "authorization" in headers:
            signed = prechecked or self._signer(headers, now)
            credential = self._verify_signature(method, raw_path, query_string, headers, body, signed)
        else:
            raise ServiceError(errors.NO_CREDENTIAL)
        if credential.project_id != project_id:
            raise ServiceError(errors.FORBIDDEN, f"The credential may not act on project {project_id}.")
        return credential

    def _signer(self, headers: Mapping[str, str], now: datetime | None) -> Prechecked:
        """Everything about a signature that can be checked without the body."""
        parsed = signing.parse_authorization(headers["authorization"])
        if parsed is None:
            raise ServiceError(errors.BAD_CREDENTIAL, _bad("malformed signature"))
        access_key, signed_headers, given = parsed
        if not all(name in signed_headers for name in REQUIRED_SIGNED):
            raise ServiceError(errors.UNSIGNED_HEADER)
        if CONTENT_HASH in headers and CONTENT_HASH not in signed_headers:
            # Unsigned, it would let anyone pair a captured signature with another body.
            raise ServiceError(errors.UNSIGNED_HEADER)
        date = headers.get(signing.DATE_HEADER.lower(), "")
        try:
            signed_at = signing.parse_sdk_date(date)
        except ValueError:
            raise ServiceError(errors.BAD_SDK_DATE) from None
        if abs((now or datetime.now(UTC)) - signed_at) > MAX_CLOCK_SKEW:
            raise ServiceError(errors.BAD_SDK_DATE)
        credential = self._by_ak.get(access_key)
        if credential is None or credential.sk is None:
            raise ServiceError(errors.BAD_CREDENTIAL, _bad("unknown AK"))
        return Prechecked(credential, credential.sk, signed_headers, given, date)

    def _verify_signature(
        self,
        method: str,
        raw_path: str,
        query_string: str,
        headers: Mapping[str, str],
        body: bytes,
        signed: Prechecked,
    ) -> Credential:
        declared_hash = headers.get(CONTENT_HASH)
        if (
            body
            and declared_hash not in (None, UNSIGNED_PAYLOAD)
            and declared_hash != hashlib.sha256(body).hexdigest()
        ):
            raise ServiceError(errors.BAD_CREDENTIAL, _bad("the body does not match its signed hash"))
        query = parse_qsl(query_string, keep_blank_values=True)
        canonical = signing.canonical_request(method, raw_path, query, headers, signed.headers, body)
        expected = signing.signature(signed.sk, signed.date, canonical)
        if not signing.signatures_match(expected, signed.given):
            raise ServiceError(errors.BAD_CREDENTIAL, _bad("bad signature"))
        return signed.credential
