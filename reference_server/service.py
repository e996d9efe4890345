"""Every operation, start to end, in one order (moto-style backend): who is calling, armed faults, the
request's checks from the contract, then the operation's own backend (``scripts``, ``executions``,
``tasks``, ``records``), then faults that hit after the commit. The HTTP layer only parses a request
into a ``ServiceCall`` and turns the ``Reply`` (or a ServiceError, DropConnection) into an answer."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import fastjsonschema

from . import errors
from .auth import Authenticator
from .calls import DropConnection, Reply, Request, ServiceCall
from .errors import ServiceError
from .executions.models import Executions
from .faults import Fault, FaultPlan
from .group_commit import GroupCommit
from .inventory import Inventory
from .operations import HANDLERS
from .progress.clock import Clock
from .progress.engine import Engine
from .progress.outcomes import OutcomeBook, OutcomeRule
from .scripts.models import ScriptLibrary
from .spec import load_spec
from .store import TaskStore
from .validation import FAULT_REQUEST, OperationValidator, check_content_type, describe

ADMIN_TOKEN_HEADER = "x-reference-admin-token"
__all__ = ["DropConnection", "Reply", "Request", "ScriptService", "ServiceCall"]
EXECUTE = "ExecuteScriptOrCommand"
# Operations that read or change records: the progress engine catches up before them (a new execution's
# records are written then, so accepting one costs a single row however many desktops it names).
CATCH_UP_FIRST = frozenset(
    {
        "ListScriptTasks",
        "ListScriptRecords",
        "ShowScriptRecordDetail",
        "StopScriptExecution",
        "RetryScriptExecution",
    }
)


Handler = Callable[[Any, Request], "Reply | Awaitable[Reply]"]


class ScriptService:
    """The state (store, library, clock, outcomes, inventory, faults, credentials) and the one way to
    carry out an operation."""

    clock: Clock
    outcomes: OutcomeBook
    writer: GroupCommit
    library: ScriptLibrary
    engine: Engine

    def __init__(
        self,
        store: TaskStore,
        inventory: Inventory | None = None,
        authenticator: Authenticator | None = None,
        admin_token: str | None = None,
        handlers: Mapping[str, Handler] | None = None,
    ) -> None:
        self.clock = Clock()
        self.outcomes = OutcomeBook()
        self.store = store
        self.faults = FaultPlan()
        self.authenticator = authenticator or Authenticator(())
        self.admin_token = admin_token
        self.executions = Executions(self)
        self._handlers = dict(handlers or HANDLERS)
        self._validators = validators_for(self._handlers)
        self.inventory = inventory or Inventory()

    @property
    def store(self) -> TaskStore:
        return self._store

    @store.setter
    def store(self, store: TaskStore) -> None:
        # Everything built on the store follows it, so a test may swap in a fresh one.
        self._store = store
        self.writer = GroupCommit(store)
        self.library = ScriptLibrary(store, self.clock)
        self.engine = Engine(store, self.clock)

    @property
    def inventory(self) -> Inventory:
        return self._inventory

    @inventory.setter
    def inventory(self, inventory: Inventory) -> None:
        """Seeds each project's library with the inventory's scripts, and sets its outcome rules."""
        self._inventory = inventory
        rules: list[OutcomeRule] = []
        for project_id, project in (inventory.projects or {}).items():
            self.library.seed(project_id, project.scripts)
            try:
                rules += [OutcomeRule.parse(entry, project_id=project_id) for entry in project.outcomes]
            except ServiceError as exc:
                raise ValueError(f"inventory, project {project_id}: {exc.message}") from None
        self.outcomes.replace(rules)

    @property
    def operations(self) -> frozenset[str]:
        """The operations this service carries out that the contract describes."""
        return frozenset(self._validators)

    async def handle(self, operation_id: str, call: ServiceCall) -> Reply:
        """The operation's reply; ServiceError for a refusal, DropConnection for no answer."""
        validator = self._validators.get(operation_id)
        if validator is None:  # a handler the contract does not know (yet): no promise to keep
            raise ServiceError(errors.API_NOT_FOUND, f"The API does not exist: {call.method} {call.raw_path}")
        body = await self._authenticate(call)
        fault = self.faults.take()
        if fault is not None and not fault.after_commit:
            await self._apply(fault)
        if validator.has_body and body.strip():
            check_content_type(call.headers.get("content-type", ""))
        request = Request(
            call.project_id,
            validator.path(dict(call.path_params)),
            validator.query(call.query_string),
            validator.body(body),
        )
        if operation_id in CATCH_UP_FIRST:
            self.engine.catch_up()  # reads, stops and retries see the records where the clock is
        outcome = self._handlers[operation_id](self, request)
        reply = outcome if isinstance(outcome, Reply) else await outcome
        if fault is not None and fault.after_commit:
            await self._apply(fault)
        return reply

    async def execute(self, call: ServiceCall) -> str:
        """ExecuteScriptOrCommand: the task id of the stored task."""
        reply = await self.handle(EXECUTE, call)
        task_id: str = reply.payload["task_id"]
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
        """Every task, record and script gone, faults disarmed, the clock real again, the outcome rules
        and seeded scripts those of the inventory."""
        self.store.clear()
        self.faults.clear()
        self.clock.reset()
        self.inventory = self.inventory


def validators_for(handlers: Mapping[str, Handler]) -> dict[str, OperationValidator]:
    """A validator for each handled operation the contract describes."""
    found = {}
    for path_item in load_spec()["paths"].values():
        for method, operation in path_item.items():
            if method == "parameters" or not isinstance(operation, dict):
                continue
            operation_id = operation.get("operationId")
            if isinstance(operation_id, str) and operation_id in handlers:
                found[operation_id] = OperationValidator(operation_id, path_item, operation)
    return found
