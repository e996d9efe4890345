"""What a broken variant of the reference server is: a name, the clause it breaks, and how it wraps the
server (``mutants`` and ``script_api_mutants`` hold the variants)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reference_server import Credential
from tests.contract.asgi_tamper import App


@dataclass(frozen=True)
class Mutant:
    name: str
    clause: str
    wrap: Callable[[App, Credential], App]  # (reference app, the valid credential) -> broken app
    auth: str = "token"  # how the suite authenticates against it: "token", or "aksk" for signing defects
    # Which clauses the mutation table runs at it: "execution" (the original operation's) or "script-api"
    # (the other operations'); conforming servers get them all.
    suite: str = "execution"
