"""The lifecycle's controls: the /_reference clock, outcomes, records and scripts endpoints; inventory
seeding, tags and outcome rules; the pytest plugin's in-process twins are in tests/plugin."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml

from reference_server import ReferenceApp, create_app
from reference_server.testing import serve_in_thread

from .constants import AUTH, CREDENTIALS, PROJECT
from .lifecycle_helpers import BY_TAG, SCRIPTS, execute, records, statuses, task


def test_the_clock_endpoint_freezes_advances_and_runs_until_idle(client: httpx.Client) -> None:
    frozen = client.post("/_reference/clock", json={"freeze": True}).json()
    assert frozen["frozen"] is True and frozen["now"].endswith("Z")
    rule = {"desktop": "d1", "result": "hang"}
    assert client.post("/_reference/outcomes", json=rule).json() == {"rules": 1}
    task_id = execute(client, resource_ids=["d1", "d2"], script_ids=["s"], execution_timeout=3)
    moved = client.post("/_reference/clock", json={"advance_seconds": 60}).json()
    assert moved["now_seconds"] == pytest.approx(frozen["now_seconds"] + 60) and moved["pending_records"] == 1
    assert statuses(client, task_id) == {"d1": "RUNNING", "d2": "SUCCESS"}
    idle = client.post("/_reference/clock", json={"run_until_idle": True}).json()
    assert idle["pending_records"] == 0 and idle["now_seconds"] >= frozen["now_seconds"] + 180
    assert statuses(client, task_id)["d1"] == "TIMEOUT"
    listed = client.get("/_reference/records", params={"task_id": task_id}).json()["records"]
    assert [record["project_id"] for record in listed] == [PROJECT, PROJECT]
    assert client.post("/_reference/clock", json={"resume": True}).json()["frozen"] is False
    assert client.get("/_reference/outcomes").json() == {"rules": [rule]}
    assert client.delete("/_reference/outcomes").json() == {"rules": 0}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/_reference/clock", {"advance_seconds": -1}),
        ("/_reference/clock", {"rewind": True}),
        ("/_reference/outcomes", {"result": "explode"}),
        ("/_reference/outcomes", {"desktop": "d1"}),
    ],
)
def test_bad_control_requests_are_400_and_change_nothing(
    client: httpx.Client, path: str, body: object
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 400 and response.json()["error_code"] == "WKS.0006", response.text
    assert client.get("/_reference/clock").json()["frozen"] is False
    assert client.get("/_reference/outcomes").json() == {"rules": []}


def test_reset_clears_scripts_tasks_records_rules_and_the_clock(
    client: httpx.Client, app: ReferenceApp
) -> None:
    script_id = client.post(
        SCRIPTS, json={"name": "n", "type": "SHELL", "content": "ls"}, headers=AUTH
    ).json()
    execute(client, resource_ids=["d1"], script_ids=[script_id["script_id"]])
    client.post("/_reference/clock", json={"freeze": True})
    client.post("/_reference/outcomes", json={"result": "fail"})
    assert client.post("/_reference/reset").json() == {"reset": True}
    assert client.get("/_reference/scripts").json() == {"scripts": []}
    assert client.get("/_reference/records").json() == {"records": []}
    assert client.get("/_reference/tasks").json() == {"tasks": []}
    assert client.get("/_reference/clock").json()["frozen"] is False
    assert app.service.outcomes.rules() == []


@pytest.fixture
def with_inventory(tmp_path: Path) -> tuple[ReferenceApp, httpx.Client]:
    projects = {
        PROJECT: {
            "scripts": ["plain", {"id": "rich", "name": "Rich one", "type": "SHELL", "content": "ls"}],
            "desktops": [
                "d0",
                {"id": "d1", "name": "finance-01", "tags": ["env=prod"]},
                {"id": "d2", "tags": ["env=prod"]},
                {"id": "d3", "tags": ["env=prod", "team=a"]},
            ],
            "outcomes": [{"desktop": "d2", "result": "fail", "reason": "no disk"}],
        }
    }
    path = tmp_path / "inventory.yaml"
    path.write_text(yaml.safe_dump({"projects": projects}))
    return create_app(credentials=CREDENTIALS, inventory=path), httpx.Client(timeout=10)


def test_an_inventory_seeds_the_library_tags_desktops_and_sets_outcomes(
    with_inventory: tuple[ReferenceApp, httpx.Client],
) -> None:
    app, http = with_inventory
    app.service.clock.freeze()
    with serve_in_thread(app) as url, http:
        http.base_url = httpx.URL(url)
        library = http.get(SCRIPTS, headers=AUTH).json()
        assert [(s["id"], s["name"], s["type"]) for s in library["scripts"]] == [
            ("plain", "plain", "POWERSHELL"),
            ("rich", "Rich one", "SHELL"),
        ]
        tagged = http.post(
            BY_TAG,
            json={
                "desktop_tag": "env=prod",
                "script_ids": ["rich"],
                "gray_count": 1,
                "gray_desktop_ids": ["d3"],
            },
            headers=AUTH,
        )
        assert tagged.status_code == 200, tagged.text
        task_id = tagged.json()["task_id"]
        app.service.engine.run_until_idle()
        found = {record["resource_id"]: record for record in records(http, task_id)}
        assert found["d1"]["execute_order"] == 1 and found["d1"]["resource_name"] == "finance-01"
        assert found["d2"]["status"] == "FAILED" and found["d2"]["reason"] == "no disk"
        assert found["d1"]["script_name"] == "Rich one"
        assert task(http, task_id)["gray_resource_ids"] == ["d1"]  # gray_count wins over gray_desktop_ids
        none = http.post(BY_TAG, json={"desktop_tag": "env=dev", "script_ids": ["rich"]}, headers=AUTH)
        assert none.status_code == 404 and "env=dev" in none.json()["error_msg"]
        unknown = http.post(
            BY_TAG.replace("/by-desktop-tag", ""), json={"script_ids": ["gone"]}, headers=AUTH
        )
        assert unknown.status_code == 404 and unknown.json()["error_msg"] == "Script not found: gone"


def test_a_bad_outcome_rule_in_the_inventory_stops_start_up(tmp_path: Path) -> None:
    path = tmp_path / "inventory.yaml"
    path.write_text(yaml.safe_dump({"projects": {PROJECT: {"outcomes": [{"result": "maybe"}]}}}))
    with pytest.raises(ValueError, match=f"inventory, project {PROJECT}: Invalid outcome rule"):
        create_app(credentials=CREDENTIALS, inventory=path)
