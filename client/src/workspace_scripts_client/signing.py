"""AK/SK request signing, algorithm ``SDK-HMAC-SHA256``, as Huawei Cloud's official SDK computes it.

Pure functions only, so that the same code signs (the client's ``AkSkAuth``, the contract suite) and
verifies (the reference server).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
# A caller may sign a payload hash of its own choosing (the SDK uses it for non-JSON bodies).
CONTENT_HASH_HEADER = "X-Sdk-Content-Sha256"
EMPTY_BODY_HASH = hashlib.sha256(b"").hexdigest()


def sdk_date(now: datetime | None = None) -> str:
    """The ``X-Sdk-Date`` value for ``now`` (default: the current UTC time)."""
    if now is None:
        return time.strftime(DATE_FORMAT, time.gmtime())  # the common case, without datetime objects
    moment = now
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(DATE_FORMAT)


SDK_DATE_SHAPE = re.compile(r"[0-9]{8}T[0-9]{6}Z")


def parse_sdk_date(value: str) -> datetime:
    """Parse an ``X-Sdk-Date`` value into an aware UTC datetime; ``ValueError`` when malformed."""
    # strptime alone takes unpadded fields (20261128T15830Z), which a signer never sends.
    if not SDK_DATE_SHAPE.fullmatch(value):
        raise ValueError(f"X-Sdk-Date must look like 20261128T153000Z, not {value!r}")
    return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=UTC)


def _encode(text: str) -> str:
    # Only unreserved characters (and "~") survive unencoded, "/" included in the encoded set.
    return quote(text, safe="~")


@lru_cache(maxsize=256)  # a client signs the same few paths over and over
def canonical_uri(path: str) -> str:
    encoded = "/".join(_encode(segment) for segment in unquote(path).split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(params: Iterable[tuple[str, str]]) -> str:
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in sorted(params))


def canonical_request(
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    signed_headers: Sequence[str],
    body: bytes,
) -> str:
    """The canonical request; ``headers`` must be keyed by lower-case name, ``query`` decoded pairs."""
    header_lines = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in signed_headers)
    payload_hash = EMPTY_BODY_HASH
    if body:
        payload_hash = headers.get(CONTENT_HASH_HEADER.lower()) or hashlib.sha256(body).hexdigest()
    return "\n".join(
        [
            method.upper(),
            canonical_uri(path),
            canonical_query(query),
            header_lines,
            ";".join(signed_headers),
            payload_hash,
        ]
    )


def signature(secret_key: str, date: str, canonical: str) -> str:
    """Hex HMAC-SHA256 over the string to sign, keyed with the secret key."""
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    string_to_sign = f"{ALGORITHM}\n{date}\n{digest}"
    return hmac.new(secret_key.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def authorization_header(access_key: str, signed_headers: Sequence[str], signature_hex: str) -> str:
    names = ";".join(signed_headers)
    return f"{ALGORITHM} Access={access_key}, SignedHeaders={names}, Signature={signature_hex}"


def parse_authorization(value: str) -> tuple[str, list[str], str] | None:
    """Split an ``Authorization`` value into (access key, signed headers, signature); None if malformed."""
    algorithm, _, rest = value.strip().partition(" ")
    if algorithm != ALGORITHM:
        return None
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, sep, field_value = part.strip().partition("=")
        if not sep:
            return None
        fields[name] = field_value
    try:
        access, names, sig = fields["Access"], fields["SignedHeaders"], fields["Signature"]
    except KeyError:
        return None
    if not access or not names or not sig:
        return None
    return access, names.split(";"), sig


def signatures_match(expected: str, given: str) -> bool:
    """Constant-time comparison, so a verifier leaks nothing through timing."""
    return hmac.compare_digest(expected.encode(), given.encode())
