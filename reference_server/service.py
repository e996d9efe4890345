"""The operation, start to end (moto-style backend): who is calling, armed faults, the body's checks,
the inventory, storage. The HTTP layer only parses a request into a ``ServiceCall`` and turns the
outcome (a task id, a ServiceError, DropConnection) into an answer."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

import fastjsonschema

from . import errors
from .auth import Authenticator
from .errors import ServiceError
from .faults import Fault, FaultPlan
from .group_commit import GroupCommit
from .inventory import Inventory
from .store import TaskStore
from .validation import FAULT_REQUEST, RequestValidator, check_content_type, describe

ADMIN_TOKEN_HEADER = "x-reference-admin-token"


class DropConnection(Exception):
    """The answer is no answer: the connection is to be closed (an armed fault)."""


async def _no_body() -> bytes:
    return b""


@dataclass(slots=True)  # made once per request: plain slots are the cheapest to build
class ServiceCall:
    """One call of the operation as the HTTP layer read it. ``headers`` are keyed by lower-case name
    (the last value of each); ``repeated`` names the headers sent more than once; ``read_body`` gives the
    whole body (raising ServiceError when it is too large)."""

    project_id: str
    headers: Mapping[str, str]
    read_body: Callable[[], Awaitable[bytes]] = _no_body
    method: str = "POST"
    raw_path: str = ""
    query_string: str = ""
    repeated: Collection[str] = ()

    @classmethod
    def with_token(cls, project_id: str, token: str, body: bytes) -> ServiceCall:
        """A call as a token-carrying client would make it (for driving the service without HTTP)."""

        async def read() -> bytes:
            return body

        headers = {"x-auth-token": token, "content-type": "application/json"}
        return cls(project_id, headers, read, raw_path=f"/v2/{project_id}/script-executions")


class ScriptService:
    """The state (tasks, inventory, faults, credentials) and the one way to create a task."""

    def __init__(
        self,
        store: TaskStore,
        inventory: Inventory | None = None,
        authenticator: Authenticator | None = None,
        admin_token: str | None = None,
    ) -> None:
        self.store = store
        self.inventory = inventory or Inventory()
        self.faults = FaultPlan()
        self.authenticator = authenticator or Authenticator(())
        self.admin_token = admin_token
        self._validator = RequestValidator()

    @property
    def store(self) -> TaskStore:
        return self._store

    @store.setter
    def store(self, store: TaskStore) -> None:
        # The writer follows the store, so a test may swap in a fresh one.
        self._store = store
        self._writer = GroupCommit(store)

    async def execute(self, call: ServiceCall) -> str:
        """The task id of the stored task; ServiceError for a refusal, DropConnection for no answer."""
        body = await self._authenticate(call)
        fault = self.faults.take()
        if fault is not None and not fault.after_commit:
            await self._apply(fault)
        if body.strip():
            check_content_type(call.headers.get("content-type", ""))
        request = self._validator.parse(body)
        self.inventory.check(call.project_id, request)
        task_id = await self._writer.add(call.project_id, request)
        if fault is not None and fault.after_commit:
            await self._apply(fault)
        return task_id

    async def _authenticate(self, call: ServiceCall) -> bytes:
        """The body, once the caller is known to be allowed. Credentials are checked before the body is
        read, as far as they can be: an AK/SK signature covers the body's hash."""
        prechecked = self.authenticator.precheck(call.headers, repeated=call.repeated)
        body = await call.read_body() if prechecked is not None else None
        self.authenticator.authenticate(
            call.project_id,
            call.method,
            call.raw_path,
            call.query_string,
            call.headers,
            body or b"",
            prechecked=prechecked,
        )
        # Read before any fault's delay: a caller that gives up while it waits has still sent it all.
        return body if body is not None else await call.read_body()

    @staticmethod
    async def _apply(fault: Fault) -> None:
        await asyncio.sleep(fault.delay_seconds)
        if fault.drop_connection:
            raise DropConnection
        if fault.status is not None:
            raise ServiceError(errors.FAULT_CODES[fault.status])

    # The reference endpoints (/_reference/...): not the service's, for tests and tools.

    def check_admin(self, headers: Mapping[str, str]) -> None:
        """401 unless no admin token is set or the request carries it."""
        if self.admin_token is None:
            return
        given = headers.get(ADMIN_TOKEN_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.admin_token.encode()):
            raise ServiceError(errors.ADMIN_TOKEN)

    def arm_faults(self, body: Any) -> int:
        """Arm what a ``POST /_reference/faults`` body describes; the number armed."""
        try:
            request = FAULT_REQUEST(body)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise ServiceError(errors.SCHEMA_VIOLATION, f"Invalid fault request: {describe(exc)}") from None
        self.faults.arm(
            request["count"],
            request["status"],
            float(request["delay_seconds"]),
            after_commit=request["after_commit"],
            drop_connection=request["drop_connection"],
        )
        count: int = request["count"]
        return count

    def reset(self) -> None:
        self.store.clear()
        self.faults.clear()
