"""AK/SK signatures checked and re-made on an ``Exchange``: for the gateway in front of the independent
implementation, and for mutants whose signature checking is lax in one way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from workspace_scripts_client import signing

from tests.contract.asgi_tamper import App, Exchange, tampered

# What the suite's signer covers, when present (contract_tests/aksk.py).
RESIGNED = ("content-type", "host", "x-project-id", "x-sdk-date")
DATE = signing.DATE_HEADER.lower()
MAX_SKEW = timedelta(minutes=15)


def authorization(exchange: Exchange) -> tuple[str, list[str], str] | None:
    """(access key, signed header names, signature) of the request, or None without a readable one."""
    return signing.parse_authorization(exchange.request_headers.get("authorization", ""))


def expected_signature(exchange: Exchange, secret_key: str, *, query: str | None = None) -> str:
    """The right signature for ``secret_key`` over the signed names and date the request gives
    (``query`` replaces the query string, to model a verifier that ignores it)."""
    parsed = authorization(exchange)
    names = parsed[1] if parsed else []
    pairs = parse_qsl(exchange.query if query is None else query, keep_blank_values=True)
    canonical = signing.canonical_request(
        exchange.method, exchange.path, pairs, exchange.request_headers, names, exchange.request_body
    )
    return signing.signature(secret_key, exchange.request_headers.get(DATE, ""), canonical)


def signed_by(exchange: Exchange, secret_key: str, *, query: str | None = None) -> bool:
    """Whether the request's signature is right for ``secret_key`` (see ``expected_signature``)."""
    parsed = authorization(exchange)
    expected = expected_signature(exchange, secret_key, query=query)
    return parsed is not None and signing.signatures_match(expected, parsed[2])


def date_fresh(exchange: Exchange) -> bool:
    try:
        signed_at = signing.parse_sdk_date(exchange.request_headers.get(DATE, ""))
    except ValueError:
        return False
    return abs(datetime.now(UTC) - signed_at) <= MAX_SKEW


def resign(exchange: Exchange, access_key: str, secret_key: str) -> None:
    """Sign the request again, correctly and now, so that a strict verifier behind accepts it."""
    headers = exchange.request_headers
    headers[DATE] = signing.sdk_date()
    names = [name for name in RESIGNED if name in headers]
    pairs = parse_qsl(exchange.query, keep_blank_values=True)
    canonical = signing.canonical_request(
        exchange.method, exchange.path, pairs, headers, names, exchange.request_body
    )
    value = signing.signature(secret_key, headers[DATE], canonical)
    headers["authorization"] = signing.authorization_header(access_key, names, value)


def aksk_gateway(app: App, access_key: str, secret_key: str, token: str) -> App:
    """``app`` (which knows only a token) behind an AK/SK-checking gateway, as the real service sits behind
    its API gateway: a good signature is passed on as the token, anything else without a credential."""

    def check(exchange: Exchange) -> None:
        headers = exchange.request_headers
        parsed = authorization(exchange)
        if "x-auth-token" in headers or parsed is None:
            return
        access, names, _ = parsed
        good = (
            access == access_key
            and {"host", DATE} <= set(names)
            and date_fresh(exchange)
            and signed_by(exchange, secret_key)
        )
        del headers["authorization"]
        if good:
            headers["x-auth-token"] = token

    return tampered(app, request=check)
