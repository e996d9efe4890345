"""The /_reference endpoints: open on loopback, behind an admin token when one is set (the command line
sets one whenever it listens on anything but loopback)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from reference_server import create_app
from reference_server.__main__ import is_loopback
from reference_server.testing import serve_in_thread

from .constants import AUTH, CREDENTIALS, SERVICE_PATH

ADMIN = "admin-secret-for-tests"
ENDPOINTS = [("GET", "/_reference/tasks"), ("POST", "/_reference/reset"), ("POST", "/_reference/faults")]


@pytest.fixture(scope="module")
def guarded() -> Iterator[httpx.Client]:
    app = create_app(credentials=CREDENTIALS, admin_token=ADMIN)
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield http


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize("token", [None, "wrong", ADMIN + "x", ""])
def test_missing_or_wrong_admin_token_is_401(
    guarded: httpx.Client, method: str, path: str, token: str | None
) -> None:
    headers = {} if token is None else {"X-Reference-Admin-Token": token}
    response = guarded.request(method, path, json={"count": 1}, headers=headers)
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["error_code"] == "REF.0401" and "X-Reference-Admin-Token" in body["error_msg"]
    assert response.headers["x-request-id"]


def test_the_admin_token_opens_every_endpoint(guarded: httpx.Client) -> None:
    admin = {"X-Reference-Admin-Token": ADMIN}
    assert guarded.post(SERVICE_PATH, json={}, headers=AUTH).status_code == 200
    (task,) = guarded.get("/_reference/tasks", headers=admin).json()["tasks"]
    assert task["request"] == {}
    assert guarded.post("/_reference/faults", json={"count": 1, "status": 503}, headers=admin).json() == {
        "armed": 1
    }
    assert guarded.post("/_reference/reset", headers=admin).status_code == 200
    assert guarded.get("/_reference/tasks", headers=admin).json() == {"tasks": []}


def test_the_service_itself_needs_no_admin_token(guarded: httpx.Client) -> None:
    assert guarded.post(SERVICE_PATH, json={}, headers=AUTH).status_code == 200


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def run_until_started(*argv: str) -> tuple[subprocess.Popen[str], list[str], str]:
    command = [sys.executable, "-m", "reference_server", "--port", "0", "--db", ":memory:", *argv]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    url = next(m.group(1) for line in process.stderr if (m := re.search(r"running on (\S+) ", line)))
    printed: list[str] = []
    while not any("X-Reference-Admin-Token" in line for line in printed):
        printed.append(process.stdout.readline())
    return process, printed, url.replace("0.0.0.0", "127.0.0.1")


def test_command_line_on_all_interfaces_generates_and_prints_an_admin_token() -> None:
    process, printed, url = run_until_started("--host", "0.0.0.0", "--project-id", "p", "--token", "t")
    try:
        token = printed[-1].rsplit(": ", 1)[1].strip()
        assert len(token) == 32
        assert httpx.get(url + "/_reference/tasks").status_code == 401
        answer = httpx.get(url + "/_reference/tasks", headers={"X-Reference-Admin-Token": token})
        assert answer.status_code == 200 and answer.json() == {"tasks": []}
    finally:
        process.kill()
        process.wait()
