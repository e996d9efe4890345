"""The one way the suite reaches the wire: a gate every ``requests`` send of this process passes (the
transport adapter's ``send``), which in live mode keeps each request to the id rule (``id_rules``), the
task budget, the pace and the request cap, and records every task the target acknowledged.

The suite's own session (``session()``) steers bodies when a request is prepared, before AK/SK signing,
so the signature covers what is sent: fuzzed cases, the checks' follow-up requests, hand-made clause
requests (``Target.send``), replayed ``.hypothesis/`` examples and the preflight. A request from any
other session (Schemathesis sends its auth probes on a fresh one) is steered at the gate when unsigned,
and refused when a signed body would need changing. Nothing breaking the rule is sent.
"""

from __future__ import annotations

import contextlib
import copy
import email.utils
import http.cookiejar
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from contract_tests import api_rules, id_rules, tasks, unchecked
from contract_tests.id_rules import Sandbox
from contract_tests.made import Made

MAX_429_RETRIES = 3
MAX_RETRY_WAIT = 30.0  # seconds: a longer Retry-After is cut to this
CLEAN_UP_SECONDS = 60.0  # the end-of-run clean-up gives up after this long (what is left is listed)
TASKS_FILE_VERSION = 2  # 2: the tasks file lists the run's scripts too


@dataclass(frozen=True)
class Limits:
    """How a run may act on the target; ``live`` False is today's unrestricted full mode."""

    live: bool = False
    sandbox: Sandbox = field(default_factory=Sandbox)
    max_tasks: int = 5
    rate: float = 0.0  # requests per second; 0 means unpaced
    max_requests: int = 0  # 0 means no cap
    tasks_file: Path | None = None


EXECUTE = "ExecuteScriptOrCommand"  # its body is held to id_rules, with the fields the guard is given


def _declared(operation_id: str | None) -> frozenset[str]:
    found = next((op for op in api_rules.operations() if op.operation_id == operation_id), None)
    return found.declared if found else frozenset()


class GuardRefusal(AssertionError):
    """A request that would break the live id rule reached the wire: a bug in the suite, never sent."""


def _as_bytes(body: object) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode()
    if isinstance(body, bytes):
        return body
    raise TypeError("the suite sends whole bodies, never streams: the guard must see every byte")


def retry_after(response: requests.Response, attempt: int) -> float:
    """Seconds to wait after a 429: its ``Retry-After`` (seconds or a date), else 1, 2, 4 s; bounded."""
    value = response.headers.get("Retry-After", "").strip()
    wait = float(2**attempt)
    if value.isdigit():
        wait = float(value)
    elif value:
        with contextlib.suppress(TypeError, ValueError):
            wait = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
    return min(max(wait, 0.0), MAX_RETRY_WAIT)


