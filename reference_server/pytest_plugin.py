"""pytest fixtures that make the reference server a fake for your own tests.

Installed with the toolkit, pytest loads this module through the ``pytest11`` entry point: no conftest,
no ``-p``. One server per test session (per xdist worker) on a free loopback port, its state reset before
each test that asks for ``workspace_server`` (or a client fixture). Heavy imports wait until a fixture is
used, so test runs that use none of them pay nothing.
"""

from __future__ import annotations

import secrets
import string
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import ssl

    import httpx
    from workspace_scripts_client import AuthenticatedClient

    from reference_server import ReferenceApp

__all__ = ["WorkspaceServer", "WorkspaceServerError"]

# The longest fault delay the server accepts (300 s) plus a margin: a test's state is reset only after
# the requests of the test before it have finished.
IDLE_TIMEOUT_SECONDS = 330.0
INVENTORY_KEYS = frozenset({"scripts", "desktops", "outcomes"})


class WorkspaceServerError(RuntimeError):
    """A ``/_reference/`` request was refused (a bad fault, say), or the server never became idle."""


class _InFlight:
    """ASGI wrapper counting service requests still being handled. A request whose client gave up (an
    armed delay, a timeout) may still store a task later; the next test waits for it before its reset."""

    def __init__(self, app: ReferenceApp) -> None:
        self.app = app
        self._idle = threading.Condition()
        self._count = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_reference/"):
            await self.app(scope, receive, send)
            return
        with self._idle:
            self._count += 1
        try:
            await self.app(scope, receive, send)
        finally:
            with self._idle:
                self._count -= 1
                self._idle.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, timeout)


