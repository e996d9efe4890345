"""Live mode's parts in one process: the mode decision, the id rule and the guarded session.

The session is exercised end to end (prepare, steer, check, send) against a scripted transport adapter
that records every body it was handed, so what "reached the wire" is inspected, not what was meant.
"""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from contract_tests import api_rules, guard, id_rules, live, spec, tasks, unchecked
from contract_tests.aksk import AkSkAuth
from contract_tests.id_rules import Sandbox

SANDBOX = Sandbox(desktops=("sandbox-d1", "sandbox-d2"), scripts=("sandbox-s1",))
URL = "http://target.test/v2/p/script-executions"
FIELDS = frozenset(spec.request_schema()["properties"])  # what the guard is given: the SDK's fields too


def example_ids() -> set[str]:
    fields = ("resource_ids", "gray_resource_ids", "script_ids")
    return {item for body in spec.request_examples().values() for f in fields for item in body.get(f, [])}


class Scripted(requests.adapters.BaseAdapter):
    """Answers with the given statuses in turn (the last one repeats) and keeps every body it got."""

    def __init__(self, *statuses: int, retry_after: str = "0") -> None:
        super().__init__()
        self.statuses = list(statuses)
        self.bodies: list[bytes] = []
        self.retry_after = retry_after

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        self.bodies.append(guard._as_bytes(request.body))
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        response = requests.Response()
        response.status_code, response.request = status, request
        response.headers["Retry-After"] = self.retry_after
        response._content = json.dumps({"task_id": f"t{len(self.bodies)}"}).encode()
        return response

    def close(self) -> None:
        pass


def session(adapter: Scripted, **limits: Any) -> guard.GuardedSession:
    settings = {"live": True, "sandbox": SANDBOX, **limits}
    guarded = guard.GuardedSession(guard.Guard(guard.Limits(**settings), FIELDS))
    guarded.mount("http://", adapter)
    return guarded


def post(guarded: guard.GuardedSession, body: Any, *, accept: bool = False) -> requests.Response:
    if accept:
        with guarded.guard.allowance():
            return guarded.post(URL, json=body)
    return guarded.post(URL, json=body)


PLAIN = spec.request_examples()["plain"]


# --- when live mode is on ---


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]"])
def test_loopback_hosts(host: str) -> None:
    assert live.is_loopback(host)


def test_name_resolving_only_to_loopback_is_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {"dev.test": ["127.0.0.1", "::1"], "mixed.test": ["127.0.0.1", "10.1.2.3"]}

    def resolve(host: str, *args: Any) -> list[Any]:
        if host not in answers:
            raise socket.gaierror(host)
        return [(0, 0, 0, "", (address, 0)) for address in answers[host]]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    assert live.is_loopback("dev.test")
    assert not live.is_loopback("mixed.test")  # one real address is enough to be careful
    assert not live.is_loopback("unknown.test")  # unresolvable: not known to be loopback
    assert live.decide_mode("https://mixed.test:8443", False, False).live


@pytest.mark.parametrize(
    ("base_url", "live_flag", "unrestricted", "expected"),
    [
        (None, False, False, False),  # bundled server: full mode
        (None, True, False, True),
        ("http://127.0.0.1:8000", False, False, False),
        ("http://localhost:8000", True, False, True),
        ("https://workspace.cn-north-4.myhuaweicloud.com", False, False, True),  # the real service
        ("http://192.0.2.10:8000", False, False, True),
        ("http://192.0.2.10:8000", False, True, False),  # the loud opt-out
    ],
)
def test_mode_decision(base_url: str | None, live_flag: bool, unrestricted: bool, expected: bool) -> None:
    mode = live.decide_mode(base_url, live_flag, unrestricted)
    assert mode.live is expected
    assert mode.why


def test_live_and_the_opt_out_together_are_refused() -> None:
    with pytest.raises(live.LiveOptionError, match="contradict"):
        live.decide_mode("http://192.0.2.10", True, True)


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.mark.parametrize("option", live.LIVE_ONLY)
@pytest.mark.parametrize("base_url", [None, "http://127.0.0.1:8000"], ids=["bundled", "loopback"])
def test_a_live_only_option_turns_live_mode_on(
    no_proxy: pytest.MonkeyPatch, option: str, base_url: str | None
) -> None:
    mode = live.decide_mode(base_url, False, False, [option])
    assert mode.live and f"{option} given" in mode.why