class Guard:
    def __init__(self, limits: Limits, declared: frozenset[str]) -> None:
        self.limits = limits
        self.declared = declared
        # Every request that could start a task, settled by its answer; bounded in live mode only.
        self.ledger = tasks.Ledger(limits.max_tasks if limits.live else None)
        self.audit_run: dict[str, Any] = {}  # target, mode: written beside the tasks in the tasks file
        self.sent = 0
        self.rate_limited = 0  # 429 answers
        self.not_sent = 0  # held back by the request cap or repeated 429s
        self.live_held_back: Counter[str] = Counter()  # fuzzed cases the live rules kept off the wire
        self.refused = 0  # requests the gate would not send (a clause's bug, or a fuzzed case it refused)
        self.made = Made()  # scripts, tasks and records the run made, learnt from the answers
        self.cleaned_up = False
        self._lock = threading.RLock()
        self._local = threading.local()
        self._last_sent = 0.0

    @property
    def live(self) -> bool:
        return self.limits.live

    @property
    def tasks(self) -> list[tasks.Task]:
        return self.ledger.tasks

    @property
    def reserve(self) -> int:
        """Tasks kept back from the requests meant to be accepted: one, for a request the target should
        have refused but acknowledged, so the run goes on after it (none when the budget is one task)."""
        return min(1, self.limits.max_tasks - 1) if self.live else 0

    def tasks_left(self) -> int:
        """Tasks the requests meant to be accepted (sandbox ids) may still spend."""
        return max(self.ledger.left() - self.reserve, 0)

    @contextlib.contextmanager
    def allowance(self) -> Iterator[None]:
        """The next request sent from this thread may name sandbox ids (within the budget)."""
        self._local.allowed = True
        try:
            yield
        finally:
            self._local.allowed = False

    def _sandbox_now(self) -> Sandbox | None:
        allowed = getattr(self._local, "allowed", False)
        return self.limits.sandbox if allowed and self.tasks_left() > 0 else None

    def own_scripts(self) -> frozenset[str]:
        """Scripts an execution may name as they are: the run's own, and the failing sandbox script."""
        failing = self.limits.sandbox.failing
        return frozenset(self.made.alive()) | frozenset(filter(None, [failing]))

    def steer(self, body: bytes, method: str = "POST", url: str = "") -> bytes:
        if not self.live:
            return body
        operation, _ = api_rules.match(method, url)
        operation_id = operation.operation_id if operation else None
        parsed, value = id_rules.parse(body)
        if operation_id in api_rules.SCRIPT_WRITES or not body:
            return body  # never rewritten at the wire: a body that is not harmless is refused
        if parsed and operation_id in (api_rules.STOP, api_rules.RETRY, api_rules.BY_TAG):
            steered = self.steer_value(
                value, accept=self._sandbox_now() is not None, operation_id=operation_id
            )
            return body if steered == value else json.dumps(steered).encode()
        declared = operation.declared if operation and operation_id != EXECUTE else self.declared
        return id_rules.steer_bytes(body, declared, self._sandbox_now(), self.own_scripts())

    def steer_value(self, body: Any, *, accept: bool, operation_id: str | None = None) -> Any:
        """A JSON value as ``steer`` would send it (for fuzzed cases, so the case judged is the one sent):
        scripts' names and contents made harmless, stop and retry ids the run's own or probes, a desktop
        tag the sandbox one (when accepted) or a probe."""
        if not self.live:
            return body
        sandbox = self.limits.sandbox if accept and self.tasks_left() > 0 else None
        declared = _declared(operation_id)
        if operation_id in api_rules.SCRIPT_WRITES:
            return api_rules.steer_script(body)
        if operation_id in (api_rules.STOP, api_rules.RETRY):
            return api_rules.steer_control(body, self.made, declared)
        if operation_id == api_rules.BY_TAG:
            return api_rules.steer_by_tag(body, self.made, declared, sandbox)
        return id_rules.steer(body, self.declared, sandbox, self.own_scripts())

    def problems(self, method: str, url: str, body: bytes, sandbox: Sandbox | None) -> list[str]:
        """Why a request breaks live mode's rules (empty when it keeps them): ids in its path and query,
        and its body by the rules of its operation."""
        operation, _ = api_rules.match(method, url)
        operation_id = operation.operation_id if operation else None
        found = api_rules.url_problems(method, url, self.made, self.limits.sandbox)
        if operation_id == api_rules.BY_TAG and self.limits.sandbox.tag is None:
            return [*found, api_rules.NO_TAG]
        parsed, value = id_rules.parse(body)
        if not parsed or not body:
            declared = operation.declared if operation and operation_id != EXECUTE else self.declared
            return found + id_rules.byte_violations(body, declared, sandbox, self.own_scripts())
        if operation_id in api_rules.SCRIPT_WRITES:
            return found + api_rules.script_problems(operation_id, value)
        if operation_id in (api_rules.STOP, api_rules.RETRY):
            return found + api_rules.control_problems(value, self.made, _declared(operation_id))
        if operation_id == api_rules.BY_TAG:
            tag = self.limits.sandbox.tag
            return found + api_rules.by_tag_problems(value, self.made, _declared(operation_id), sandbox, tag)
        return found + id_rules.violations(value, self.declared, sandbox, self.own_scripts())

    def refusal(self, method: str, url: str, body: bytes) -> str | None:
        """Why live mode would not send this request as it stands (for a clause to skip, saying why)."""
        if not self.live:
            return None
        problems = self.problems(method, url, self.steer(body, method, url), self._sandbox_now())
        return "; ".join(problems[:3]) or None

    @contextlib.contextmanager
    def bundled_control(self) -> Iterator[None]:
        """The next request of this thread goes to the bundled server's own control endpoint
        (``/_reference/``, not the Script API: its outcome control): sent as it is."""
        self._local.control = True
        try:
            yield
        finally:
            self._local.control = False

    def _is_control(self, url: str) -> bool:
        return getattr(self._local, "control", False) and urlsplit(url).path.startswith("/_reference/")

    def restitch(self, request: requests.PreparedRequest) -> None:
        """Steer the body of a request prepared by another session, if it is not signed."""
        if self._is_control(request.url or ""):
            return
        body = _as_bytes(request.body)
        steered = self.steer(body, request.method or "", request.url or "")
        if steered != body and not str(request.headers.get("Authorization", "")).startswith("SDK-HMAC"):
            request.body = steered
            request.headers["Content-Length"] = str(len(steered))

    def transmit(
        self, request: requests.PreparedRequest, send: Callable[[], requests.Response]
    ) -> requests.Response:
        body = _as_bytes(request.body)
        method, url = request.method or "", request.url or ""
        # The bundled server's outcome control is not the Script API: it starts no task.
        starts = tasks.can_start_task(method, url) and not self._is_control(url)
        if not self.live:
            # Not held across the send: requests a clause sends at once must reach the server at once.
            with self._transmitting():
                self._local.allowed = False
                response = send()
            with self._lock:
                self.sent += 1
                if starts:
                    self._settle(response.status_code, body, response.content, method, url)
                self._learn(response.status_code, body, response.content, method, url)
            return response
        with self._lock, self._transmitting():
            sandbox = self._sandbox_now()
            self._local.allowed = False  # one request per allowance
            problems = [] if self._is_control(url) else self.problems(method, url, body, sandbox)
            if problems:
                self.refused += 1
                raise GuardRefusal(f"live mode refused to send {method} {url}: {'; '.join(problems[:5])}")
            if starts and not self.ledger.room():
                self.ledger.held_back += 1
                unchecked.skip(
                    f"task budget spent (--max-tasks={self.limits.max_tasks}): no further request that "
                    "could start a task is sent; raise --max-tasks to judge this"
                )
            return self._send_paced(send, body, method, url, starts)

    @contextlib.contextmanager
    def _transmitting(self) -> Iterator[None]:
        """While set, the adapter gate lets this thread's send through: the guard is already on it."""
        previous = getattr(self._local, "transmitting", False)
        self._local.transmitting = True
        try:
            yield
        finally:
            self._local.transmitting = previous

    def _send_paced(
        self, send: Callable[[], requests.Response], body: bytes, method: str, url: str, starts: bool
    ) -> requests.Response:
        cleaning = getattr(self._local, "cleaning", False)
        # Room is kept under the cap for the clean-up: one delete per script the run holds (a create
        # needs its own delete too).
        operation = api_rules.match(method, url)[0]
        owed = self.made.owed() + (1 if operation and operation.operation_id == api_rules.CREATE else 0)
        for attempt in range(MAX_429_RETRIES + 1):
            if self.limits.max_requests and not cleaning and self.sent + owed >= self.limits.max_requests:
                self.not_sent += 1
                unchecked.skip(f"request cap reached (--max-requests={self.limits.max_requests}): raise it")
            if self.limits.rate > 0:
                time.sleep(max(0.0, self._last_sent + 1 / self.limits.rate - time.monotonic()))
            self._last_sent = time.monotonic()
            self.sent += 1
            try:
                response = send()
            except BaseException:
                if starts:  # no answer: it may have started a task
                    self._settle(None, body, b"", method, url)
                self._learn(None, body, b"", method, url)
                raise
            if response.status_code != 429:
                if starts:
                    self._settle(response.status_code, body, response.content, method, url)
                self._learn(response.status_code, body, response.content, method, url)
                return response
            self.rate_limited += 1
            if attempt == MAX_429_RETRIES:
                break
            wait = retry_after(response, attempt)
            response.close()
            time.sleep(wait)
        self.not_sent += 1
        unchecked.skip(
            f"the target answered 429 (slow down) {MAX_429_RETRIES + 1} times in a row: lower --rate"
        )
        raise AssertionError("unreachable")

    def _settle(self, status: int | None, body: bytes, answer: bytes, method: str, url: str) -> None:
        before = len(self.ledger.tasks)
        self.ledger.settle(status, body, answer, tasks.kind_of(body, self.limits.sandbox), method, url)
        for task in self.ledger.tasks[before:]:
            if isinstance(task.task_id, str):
                self.made.tasks.add(task.task_id)
        if len(self.ledger.tasks) != before and self.limits.tasks_file is not None:
            self.write_tasks(self.limits.tasks_file)

    def _learn(self, status: int | None, body: bytes, answer: bytes, method: str, url: str) -> None:
        operation, path_ids = api_rules.match(method, url)
        if operation is None:
            return
        before = (len(self.made.scripts), len(self.made.deleted), len(self.made.unanswered))
        self.made.learn(operation.operation_id, status, body, answer, path_ids)
        after = (len(self.made.scripts), len(self.made.deleted), len(self.made.unanswered))
        if before != after and self.limits.tasks_file is not None:
            self.write_tasks(self.limits.tasks_file)

    def write_tasks(self, path: Path, *, ended: bool = False) -> None:
        """The tasks file: every acknowledged task so far and every script the run created, beside the
        run's target, mode, times and budget."""
        run = {"format_version": TASKS_FILE_VERSION, **self.audit_run, "scripts": self.made.as_json()}
        self.ledger.write(path, run, ended=ended)

    @contextlib.contextmanager
    def cleaning(self) -> Iterator[None]:
        """Requests of the clean-up: past the request cap (room was kept for them)."""
        self._local.cleaning = True
        try:
            yield
        finally:
            self._local.cleaning = False

    def clean_up(self, delete: Callable[[str], int], find: Callable[[str], list[str]]) -> None:
        """Delete every script the run created and has not deleted: ``delete(script_id)`` gives the
        answer's status; ``find(name)`` the ids of scripts named so (for creates that got no answer).
        Bounded: one delete per script, one look-up per unanswered create, at most CLEAN_UP_SECONDS; what
        is left is listed (and so in the tasks file). Ctrl-C during the clean-up stops it, listing the
        rest."""
        deadline = time.monotonic() + CLEAN_UP_SECONDS
        made = self.made
        try:
            with self.cleaning():
                while made.unanswered:
                    name = made.unanswered.pop(0)
                    if time.monotonic() > deadline:
                        made.left_behind[name] = "not looked up: the clean-up ran out of time"
                        continue
                    try:
                        for script_id in find(name):
                            made.scripts.setdefault(script_id, name)
                    except Exception as exc:  # noqa: BLE001 - the clean-up goes on whatever one request does
                        made.left_behind[name] = f"create got no answer, look-up failed: {type(exc).__name__}"
                for script_id in made.alive():
                    if time.monotonic() > deadline:
                        made.left_behind[script_id] = "not deleted: the clean-up ran out of time"
                        continue
                    try:
                        status = delete(script_id)
                    except Exception as exc:  # noqa: BLE001
                        made.left_behind[script_id] = f"delete failed: {type(exc).__name__}: {exc}"[:200]
                        continue
                    if status in (204, 404):
                        made.deleted.add(script_id)
                        made.left_behind.pop(script_id, None)
                    else:
                        made.left_behind[script_id] = f"delete answered {status}"
        except BaseException:
            for script_id in made.alive():
                made.left_behind.setdefault(script_id, "not deleted: the clean-up was interrupted")
            raise
        finally:
            self.cleaned_up = True
            if self.limits.tasks_file is not None:
                self.write_tasks(self.limits.tasks_file)


