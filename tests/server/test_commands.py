"""Commands (``command``, ``command_type``: fields of the official SDK, not of the reference page):
accepted and recorded, the enum and the not-both rule enforced through the shared evaluator, and the
inventory consulted for desktops only."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread

from .constants import AUTH, PROJECT, SERVICE_PATH, TOKEN

COMMAND = {
    "command": "Get-Process | Select-Object -First 5",
    "command_type": "POWERSHELL",
    "resource_ids": ["d1", "d2", "d3"],
    "gray_count": 1,
}


def test_a_command_is_recorded_with_the_same_gray_plan(client: httpx.Client) -> None:
    response = client.post(SERVICE_PATH, json=COMMAND, headers=AUTH)
    assert response.status_code == 200, response.text
    (task,) = client.get("/_reference/tasks").json()["tasks"]
    assert task["task_id"] == response.json()["task_id"] and task["request"] == COMMAND
    assert task["gray_plan"] == {"first_batch": ["d1"], "remaining": ["d2", "d3"], "fail_threshold": None}


@pytest.mark.parametrize("command_type", ["BAT", "SHELL", "POWERSHELL"])
def test_every_command_type_of_the_sdk_is_accepted(client: httpx.Client, command_type: str) -> None:
    body = {"command": "echo hi", "command_type": command_type}
    assert client.post(SERVICE_PATH, json=body, headers=AUTH).status_code == 200


@pytest.mark.parametrize("command_type", ["powershell", "CMD", "", 1, None])
def test_a_command_type_outside_the_enum_is_400(client: httpx.Client, command_type: object) -> None:
    response = client.post(SERVICE_PATH, json={"command": "ls", "command_type": command_type}, headers=AUTH)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error_code"] == "WKS.0006" and "command_type" in body["error_msg"]
    assert client.get("/_reference/tasks").json() == {"tasks": []}


@pytest.mark.parametrize("command", [7, ["ls"], None])
def test_a_command_that_is_not_a_string_is_400(client: httpx.Client, command: object) -> None:
    response = client.post(SERVICE_PATH, json={"command": command}, headers=AUTH)
    assert response.status_code == 400 and response.json()["error_code"] == "WKS.0006"


@pytest.mark.parametrize("script_ids", [["s1"], []])
def test_command_and_script_ids_together_are_400(client: httpx.Client, script_ids: list[str]) -> None:
    response = client.post(SERVICE_PATH, json={"command": "ls", "script_ids": script_ids}, headers=AUTH)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error_code"] == "WKS.0007"
    assert "command" in body["error_msg"] and "script_ids" in body["error_msg"]
    assert client.get("/_reference/tasks").json() == {"tasks": []}


def test_the_inventory_checks_desktops_of_a_command_but_never_looks_it_up_as_a_script(
    tmp_path: Path,
) -> None:
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps({"projects": {PROJECT: {"scripts": [], "desktops": ["d1"]}}}))
    app = create_app(credentials=[Credential(PROJECT, token=TOKEN)], inventory=inventory)
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as http:
        ok = http.post(SERVICE_PATH, json={"command": "s1", "resource_ids": ["d1"]}, headers=AUTH)
        assert ok.status_code == 200, ok.text
        refused = http.post(SERVICE_PATH, json={"command": "ls", "resource_ids": ["d9"]}, headers=AUTH)
        assert refused.status_code == 404 and "d9" in refused.json()["error_msg"]
        assert http.post(SERVICE_PATH, json={"script_ids": ["s1"]}, headers=AUTH).status_code == 404