def test_every_live_only_option_is_read_under_its_own_name() -> None:
    parser = pytest.Parser(_ispytest=True)  # the parser pytest gives plugins, built here for the test
    from contract_tests import conftest

    conftest.add_live_options(parser)
    namespace = parser.parse(
        [
            "--max-tasks=1",
            "--sandbox-desktop=d",
            "--sandbox-script=s",
            "--sandbox-command=c",
            "--sandbox-desktop-tag=t",
        ]
    )
    assert live.live_only_given(lambda name: getattr(namespace, name)) == list(live.LIVE_ONLY)
    nothing = parser.parse([])
    assert live.live_only_given(lambda name: getattr(nothing, name)) == []


@pytest.mark.parametrize("option", live.LIVE_ONLY)
def test_a_live_only_option_with_the_opt_out_is_refused(option: str) -> None:
    with pytest.raises(live.LiveOptionError, match=f"{option} and .* contradict"):
        live.decide_mode("http://192.0.2.10", False, True, [option])


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_a_proxy_makes_a_loopback_url_live(no_proxy: pytest.MonkeyPatch, variable: str) -> None:
    no_proxy.setenv(variable, "http://user:secret@10.0.0.8:3128")
    mode = live.decide_mode("http://127.0.0.1:8000", False, False)
    assert mode.live
    assert "go through proxy 10.0.0.8:3128" in mode.why and "secret" not in mode.why


def test_no_proxy_keeps_a_loopback_url_loopback(no_proxy: pytest.MonkeyPatch) -> None:
    no_proxy.setenv("HTTP_PROXY", "http://10.0.0.8:3128")
    no_proxy.setenv("NO_PROXY", "127.0.0.1,localhost")
    mode = live.decide_mode("http://127.0.0.1:8000", False, False)
    assert not mode.live and "no proxy applies" in mode.why


def test_without_live_only_options_a_loopback_url_is_full_mode(no_proxy: pytest.MonkeyPatch) -> None:
    mode = live.decide_mode("http://127.0.0.1:8000", False, False)
    assert not mode.live and "port forwards to a real service, use --live" in mode.why


def test_live_mode_needs_a_budget_of_one_task_at_least() -> None:
    with pytest.raises(live.LiveOptionError, match="1 or more"):
        live.limits(
            live.Mode(True, "test"), desktops=None, scripts=None, command=None, max_tasks=0, rate=None,
            max_requests=None, tasks_file=None,
        )  # fmt: skip


def test_the_bundled_server_gets_sandbox_ids_of_its_own_in_live_mode() -> None:
    given = live.limits(
        live.Mode(True, "test"), desktops=None, scripts=None, command=None, max_tasks=None, rate=None,
        max_requests=None, tasks_file=None, bundled=True,
    )  # fmt: skip
    assert given.sandbox.desktops == live.BUNDLED_DESKTOPS and given.max_tasks == live.DEFAULT_MAX_TASKS


def test_a_probe_id_cannot_be_a_sandbox_id() -> None:
    mode = live.Mode(True, "test")
    with pytest.raises(live.LiveOptionError, match="sandbox"):
        live.limits(
            mode, desktops=["contract-probe-x"], scripts=None, command=None, max_tasks=3, rate=None,
            max_requests=None, tasks_file=None,
        )  # fmt: skip