class GuardedSession(requests.Session):
    def __init__(self, guard: Guard) -> None:
        super().__init__()
        self.guard = guard
        # No cookie carries over from one request to the next (a gateway's cookie could stand in for
        # the credential a clause leaves out).
        self.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        prepared = super().prepare_request(request)
        body = _as_bytes(prepared.body)
        steered = self.guard.steer(body, prepared.method or "", prepared.url or "")
        if steered == body:
            return prepared
        # Prepare again from the steered bytes, so Content-Length and an AK/SK signature cover them.
        again = copy.copy(request)
        again.json, again.files, again.data = None, [], steered
        again.headers = dict(request.headers)
        if "Content-Type" in prepared.headers:
            again.headers["Content-Type"] = prepared.headers["Content-Type"]
        return super().prepare_request(again)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        return self.guard.transmit(request, lambda: super(GuardedSession, self).send(request, **kwargs))


_ACTIVE: GuardedSession | None = None
_ADAPTER_SEND = requests.adapters.HTTPAdapter.send
# host:port of servers every request reaches without a proxy: the bundled server, the suite's own on
# loopback (HTTP_PROXY without a NO_PROXY naming 127.0.0.1 would send its requests where it is not).
_DIRECT: set[str] = set()


@contextlib.contextmanager
def directly(base_url: str) -> Iterator[None]:
    """While inside, no request of this process to ``base_url``'s host and port goes through a proxy."""
    where = urlsplit(base_url).netloc
    _DIRECT.add(where)
    try:
        yield
    finally:
        _DIRECT.discard(where)