@dataclass(frozen=True)
class WorkspaceServer:
    """A running reference server and the credentials it accepts (one project, token and AK/SK).

    ``base_url`` is the endpoint to give your code; ``app`` is the in-process server itself
    (``app.service`` holds its state) for what the methods below do not cover."""

    base_url: str
    project_id: str
    token: str = field(repr=False)
    ak: str
    sk: str = field(repr=False)
    app: ReferenceApp = field(repr=False)
    tls: ssl.SSLContext = field(repr=False)  # built once: a new one costs ~70 ms per client
    _http: httpx.Client = field(repr=False)
    _in_flight: _InFlight = field(repr=False)

    def tasks(self) -> list[dict[str, Any]]:
        """The tasks recorded since the last reset, oldest first, as ``GET /_reference/tasks`` lists them:
        dicts with ``task_id``, ``project_id``, ``request`` (the body as sent), ``created_at`` and
        ``gray_plan``."""
        tasks: list[dict[str, Any]] = self._reference("GET", "tasks")["tasks"]
        return tasks

    def reset(self) -> None:
        """Delete every task, record and script, disarm faults, set the clock running in real time and the
        outcome rules back to the inventory's, as ``POST /_reference/reset`` does (done for you before each
        test). Called in-process: an HTTP round trip to the server's thread would cost a few ms a test."""
        self.app.service.reset()

    def scripts(self) -> list[dict[str, Any]]:
        """The project's script library, oldest first: ShowScriptDetail's fields (``id``, ``name``,
        ``type``, ``content``, ...) for each script."""
        return [
            script for script in self.app.service.library.all() if script["project_id"] == self.project_id
        ]

    def records(self, task_id: str | None = None) -> list[dict[str, Any]]:
        """Execution records (of one task, if given), oldest first, as ShowScriptRecordDetail shows them
        (``status``, ``execute_order``, ``output``, ...), brought up to the clock's time first."""
        self.app.service.engine.catch_up()
        from reference_server.records.models import all_records

        return all_records(self.app.service.store, task_id)

    def task(self, task_id: str) -> dict[str, Any]:
        """One task as ``tasks()`` lists it (``status``, ``success_num``, ``failed_num``, ``skip_num``, the
        ``request`` as sent), brought up to the clock's time first. KeyError if there is none."""
        self.app.service.engine.catch_up()
        for task in self.app.service.store.all():
            if task["task_id"] == task_id:
                return task
        raise KeyError(f"no task {task_id}")

    @property
    def clock(self) -> WorkspaceClock:
        """The server's clock: ``freeze()``, ``advance(seconds)``, ``run_until_idle()``, ``resume()``."""
        return WorkspaceClock(self.app)

    def set_outcome(
        self,
        result: str = "success",
        *,
        desktop: str | None = None,
        script: str | None = None,
        command: str | None = None,
        seconds: float | None = None,
        output: str | None = None,
        result_code: str | None = None,
        reason: str | None = None,
    ) -> None:
        """What happens from now on when a script (``script``: its id) or ``command`` runs on ``desktop``
        (each left out: any): ``"success"`` or ``"fail"`` (with ``result_code``, ``reason``) after
        ``seconds`` (default 0.2), printing ``output``; or ``"hang"`` until the execution's timeout ends
        it as TIMEOUT. The newest matching rule wins; rules apply to executions started after them."""
        from reference_server.progress.outcomes import OutcomeRule

        fields = {
            "result": result,
            "desktop": desktop,
            "script": script,
            "command": command,
            "seconds": seconds,
            "output": output,
            "result_code": result_code,
            "reason": reason,
        }
        try:
            rule = OutcomeRule.parse(
                {k: v for k, v in fields.items() if v is not None}, project_id=self.project_id
            )
        except Exception as exc:  # the server's ServiceError: its message names the mistake
            raise ValueError(str(exc)) from None
        self.app.service.outcomes.add(rule)

    def arm_fault(
        self,
        count: int = 1,
        status: int | None = 503,
        delay_seconds: float = 0.0,
        after_commit: bool = False,
        drop_connection: bool = False,
    ) -> None:
        """Make the next ``count`` service requests fail: wait ``delay_seconds``, then answer ``status``
        (500 or 503, nothing stored), or with ``status=None`` carry on normally after the delay.

        ``after_commit=True``: store the task first, then wait, then answer (200 if ``status`` is None);
        ``drop_connection=True``: close the connection instead of answering. Together they play "the call
        timed out or broke, yet the task exists"."""
        body: dict[str, Any] = {"count": count, "status": status, "delay_seconds": delay_seconds}
        if after_commit:
            body["after_commit"] = True
        if drop_connection:
            body["drop_connection"] = True
        self._reference("POST", "faults", body)

    def _reference(self, method: str, name: str, body: Any = None) -> Any:
        response = self._http.request(method, f"/_reference/{name}", json=body)
        if response.status_code != 200:
            raise WorkspaceServerError(
                f"{method} /_reference/{name} answered {response.status_code}: {response.text}"
            )
        return response.json()

    def _prepare(self, inventory: Mapping[str, Sequence[Any]] | None) -> None:
        """A clean state for the next test: earlier requests done, everything stored and armed gone, the
        clock real, the inventory set (its scripts seeded into the library)."""
        from reference_server.models import Inventory

        known = None if inventory is None else Inventory.from_mapping({self.project_id: _checked(inventory)})
        if not self._in_flight.wait_until_idle(IDLE_TIMEOUT_SECONDS):
            raise WorkspaceServerError(
                f"requests of an earlier test still running after {IDLE_TIMEOUT_SECONDS}s"
            )
        self.app.service.inventory = known or Inventory()
        self.reset()


class WorkspaceClock:
    """The server's clock, in-process. Frozen, nothing moves until you move it, so a test's timeline is
    exact; ``run_until_idle()`` moves it to where every record has ended (hangs time out)."""

    def __init__(self, app: ReferenceApp) -> None:
        self._service = app.service

    @property
    def frozen(self) -> bool:
        return self._service.clock.frozen

    def now(self) -> float:
        """Seconds since the epoch, as the server sees it."""
        return self._service.clock.now()

    def freeze(self) -> None:
        self._service.clock.freeze()

    def resume(self) -> None:
        """Run in real time again, from the clock's present time on."""
        self._service.clock.resume()

    def advance(self, seconds: float) -> None:
        """Move ``seconds`` forward and bring every record up to the new time."""
        self._service.engine.advance(seconds)

    def run_until_idle(self) -> None:
        """Move forward until no record is waiting or running, and stop there."""
        self._service.engine.run_until_idle()


