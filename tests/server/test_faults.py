"""Armed faults, before and after the task is stored: late answers, errors for stored tasks, dropped
connections, and callers that give up while the server is still working."""

from __future__ import annotations

import httpx
import pytest
from workspace_scripts_client import create_client
from workspace_scripts_client.api.script import execute_script_or_command
from workspace_scripts_client.models import ExecuteScriptOrCommandReq

from reference_server import ReferenceApp
from reference_server.faults import Fault, FaultPlan

from .constants import AUTH, PROJECT, SERVICE_PATH, TOKEN
from .polling import eventually

REQUEST = {"script_ids": ["s1"], "resource_ids": ["d1"]}


def arm(client: httpx.Client, **fields: object) -> None:
    response = client.post("/_reference/faults", json={"count": 1, **fields})
    assert response.status_code == 200, response.text


def tasks(client: httpx.Client) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = client.get("/_reference/tasks").json()["tasks"]
    return listed


def test_after_commit_without_status_answers_200_late_for_the_stored_task(client: httpx.Client) -> None:
    arm(client, status=None, delay_seconds=0.2, after_commit=True)
    response = client.post(SERVICE_PATH, json=REQUEST, headers=AUTH)
    assert response.status_code == 200
    (task,) = tasks(client)
    assert task["task_id"] == response.json()["task_id"] and task["request"] == REQUEST


@pytest.mark.parametrize("status", [500, 503])
def test_after_commit_error_answers_the_error_but_the_task_exists(client: httpx.Client, status: int) -> None:
    arm(client, status=status, after_commit=True)
    response = client.post(SERVICE_PATH, json=REQUEST, headers=AUTH)
    assert response.status_code == status and response.json()["error_code"] == f"WKS.0{status}"
    (task,) = tasks(client)
    assert task["request"] == REQUEST
    assert client.post(SERVICE_PATH, json=REQUEST, headers=AUTH).status_code == 200  # count was 1
    assert len(tasks(client)) == 2


def test_drop_connection_after_commit_closes_without_an_answer(client: httpx.Client) -> None:
    arm(client, status=503, after_commit=True, drop_connection=True)  # status is ignored when dropping
    with pytest.raises(httpx.RemoteProtocolError):
        client.post(SERVICE_PATH, json=REQUEST, headers=AUTH)
    (task,) = tasks(client)
    assert task["request"] == REQUEST
    assert client.post(SERVICE_PATH, json=REQUEST, headers=AUTH).status_code == 200


def test_drop_connection_before_commit_stores_nothing(client: httpx.Client) -> None:
    arm(client, drop_connection=True)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post(SERVICE_PATH, json=REQUEST, headers=AUTH)
    assert tasks(client) == []


def test_a_refused_request_is_refused_at_once_under_an_after_commit_fault(client: httpx.Client) -> None:
    arm(client, status=503, delay_seconds=30, after_commit=True)
    response = client.post(SERVICE_PATH, json={"gray_count": 1, "gray_fail_threshold": 1}, headers=AUTH)
    assert response.status_code == 400 and tasks(client) == []


def test_timed_out_generated_client_call_leaves_a_recorded_task(client: httpx.Client, base_url: str) -> None:
    # The failure users fear: the call timed out, yet the service had already accepted the request.
    arm(client, status=None, delay_seconds=1.0, after_commit=True)
    with create_client(endpoint=base_url, token=TOKEN, project_id=PROJECT, timeout=0.3) as api:
        body = ExecuteScriptOrCommandReq(script_ids=["s1"], resource_ids=["d1"])
        with pytest.raises(httpx.ReadTimeout):
            execute_script_or_command.sync(PROJECT, client=api, body=body)
    (task,) = tasks(client)  # stored before the delay began
    assert task["request"] == REQUEST


def test_caller_leaving_during_a_before_commit_delay_still_gets_its_task_stored(
    client: httpx.Client, base_url: str
) -> None:
    # The server used to read the body only after the delay, find the caller gone, and log a 400.
    arm(client, status=None, delay_seconds=0.5)
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(base_url + SERVICE_PATH, json=REQUEST, headers=AUTH, timeout=0.1)
    (task,) = eventually(lambda: tasks(client))
    assert task["request"] == REQUEST


def test_fault_plan_arm_takes_the_after_commit_options() -> None:
    faults = FaultPlan()
    faults.arm(1, None, 0.5, after_commit=True, drop_connection=True)
    assert faults.take() == Fault(None, 0.5, after_commit=True, drop_connection=True)
    assert faults.take() is None


@pytest.mark.parametrize(
    "body",
    [
        {"count": 1, "after_commit": "yes"},
        {"count": 1, "drop_connection": 1},
        {"count": 1, "after_commit": None},
        {"count": 1, "after": True},
    ],
)
def test_bad_after_commit_options_get_400(client: httpx.Client, body: dict[str, object]) -> None:
    response = client.post("/_reference/faults", json=body)
    assert response.status_code == 400 and response.json()["error_code"] == "WKS.0006"


def test_reset_disarms_after_commit_faults(client: httpx.Client, app: ReferenceApp) -> None:
    arm(client, status=503, after_commit=True)
    client.post("/_reference/reset")
    assert client.post(SERVICE_PATH, json=REQUEST, headers=AUTH).status_code == 200
    assert len(app.service.store.all()) == 1