def _gated_send(
    adapter: requests.adapters.HTTPAdapter, request: requests.PreparedRequest, *args: Any, **kwargs: Any
) -> requests.Response:
    """``HTTPAdapter.send`` behind the active guard: no session of this process gets around it."""
    if _DIRECT and urlsplit(request.url or "").netloc in _DIRECT:
        kwargs["proxies"] = None  # every caller (requests' Session.send) passes them by name
    run = _ACTIVE.guard if _ACTIVE is not None else None
    if run is None or getattr(run._local, "transmitting", False):
        return _ADAPTER_SEND(adapter, request, *args, **kwargs)
    run.restitch(request)
    return run.transmit(request, lambda: _ADAPTER_SEND(adapter, request, *args, **kwargs))


def install(guard: Guard) -> GuardedSession:
    """Make ``guard`` the run's one way to the wire (called once the options are read)."""
    global _ACTIVE
    _ACTIVE = GuardedSession(guard)
    requests.adapters.HTTPAdapter.send = _gated_send  # type: ignore[method-assign,assignment]
    return _ACTIVE


def session() -> GuardedSession:
    """The run's session; outside a suite run (a ``Target`` used on its own), a full-mode one."""
    global _ACTIVE
    if _ACTIVE is None:
        _ACTIVE = GuardedSession(Guard(Limits(), frozenset()))
    return _ACTIVE


def active() -> Guard:
    return session().guard


@contextlib.contextmanager
def accepting(*, required: bool = True) -> Iterator[None]:
    """For a clause whose next request should be one the target would accept but for what the clause
    tests: in live mode it names sandbox ids, and if accepted spends a task of the budget. When live mode
    cannot do that, a ``required`` clause is skipped; any other goes on with probe ids."""
    run = active()
    if run.live and required:
        sandbox = run.limits.sandbox
        if not (sandbox.desktops and sandbox.scripts):
            unchecked.skip(
                "live mode accepts only requests naming sandbox ids: give --sandbox-desktop and "
                "--sandbox-script (or WORKSPACE_SANDBOX_DESKTOPS / WORKSPACE_SANDBOX_SCRIPTS)"
            )
        if not run.tasks_left():
            unchecked.skip(
                f"task budget spent (--max-tasks={run.limits.max_tasks}, {run.reserve} of them kept for a "
                "request the target should have refused): raise it to judge this clause"
            )
    with run.allowance():
        yield