# --- the id rule ---

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner, max_size=4),
    max_leaves=20,
)
bodies = (
    st.dictionaries(st.sampled_from(sorted(FIELDS)) | st.text(max_size=12), json_values, max_size=6)
    | json_values
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(body=bodies, accept=st.booleans())
def test_a_steered_body_keeps_the_rule(body: Any, accept: bool) -> None:
    declared = FIELDS
    steered = id_rules.steer(body, declared, SANDBOX if accept else None)
    assert id_rules.violations(steered, declared, SANDBOX if accept else None) == []
    assert id_rules.steer(steered, declared, SANDBOX if accept else None) == steered  # replays the same
    if not accept:
        assert not id_rules.names_sandbox(steered, SANDBOX)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_steered_to_keep_the_rule(raw: bytes) -> None:
    declared = FIELDS
    assert id_rules.byte_violations(id_rules.steer_bytes(raw, declared), declared) == []


def test_example_ids_become_probes_of_the_same_length() -> None:
    body = {**PLAIN, "script_ids": ["s" * 256]}
    steered = id_rules.steer(body, FIELDS)
    assert all(id_rules.is_probe(i) for i in steered["resource_ids"] + steered["script_ids"])
    assert len(steered["script_ids"][0]) == 256
    assert steered["resource_type"] == PLAIN["resource_type"]


def test_malformed_json_stays_malformed_and_loses_its_ids() -> None:
    raw = b'{"script_ids": ["0000000059071dbc01591661d3990019",], "resource_ids": [desktop-01]}'
    steered = id_rules.steer_bytes(raw, FIELDS)
    assert not id_rules.parse(steered)[0]
    assert b"0000000059071dbc" not in steered and b"desktop-01" not in steered
    assert b'"script_ids"' in steered


def test_duplicate_keys_are_not_trusted() -> None:
    raw = b'{"script_ids": ["real-script-0001"], "script_ids": ["contract-probe-x"]}'
    assert id_rules.byte_violations(raw, FIELDS)


# --- the guarded session ---


def test_without_an_allowance_no_id_but_probes_reaches_the_wire() -> None:
    adapter = Scripted(200)
    guarded = session(adapter)
    post(guarded, PLAIN)
    post(guarded, spec.request_examples()["gray"])
    for body in adapter.bodies:
        assert not any(i.encode() in body for i in example_ids() | SANDBOX.all_ids())
    # Acknowledged with probe ids only: tasks all the same, counted against the budget.
    assert guarded.guard.ledger.spent == 2
    assert [task.task_id for task in guarded.guard.tasks] == ["t1", "t2"]
    assert {task.kind for task in guarded.guard.tasks} == {tasks.PROBE}


def test_an_allowance_names_sandbox_ids_with_a_short_timeout() -> None:
    adapter = Scripted(200)
    guarded = session(adapter)
    post(guarded, PLAIN, accept=True)
    sent = json.loads(adapter.bodies[0])
    assert set(sent["resource_ids"]) <= set(SANDBOX.desktops)
    assert sent["script_ids"] == ["sandbox-s1"]
    assert sent["execution_timeout"] == id_rules.SHORT_TIMEOUT
    assert guarded.guard.ledger.spent == 1
    assert guarded.guard.tasks[0].names_sandbox


def test_the_failing_sandbox_script_is_sent_as_it_is_never_steered_to() -> None:
    """The gray clauses name --sandbox-failing-script: swapped for the passing sandbox script, they would
    fail a conforming server. Other bodies are never steered to it."""
    adapter = Scripted(200)
    guarded = session(adapter, sandbox=Sandbox(SANDBOX.desktops, SANDBOX.scripts, failing="sandbox-fails"))
    post(guarded, {**PLAIN, "script_ids": ["sandbox-fails"]}, accept=True)
    post(guarded, PLAIN, accept=True)
    first, second = (json.loads(body) for body in adapter.bodies)
    assert first["script_ids"] == ["sandbox-fails"]
    assert set(first["resource_ids"]) <= set(SANDBOX.desktops)
    assert second["script_ids"] == ["sandbox-s1"]


def test_the_bundled_servers_outcome_control_is_not_a_task() -> None:
    adapter = Scripted(200)
    guarded = session(adapter)
    with guarded.guard.bundled_control():
        guarded.post("http://target.test/_reference/outcomes", json={"result": "fail", "script": "s"})
    assert len(adapter.bodies) == 1 and guarded.guard.ledger.spent == 0 and not guarded.guard.tasks


def test_the_failing_script_option_reaches_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(live.ENV_FAILING_SCRIPT, raising=False)
    mode = live.Mode(True, "test")
    given = live.limits(mode, desktops=["d"], scripts=["s"], command=None, max_tasks=None, rate=None,
                        max_requests=None, tasks_file=None, failing="fails")  # fmt: skip
    assert given.sandbox.failing == "fails" and "fails" in given.sandbox.all_ids()
    monkeypatch.setenv(live.ENV_FAILING_SCRIPT, "from-env")
    kwargs: dict[str, Any] = {"command": None, "max_tasks": None, "rate": None, "max_requests": None}
    from_env = live.limits(mode, desktops=["d"], scripts=["s"], tasks_file=None, **kwargs)
    assert from_env.sandbox.failing == "from-env"
    bundled = live.limits(mode, desktops=None, scripts=None, tasks_file=None, bundled=True, **kwargs)
    assert bundled.sandbox.failing == "from-env"


def test_the_budget_counts_what_may_have_started_a_task(monkeypatch: pytest.MonkeyPatch) -> None:
    adapter = Scripted(404, 200, 500, 200)
    guarded = session(adapter, max_tasks=2)
    for _ in range(3):
        post(guarded, PLAIN, accept=True)
    # 404 was a refusal; 200 and 500 may have started something: the budget of two is spent, so the
    # fourth request, which could start a task whatever it names, is not sent at all.
    assert guarded.guard.ledger.spent == 2 and guarded.guard.ledger.unsettled == 1
    with pytest.raises(unchecked.NotChecked, match="task budget spent"):
        post(guarded, PLAIN)
    assert len(adapter.bodies) == 3 and guarded.guard.ledger.held_back == 1
    monkeypatch.setattr(guard, "_ACTIVE", guarded)  # what accepting() asks
    with pytest.raises(unchecked.NotChecked, match="task budget spent"), guard.accepting():
        pass


@pytest.mark.parametrize("body", [{}, {"gray_count": 5058}, {"resource_type": ""}, b"not json"], ids=repr)
def test_every_acknowledged_execution_counts_whatever_it_names(body: Any) -> None:
    adapter = Scripted(200)
    guarded = session(adapter, max_tasks=2)
    for _ in range(2):
        guarded.post(URL, **({"data": body} if isinstance(body, bytes) else {"json": body}))
    with pytest.raises(unchecked.NotChecked):
        guarded.post(URL, json=body) if not isinstance(body, bytes) else guarded.post(URL, data=body)
    assert len(adapter.bodies) == 2
    assert guarded.guard.ledger.acknowledged[tasks.NONE] == 2
    assert "2 of --max-tasks=2 task(s) spent: 2 acknowledged" in guarded.guard.ledger.describe()


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_any_method_on_the_execution_path_counts(method: str) -> None:
    """A broken server may start a task for any method: the contract's 405 is no guarantee."""
    guarded = session(Scripted(200), max_tasks=1)
    guarded.request(method, URL, data=b"{}")
    with pytest.raises(unchecked.NotChecked):
        guarded.request(method, URL, data=b"{}")


def test_only_the_contracts_other_operations_cannot_start_a_task() -> None:
    assert tasks.can_start_task("POST", "https://h/prefix/v2/p/script-executions")
    assert tasks.can_start_task("POST", "https://h/v2/p/script-executions/retry")
    assert tasks.can_start_task("GET", "https://h/v2/p/script-executions")  # not an operation: counts
    assert tasks.can_start_task("POST", "https://h/v2/p/unknown")  # a path the contract does not know
    assert not tasks.can_start_task("GET", "https://h/v2/p/scripts")  # ListScripts
    assert not tasks.can_start_task("POST", "https://h/v2/p/script-executions/stop")  # StopScriptExecution
    assert tasks.can_start_task("PUT", "https://h/v2/p/script-executions/stop")  # no such operation
    assert tasks.task_starting_operations() == [
        "ExecuteScriptByDesktopTag", "ExecuteScriptOrCommand", "RetryScriptExecution",
    ]  # fmt: skip


def test_full_mode_counts_tasks_without_a_budget() -> None:
    adapter = Scripted(200)
    guarded = session(adapter, live=False)
    for _ in range(7):
        post(guarded, PLAIN)
    assert guarded.guard.ledger.spent == 7 and guarded.guard.ledger.acknowledged[tasks.OTHER] == 7
    assert guarded.guard.ledger.describe().startswith(
        "7 request(s) that could start a task not refused (no budget)"
    )


def test_the_end_of_run_list_never_cuts_a_word() -> None:
    text = json.dumps({"resource_ids": [f"contract-probe-desktop{n:016x}" for n in range(9)]})
    shown = tasks.shorten(text, 120, "full body in the tasks file")
    kept = shown.partition(" …, ")[0]
    assert shown.endswith("…, full body in the tasks file") and len(kept) <= 120
    assert text.startswith(kept) and text[len(kept)] in " ,"  # cut where a word ends
    assert tasks.shorten("short", 120, "x") == "short"


def test_an_unanswered_sandbox_request_counts_as_spent() -> None:
    class Broken(Scripted):
        def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
            super().send(request)
            raise requests.ConnectionError("connection dropped")

    guarded = session(Broken(200))
    with pytest.raises(requests.ConnectionError):
        post(guarded, PLAIN, accept=True)
    assert guarded.guard.ledger.spent == 1 and guarded.guard.ledger.unsettled == 1


def test_a_body_built_around_the_steering_is_refused_not_sent() -> None:
    adapter = Scripted(200)
    guarded = session(adapter)
    prepared = requests.Request("POST", URL, json=PLAIN).prepare()  # not through the session: unsteered
    with pytest.raises(guard.GuardRefusal, match="resource_ids"):
        guarded.send(prepared)
    assert adapter.bodies == []


def test_429_waits_and_retries_then_gives_up_as_a_skip() -> None:
    adapter = Scripted(429, 429, 200)
    guarded = session(adapter)
    assert post(guarded, PLAIN).status_code == 200
    assert guarded.guard.rate_limited == 2
    with pytest.raises(unchecked.NotChecked, match="429"):
        post(session(Scripted(429)), PLAIN)


def test_retry_after_is_bounded() -> None:
    response = requests.Response()
    response.headers["Retry-After"] = "86400"
    assert guard.retry_after(response, 0) == guard.MAX_RETRY_WAIT


def test_the_request_cap_stops_sending() -> None:
    adapter = Scripted(400)
    guarded = session(adapter, max_requests=2)
    post(guarded, PLAIN)
    post(guarded, PLAIN)
    with pytest.raises(unchecked.NotChecked, match="--max-requests=2"):
        post(guarded, PLAIN)
    assert len(adapter.bodies) == 2


@pytest.mark.parametrize("command", [None, "Get-Date"])
def test_a_command_reaches_sandbox_desktops_only_as_the_users_own(command: str | None) -> None:
    adapter = Scripted(200)
    guarded = session(adapter, sandbox=Sandbox(SANDBOX.desktops, SANDBOX.scripts, command))
    post(guarded, {"resource_ids": ["desktop-01"], "command": "Format-Volume C"}, accept=True)
    sent = json.loads(adapter.bodies[0])
    if command is None:
        assert all(id_rules.is_probe(i) for i in sent["resource_ids"])
    else:
        assert sent["command"] == command and set(sent["resource_ids"]) <= set(SANDBOX.desktops)


def test_tasks_file_lists_every_acknowledged_task(tmp_path: Any) -> None:
    path = tmp_path / "tasks.json"
    guarded = session(Scripted(200, 400, 200), tasks_file=path)
    guarded.guard.audit_run.update(target="http://target.test", mode="live")
    for accept in (True, False, False):
        post(guarded, PLAIN, accept=accept)
    written = json.loads(path.read_text())
    listed = written["tasks"]
    assert [task["task_id"] for task in listed] == ["t1", "t3"]
    assert listed[0]["names_sandbox"] and listed[0]["request"]["script_ids"] == ["sandbox-s1"]
    assert [task["kind"] for task in listed] == [tasks.SANDBOX, tasks.PROBE]
    # An audit record: where, how, when and within what budget, beside the tasks.
    assert written["target"] == "http://target.test" and written["mode"] == "live"
    assert written["started"] and written["ended"] is None  # still running
    assert written["budget"]["max_tasks"] == guarded.guard.limits.max_tasks
    assert written["budget"]["spent"] == 2
    guarded.guard.write_tasks(path, ended=True)
    assert json.loads(path.read_text())["ended"]


def test_a_session_other_than_the_suites_passes_the_gate_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Schemathesis sends its auth probes on a fresh session: the adapter-level gate still sees them."""
    from reference_server.testing import serve_in_thread
    from tests.contract.asgi_tamper import Exchange, tampered
    from tests.contract.test_live_runs import accept_everything

    run = guard.Guard(guard.Limits(live=True, sandbox=SANDBOX), FIELDS)
    monkeypatch.setattr(guard, "_ACTIVE", guard.GuardedSession(run))
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", guard._gated_send)
    seen: list[Exchange] = []
    with serve_in_thread(tampered(accept_everything, response=seen.append)) as base_url:
        url = f"{base_url}/v2/p/script-executions"
        requests.Session().post(url, json=PLAIN, timeout=10)
        signed = AkSkAuth("AK", "SK", "p")  # a signed body cannot be changed: it is refused instead
        with pytest.raises(guard.GuardRefusal):
            requests.Session().post(url, json=PLAIN, auth=signed, timeout=10)
    assert len(seen) == 1
    sent = json.loads(seen[0].request_body)
    assert all(id_rules.is_probe(i) for i in sent["resource_ids"] + sent["script_ids"])
    assert len(run.tasks) == 1 and run.sent == 1


def test_distinct_ids_get_distinct_sandbox_ids() -> None:
    body = {"resource_ids": ["a-desktop", "b-desktop"], "gray_resource_ids": ["b-desktop"]}
    steered = id_rules.steer(body, FIELDS, SANDBOX)
    assert steered["resource_ids"] == ["sandbox-d1", "sandbox-d2"]
    assert steered["gray_resource_ids"] == ["sandbox-d2"]  # still inside resource_ids


@pytest.mark.parametrize(
    ("desktops", "resource_ids"),
    [
        (("sandbox-d1",), ["a-desktop", "b-desktop"]),  # one sandbox desktop, two ids to stand for
        (("sandbox-d1", "sandbox-d2"), ["a", "b", "c"]),
        (("sandbox-d1", "sandbox-d2"), ["a-desktop", "a-desktop"]),  # the body names one id twice
    ],
)
def test_no_request_names_a_sandbox_id_twice(desktops: tuple[str, ...], resource_ids: list[str]) -> None:
    sandbox = Sandbox(desktops, SANDBOX.scripts)
    steered = id_rules.steer({"resource_ids": resource_ids, "script_ids": ["s"]}, FIELDS, sandbox)
    assert all(id_rules.is_probe(i) for i in steered["resource_ids"])  # probes instead, no sandbox id


# --- the Script API's other operations (issue 18, point 5) ---

BASE = "http://target.test/v2/p"
TAGGED = Sandbox(SANDBOX.desktops, SANDBOX.scripts, None, "sandbox-tag")
HARMLESS_SCRIPT: dict[str, Any] = {
    "name": "contract-probe-x",
    "type": "SHELL",
    "content": "echo contract-probe",
}


class Service(requests.adapters.BaseAdapter):
    """Answers like a conforming service would (a new script id, a task id, a task's records, 204 for
    deletes), or with ``status`` for every request; keeps what reached it."""

    def __init__(self, status: int | None = None) -> None:
        super().__init__()
        self.status = status
        self.sent: list[tuple[str, str, bytes]] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        method, url = request.method or "", request.url or ""
        self.sent.append((method, url, guard._as_bytes(request.body)))
        response = requests.Response()
        response.request, response.status_code = request, self.status or 200
        answer: Any = {"task_id": f"t{len(self.sent)}"}
        if url.endswith("/scripts") and method == "POST":
            answer = {"script_id": f"s{len(self.sent)}"}
        elif "/script-execution-records" in url:
            answer = {"script_records": [{"id": "r-own", "script_task_id": "t1"}, {"id": "r-other"}]}
        elif method in ("PUT", "DELETE") and self.status is None:
            response.status_code, answer = 204, None
        response._content = b"" if answer is None else json.dumps(answer).encode()
        return response

    def close(self) -> None:
        pass


def live_session(adapter: requests.adapters.BaseAdapter, **limits: Any) -> guard.GuardedSession:
    guarded = guard.GuardedSession(
        guard.Guard(guard.Limits(**{"live": True, "sandbox": TAGGED, **limits}), FIELDS)
    )
    guarded.mount("http://", adapter)
    return guarded


def create(guarded: guard.GuardedSession, body: dict[str, Any] = HARMLESS_SCRIPT) -> str:
    return str(guarded.post(f"{BASE}/scripts", json=body).json()["script_id"])


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", f"{BASE}/scripts/0000000059071dbc01591661d3990020"),  # a script of someone else's
        ("GET", f"{BASE}/scripts?id=decoy-script-wipe-disk"),
        ("GET", f"{BASE}/script-execution-tasks?task_id=someone-elses-task-0001"),
        ("GET", f"{BASE}/script-execution-records/someone-elses-record"),
        ("DELETE", f"{BASE}/scripts/sandbox-s1"),  # a sandbox script is the user's: never deleted
        ("PUT", f"{BASE}/scripts/sandbox-s1"),
        ("PATCH", f"{BASE}/scripts/someone-elses-script"),  # a method the path lacks, all the same
        ("GET", f"{BASE}/unknown/someone-elses-id"),
        ("GET", f"{BASE}/scripts/sandbox-s1/delete"),  # the contract knows no such path
    ],
)
def test_ids_in_paths_and_queries_are_the_sandboxes_the_runs_or_probes(method: str, url: str) -> None:
    adapter = Service()
    guarded = live_session(adapter)
    with pytest.raises(guard.GuardRefusal):
        guarded.request(method, url, data=b"{}" if method != "GET" else None)
    assert adapter.sent == [] and guarded.guard.refused == 1


def test_reads_may_name_sandbox_probe_and_own_ids_and_typed_values() -> None:
    adapter = Service()
    guarded = live_session(adapter)
    script = create(guarded)
    guarded.post(f"{BASE}/script-executions", json=PLAIN)  # t2: a task of the run
    for url in [
        f"{BASE}/scripts/{script}",
        f"{BASE}/scripts/sandbox-s1",
        f"{BASE}/scripts?name=contract-probe-x&type=POWERSHELL&limit=100&offset=0",
        f"{BASE}/script-execution-tasks?task_id=t2&status=RUNNING&execute_time_start=2026-01-01T00:00:00Z",
        f"{BASE}/script-execution-records?resource_id=sandbox-d1&is_first_order=true",
    ]:
        guarded.get(url)
    assert len(adapter.sent) == 7


def test_scripts_are_created_only_probe_named_and_harmless() -> None:
    adapter = Service()
    guarded = live_session(adapter)
    for body in [
        {**HARMLESS_SCRIPT, "name": "Script01"},
        {**HARMLESS_SCRIPT, "content": "Remove-Item -Recurse C:\\"},
        {"name": "contract-probe-x", "type": "SHELL"},  # no content: a server might store anything
        {**HARMLESS_SCRIPT, "name": 7},
    ]:
        with pytest.raises(guard.GuardRefusal):
            guarded.post(f"{BASE}/scripts", json=body)
    assert adapter.sent == []
    padded = {**HARMLESS_SCRIPT, "content": "echo contract-probe".ljust(300)}  # the at-the-limit clause
    created = [create(guarded), create(guarded, padded)]
    assert guarded.guard.made.alive() == created
    # Fuzzed bodies are steered, keeping their types and lengths: a negative case stays negative.
    steered = api_rules.steer_script({"name": "n", "content": "rm -rf /", "version": "x" * 200})
    assert id_rules.is_probe(steered["name"]) and api_rules.is_harmless(steered["content"])
    assert len(steered["content"]) == len(
        "rm -rf /".ljust(len(api_rules.HARMLESS_CONTENT))
    ) and not api_rules.script_problems("CreateScript", steered)
    assert api_rules.script_problems(
        "CreateScript", api_rules.steer_script({"name": 7, "content": ""}, keep_short=True)
    )


def test_only_scripts_the_run_created_are_changed_or_deleted() -> None:
    adapter = Service()
    guarded = live_session(adapter)
    mine = create(guarded)
    guarded.put(
        f"{BASE}/scripts/{mine}", json={"name": "contract-probe-y", "content": "echo contract-probe again"}
    )
    with pytest.raises(guard.GuardRefusal):  # its own script, but a content that is not harmless
        guarded.put(f"{BASE}/scripts/{mine}", json={"content": "shutdown -h now"})
    guarded.delete(f"{BASE}/scripts/{mine}")
    guarded.delete(f"{BASE}/scripts/contract-probe-unknown")  # a probe names nobody's script
    assert guarded.guard.made.alive() == [] and mine in guarded.guard.made.deleted
    assert [m for m, _, _ in adapter.sent] == ["POST", "PUT", "DELETE", "DELETE"]


def test_stop_and_retry_name_only_the_runs_tasks_and_records() -> None:
    adapter = Service()
    guarded = live_session(adapter)
    guarded.post(f"{BASE}/script-executions", json=PLAIN)  # the run's task t1
    guarded.get(f"{BASE}/script-execution-records?script_task_id=t1")  # r-own is t1's; r-other is not
    assert guarded.guard.made.records == {"r-own"}
    for body in [
        {"task_id": "t1"},
        {"record_id": "r-own"},
        {"task_id": "someone-elses"},
        {"record_id": "r-other"},
    ]:
        guarded.post(f"{BASE}/script-executions/stop", json=body)
    sent = [json.loads(body) for _, url, body in adapter.sent if url.endswith("/stop")]
    assert sent[:2] == [{"task_id": "t1"}, {"record_id": "r-own"}]
    assert id_rules.is_probe(sent[2]["task_id"]) and id_rules.is_probe(sent[3]["record_id"])  # steered
    problems = api_rules.control_problems(
        {"task_id": "someone-elses"}, guarded.guard.made, frozenset({"task_id"})
    )
    assert problems  # and refused at the gate when a body cannot be steered (signed by another session)


def test_a_retry_spends_a_task_of_the_budget() -> None:
    adapter = Service()
    guarded = live_session(adapter, max_tasks=2)
    guarded.post(f"{BASE}/script-executions", json=PLAIN)
    guarded.post(f"{BASE}/script-executions/retry", json={"task_id": "t1"})
    with pytest.raises(unchecked.NotChecked, match="task budget spent"):
        guarded.post(f"{BASE}/script-executions/retry", json={"task_id": "t1"})
    assert len(adapter.sent) == 2 and guarded.guard.ledger.spent == 2
    # Counted as what it is: a re-run of the run's task, not an execution naming no ids.
    assert guarded.guard.ledger.acknowledged[tasks.RERUN] == 1
    assert "1 task or record ids)" in guarded.guard.ledger.describe()


def test_execution_by_tag_only_with_the_users_tag() -> None:
    adapter = Service()
    url = f"{BASE}/script-executions/by-desktop-tag"
    body: dict[str, Any] = {
        "desktop_tag": "team=finance",
        "script_ids": ["x-script"],
        "post_finish": "reboot",
        "execution_timeout": 9,
    }
    untagged = live_session(adapter, sandbox=SANDBOX)
    with pytest.raises(guard.GuardRefusal, match="--sandbox-desktop-tag"):
        untagged.post(url, json={**body, "desktop_tag": "contract-probe-tag"})
    guarded = live_session(adapter)
    guarded.post(url, json=body)  # not meant to be accepted: a probe tag
    with guarded.guard.allowance():
        guarded.post(url, json=body)
    first, second = (json.loads(sent) for _, _, sent in adapter.sent)
    assert id_rules.is_probe(first["desktop_tag"]) and id_rules.is_probe(first["script_ids"][0])
    assert second == {"desktop_tag": "sandbox-tag", "script_ids": ["sandbox-s1"], "execution_timeout": 1}
    assert guarded.guard.ledger.spent == 2  # both could start a task


def test_the_clean_up_deletes_every_script_left_and_lists_what_it_could_not(tmp_path: Any) -> None:
    adapter = Service()
    path = tmp_path / "tasks.json"
    guarded = live_session(adapter, tasks_file=path)
    kept, stuck = create(guarded), create(guarded)
    made = guarded.guard.made
    made.unanswered.append("contract-probe-lost")  # a create whose answer never came

    def delete(script_id: str) -> int:
        if script_id == stuck:
            raise requests.ConnectionError("reset")
        return guarded.delete(f"{BASE}/scripts/{script_id}").status_code

    def find(name: str) -> list[str]:
        guarded.get(f"{BASE}/scripts?name={name}")
        return ["s-found"]

    guarded.guard.clean_up(delete, find)
    assert made.alive() == [stuck] and {kept, "s-found"} <= made.deleted
    written = json.loads(path.read_text())
    assert written["format_version"] == 2
    assert [s["script_id"] for s in written["scripts"]["left_behind"]] == [stuck]
    assert "ConnectionError" in written["scripts"]["left_behind"][0]["why"]


def test_the_request_cap_keeps_room_for_the_clean_up() -> None:
    adapter = Service()
    guarded = live_session(adapter, max_requests=4)
    create(guarded)  # 1 sent, 1 delete owed
    create(guarded)  # 2 sent, 2 owed: the cap is reached for anything but the clean-up
    with pytest.raises(unchecked.NotChecked, match="--max-requests=4"):
        guarded.get(f"{BASE}/scripts")
    with guarded.guard.cleaning():
        for script_id in guarded.guard.made.alive():
            guarded.delete(f"{BASE}/scripts/{script_id}")
    assert len(adapter.sent) == 4 and guarded.guard.made.alive() == []