def _checked(inventory: Mapping[str, Sequence[Any]]) -> Mapping[str, Sequence[Any]]:
    from reference_server.config_files import INVENTORY_FILE

    if not isinstance(inventory, Mapping) or not set(inventory) <= INVENTORY_KEYS:
        raise TypeError(
            'workspace_inventory must be None or a dict with "scripts" and/or "desktops" lists'
            f' (and optionally "outcomes"), got {inventory!r}'
        )
    for key in ("scripts", "desktops"):
        ids = inventory.get(key, ())
        if isinstance(ids, str | bytes) or not all(isinstance(item, str | Mapping) for item in ids):
            raise TypeError(
                f'workspace_inventory["{key}"] must be a list of id strings (or {{"id": ...}} dicts),'
                f" got {ids!r}"
            )
    try:
        INVENTORY_FILE({"projects": {"p": dict(inventory)}})
    except Exception as exc:  # fastjsonschema's message names the entry
        raise TypeError(f"workspace_inventory: {exc}") from None
    return inventory


def _random_key(length: int) -> str:
    alphabet = string.ascii_uppercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


@pytest.fixture(scope="session")
def _workspace_server_session() -> Iterator[WorkspaceServer]:
    import httpx

    from reference_server import Credential, create_app
    from reference_server.testing import serve_in_thread

    project_id, token = secrets.token_hex(16), secrets.token_urlsafe(32)
    ak, sk = _random_key(20), _random_key(40)
    app = create_app(credentials=[Credential(project_id, token=token, ak=ak, sk=sk)])
    in_flight = _InFlight(app)
    # Its own loopback server: never through the environment's proxies (HTTP_PROXY without NO_PROXY).
    with (
        serve_in_thread(in_flight) as base_url,
        httpx.Client(base_url=base_url, timeout=30, trust_env=False) as http,
    ):
        yield WorkspaceServer(
            base_url, project_id, token, ak, sk, app, httpx.create_ssl_context(), http, in_flight
        )
    app.service.store.close()


@pytest.fixture
def workspace_inventory() -> Mapping[str, Sequence[Any]] | None:
    """Scripts and desktops that exist in ``workspace_server``'s project. Default ``None``: every desktop
    id exists, and every script id while the library is empty.

    Override it in a module, class or test to get a server where only the listed ids exist (any other id
    in a request is a 404 ``WKS.0404``). Entries may be ids or dicts: scripts as
    ``{"id", "name", "type", "content", ...}`` (seeded into the library), desktops as
    ``{"id", "name", "tags": [...]}``; ``"outcomes"`` lists rules as ``set_outcome`` takes them::

        @pytest.fixture
        def workspace_inventory():
            return {"scripts": ["script-cleanup"], "desktops": ["desktop-01", "desktop-02"]}
    """
    return None


@pytest.fixture
def workspace_server(
    _workspace_server_session: WorkspaceServer, workspace_inventory: Mapping[str, Sequence[Any]] | None
) -> WorkspaceServer:
    """A running reference server of "Execute scripts or commands in batches", clean for this test.

    Started once per session on a free loopback port with fresh random credentials: ``base_url``,
    ``project_id``, ``token``, ``ak``, ``sk``. Before each test its tasks and faults are cleared and its
    inventory set from ``workspace_inventory``. ``tasks()``, ``task(id)``, ``records(task_id)`` and
    ``scripts()`` show what your code created, ``reset()`` clears it, ``arm_fault(count=1, status=503,
    delay_seconds=0.0, after_commit=False, drop_connection=False)`` makes the next requests fail,
    ``set_outcome(...)`` says what runs do, ``clock`` freezes and moves time."""
    _workspace_server_session._prepare(workspace_inventory)
    return _workspace_server_session


@pytest.fixture
def workspace_client(workspace_server: WorkspaceServer) -> Iterator[AuthenticatedClient]:
    """A ``workspace_scripts_client.AuthenticatedClient`` for ``workspace_server``, sending its IAM token
    (``X-Auth-Token``); ``client.project_id`` is the server's project. Closed after the test."""
    from workspace_scripts_client import create_client

    server = workspace_server
    client = create_client(
        endpoint=server.base_url, token=server.token, project_id=server.project_id, verify_ssl=server.tls
    )
    with client:
        yield client


@pytest.fixture
def workspace_aksk_client(workspace_server: WorkspaceServer) -> Iterator[AuthenticatedClient]:
    """Like ``workspace_client``, but signing every request with the server's AK/SK (SDK-HMAC-SHA256)."""
    from workspace_scripts_client import create_client

    server = workspace_server
    client = create_client(
        endpoint=server.base_url,
        ak=server.ak,
        sk=server.sk,
        project_id=server.project_id,
        verify_ssl=server.tls,
    )
    with client:
        yield client
