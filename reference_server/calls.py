"""What passes between the HTTP layer, the service and the operations' handlers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any


class DropConnection(Exception):
    """The answer is no answer: the connection is to be closed (an armed fault)."""


async def no_body() -> bytes:
    """The body of a request that has none."""
    return b""


@dataclass(slots=True)  # made once per request: plain slots are the cheapest to build
class ServiceCall:
    """One call as the HTTP layer read it. ``headers`` are keyed by lower-case name (the last value of
    each); ``repeated`` names the headers sent more than once; ``read_body`` gives the whole body
    (raising ServiceError when it is too large); ``path_params`` come from the router."""

    project_id: str
    headers: Mapping[str, str]
    read_body: Callable[[], Awaitable[bytes]] = no_body
    method: str = "POST"
    raw_path: str = ""
    query_string: str = ""
    repeated: Collection[str] = ()
    path_params: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def with_token(cls, project_id: str, token: str, body: bytes) -> ServiceCall:
        """An execution as a token-carrying client would send it (for driving the service without HTTP)."""

        async def read() -> bytes:
            return body

        headers = {"x-auth-token": token, "content-type": "application/json"}
        return cls(project_id, headers, read, raw_path=f"/v2/{project_id}/script-executions")


@dataclass(frozen=True, slots=True)
class Request:
    """A checked request, as an operation's handler gets it."""

    project_id: str
    path: Mapping[str, str]
    query: Mapping[str, Any]
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class EncodedJSON:
    """A payload already written as JSON (by SQLite's JSON functions), UTF-8: sent as it is."""

    body: bytes


@dataclass(frozen=True, slots=True)
class Reply:
    """``payload`` None: an answer without a body (204, and StopScriptExecution's 200); EncodedJSON: the
    body as it is; anything else: serialised with json.dumps."""

    status: int
    payload: Any = None
