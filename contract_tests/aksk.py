"""AK/SK request signing for the suite's HTTP calls, built on the project's one signer."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import requests
from workspace_scripts_client import signing

# What the official SDK signs for this operation (see the facts note), minus its user-agent.
SIGNED = ("content-type", "host", "x-project-id", "x-sdk-date", "x-security-token")


class AkSkAuth(requests.auth.AuthBase):
    """Signs each prepared request with ``SDK-HMAC-SHA256``; Schemathesis drops it for its no-auth probes."""

    def __init__(
        self,
        access_key: str,
        secret_key: str,
        project_id: str,
        *,
        security_token: str | None = None,
        signed: tuple[str, ...] = SIGNED,
        date: str | None = None,
    ) -> None:
        self.access_key = access_key
        self.secret_key = secret_key
        self.project_id = project_id
        self.security_token = security_token  # temporary credentials: sent and signed, like the SDK does
        # Other signed headers or a fixed X-Sdk-Date build the near-miss signatures of the suite.
        self.signed = signed
        self.date = date

    def __repr__(self) -> str:
        return f"AkSkAuth(project_id={self.project_id!r}, credentials=[Filtered])"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(request.url or "")
        request.headers["Host"] = url.netloc
        request.headers["X-Project-Id"] = self.project_id
        if self.security_token:
            request.headers["X-Security-Token"] = self.security_token
        date = self.date or signing.sdk_date()
        request.headers[signing.DATE_HEADER] = date
        lowered = {name.lower(): str(value) for name, value in request.headers.items()}
        names = [name for name in self.signed if name in lowered]
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        if not isinstance(body, bytes):
            raise TypeError("AK/SK signing needs the whole body in memory, not a stream")
        canonical = signing.canonical_request(
            request.method or "POST",
            url.path,
            parse_qsl(url.query, keep_blank_values=True),
            lowered,
            names,
            body,
        )
        signature = signing.signature(self.secret_key, date, canonical)
        request.headers["Authorization"] = signing.authorization_header(self.access_key, names, signature)
        return request
