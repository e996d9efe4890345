"""The server under test: given on the command line / environment, or the bundled reference server."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from contract_tests import guard, report
from contract_tests.aksk import AkSkAuth
from contract_tests.id_rules import Sandbox
from contract_tests.redaction import FILTERED

# Environment fallbacks: the official SDK's names, plus two of ours.
ENV = {
    "base_url": "WORKSPACE_BASE_URL",
    "project_id": "HUAWEICLOUD_SDK_PROJECT_ID",
    "token": "WORKSPACE_TOKEN",
    "ak": "HUAWEICLOUD_SDK_AK",
    "sk": "HUAWEICLOUD_SDK_SK",
    "security_token": "HUAWEICLOUD_SDK_SECURITY_TOKEN",
}


REQUEST_TIMEOUT = 10.0
SECRET_FIELDS = frozenset({"token", "ak", "sk", "security_token"})


class TargetError(Exception):
    """The options do not describe a usable target."""


@dataclass(frozen=True)
class Target:
    base_url: str
    project_id: str
    token: str | None = None
    ak: str | None = None
    sk: str | None = None
    bundled: bool = False
    security_token: str | None = None  # temporary AK/SK credentials: sent as X-Security-Token, signed

    def __repr__(self) -> str:
        # pytest prints fixture values in tracebacks: credentials must never be among them.
        shown = (
            f"{field.name}={FILTERED if field.name in SECRET_FIELDS and value else repr(value)}"
            for field in dataclasses.fields(self)
            for value in [getattr(self, field.name)]
        )
        return f"Target({', '.join(shown)})"

    @property
    def auth_mode(self) -> str:
        return "IAM token (X-Auth-Token)" if self.token else "AK/SK signature (SDK-HMAC-SHA256)"

    def headers(self) -> dict[str, str]:
        """Credential headers to send with every request (token mode)."""
        return {"X-Auth-Token": self.token} if self.token else {}

    def transport_kwargs(self) -> dict[str, Any]:
        """Extra ``case.call`` arguments: the AK/SK signer rides the transport, so it signs the bytes sent."""
        if self.token or not (self.ak and self.sk):
            return {}
        return {"auth": AkSkAuth(self.ak, self.sk, self.project_id, security_token=self.security_token)}

    def url(self, project_id: str | None = None) -> str:
        return f"{self.base_url.rstrip('/')}/v2/{project_id or self.project_id}/script-executions"

    def send(
        self,
        method: str,
        *,
        project_id: str | None = None,
        body: bytes | None = None,
        credentials: bool = True,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """One hand-made request (for the clause tests), authenticated like the fuzzed ones."""
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        kwargs: dict[str, Any] = {}
        if credentials:
            all_headers = {**self.headers(), **all_headers}
            kwargs = self.transport_kwargs()
        try:
            # The run's guarded session: in live mode it keeps every request to the id rule and budget.
            return guard.session().request(
                method,
                self.url(project_id),
                data=body,
                headers=all_headers,
                timeout=REQUEST_TIMEOUT,
                **kwargs,
            )
        except requests.Timeout as exc:
            sent = exc.request if isinstance(exc.request, requests.PreparedRequest) else None
            shown = report.curl(sent) if sent is not None else f"{method} {self.url(project_id)}"
            raise report.unanswered(shown, REQUEST_TIMEOUT) from None


def from_options(options: dict[str, str | None]) -> Target | None:
    """The target the options (or their environment fallbacks) name; None means the bundled server."""
    values = {key: options.get(key) or os.environ.get(env) or None for key, env in ENV.items()}
    if not values["base_url"]:
        given = [
            f"--{key.replace('_', '-')}"
            for key in ("project_id", "token", "ak", "sk", "security_token")
            if options.get(key)
        ]
        if given:
            # Credentials without a server would silently fuzz the bundled one instead.
            raise TargetError(f"{', '.join(given)} given without --base-url (or {ENV['base_url']})")
        return None
    if not values["project_id"]:
        raise TargetError(f"--project-id (or {ENV['project_id']}) is required with --base-url")
    if not values["token"] and not (values["ak"] and values["sk"]):
        raise TargetError(
            f"give --token (or {ENV['token']}) or --ak and --sk (or {ENV['ak']} and {ENV['sk']})"
        )
    return Target(
        base_url=str(values["base_url"]),
        project_id=str(values["project_id"]),
        token=values["token"],
        ak=values["ak"],
        sk=values["sk"],
        security_token=values["security_token"],
    )


def fresh_bundled(auth: str = "token") -> Target:
    """Fresh random credentials for the bundled server; its URL is known once it runs."""
    project_id = secrets.token_hex(16)
    if auth == "aksk":
        return Target(
            "", project_id, ak=secrets.token_hex(10).upper(), sk=secrets.token_urlsafe(30), bundled=True
        )
    return Target("", project_id, token=secrets.token_urlsafe(24), bundled=True)


@contextlib.contextmanager
def serve_bundled(planned: Target, sandbox: Sandbox | None = None) -> Iterator[Target]:
    """Start the reference server on a free loopback port, knowing exactly ``planned``'s credentials;
    with ``sandbox`` (live mode), its project holds those ids and no other, as a real project would."""
    from reference_server import Credential, create_app
    from reference_server.testing import serve_in_thread

    credential = Credential(planned.project_id, token=planned.token, ak=planned.ak, sk=planned.sk)
    with tempfile.TemporaryDirectory() as scratch:
        inventory = None
        if sandbox is not None:
            inventory = Path(scratch, "inventory.json")
            tags = [sandbox.tag] if sandbox.tag else []
            entry = {
                "desktops": [{"id": desktop, "tags": tags} for desktop in sandbox.desktops],
                "scripts": [*sandbox.scripts, *([sandbox.failing] if sandbox.failing else [])],
            }
            inventory.write_text(json.dumps({"projects": {planned.project_id: entry}}), encoding="utf-8")
        app = create_app(credentials=[credential], inventory=inventory)
        # Ours, on loopback: its requests never go through a proxy of the environment.
        with serve_in_thread(app) as base_url, guard.directly(base_url):
            yield dataclasses.replace(planned, base_url=base_url)
