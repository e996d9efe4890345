"""No credential given to the suite appears in anything it writes, whatever the mode.

The target is a broken server that refuses everything with 400 and echoes every request header back, in
its body and in a header: the suite's failure reports print answers, so they would show the credentials
unless the report filters them. Each run greps everything written (stdout, stderr, JUnit XML, make's echo).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contract_tests.target import Target
from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread
from tests.contract.runner import ROOT, _clean_env

SMALL_RUN = ["--max-examples=5", "--time-budget=2", "--no-replay"]
# Through make, what is new is make's echo (and the variables it exports): one clause module is enough to
# fail with echoed answers, and leaving the fuzzer out spares its collection.
MAKE_RUN = [
    *SMALL_RUN,
    "--ignore=contract_tests/test_fuzz.py",
    "-k",
    "test_credentials",
    "-p",
    "no:cacheprovider",
]


async def echo_everything(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Answers every request 400, with the request's headers in the error message and a header."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    while (await receive()).get("more_body"):
        pass
    echoed = "; ".join(f"{name.decode()}: {value.decode()}" for name, value in scope["headers"])
    body = json.dumps({"error_code": "ECHO.0400", "error_msg": echoed}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"x-request-id", b"echo"),
        (b"x-echo", echoed.encode()),
    ]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def echo_url() -> Iterator[str]:
    with serve_in_thread(echo_everything) as base_url:
        yield base_url


@pytest.fixture
def credentials() -> dict[str, str]:
    """Recognisable values: each one found anywhere in the output is a leak."""
    tag = secrets.token_hex(6)
    return {
        "token": f"TOKEN-{tag}-secret",
        "ak": f"AK{tag.upper()}SECRET",
        "sk": f"SK-{tag}-secret",
        "security_token": f"STS-{tag}-secret",
    }


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        command, cwd=ROOT, env={**_clean_env(), **(env or {})}, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    # The suite must have run and failed on the broken server, printing answers that echo the credentials.
    assert result.returncode in (1, 2), output[-3000:]
    assert "Contract clause broken" in output, output[-3000:]
    assert "[Filtered]" in output, output[-3000:]
    return output


def _pytest(echo_url: str, *args: str) -> list[str]:
    return [
        sys.executable, "-m", "pytest", "contract_tests", "-p", "no:cacheprovider",
        f"--base-url={echo_url}", "--project-id=echo-project", *SMALL_RUN, *args,
    ]  # fmt: skip


def _assert_no_secret(text: str, credentials: dict[str, str]) -> None:
    leaked = [name for name, value in credentials.items() if value in text]
    assert not leaked, f"leaked {leaked}:\n" + "\n".join(
        line for line in text.splitlines() if any(value in line for value in credentials.values())
    )


def test_token_mode_with_header_logs_and_captured_output(echo_url: str, credentials: dict[str, str]) -> None:
    output = _run(
        _pytest(echo_url, f"--token={credentials['token']}", "-v", "-rA", "--log-level=DEBUG"),
    )
    _assert_no_secret(output, credentials)


def test_aksk_mode_from_the_environment_with_locals(echo_url: str, credentials: dict[str, str]) -> None:
    env = {
        "HUAWEICLOUD_SDK_AK": credentials["ak"],
        "HUAWEICLOUD_SDK_SK": credentials["sk"],
        "HUAWEICLOUD_SDK_SECURITY_TOKEN": credentials["security_token"],
    }
    output = _run(_pytest(echo_url, "-l", "--tb=long"), env)
    assert "Target(" in output  # -l shows the fixtures' values: the target is among them, filtered
    _assert_no_secret(output, credentials)


def test_junit_report_under_xdist(echo_url: str, credentials: dict[str, str], tmp_path: Path) -> None:
    junit = tmp_path / "contract.xml"
    output = _run(
        _pytest(
            echo_url,
            f"--ak={credentials['ak']}",
            f"--sk={credentials['sk']}",
            f"--security-token={credentials['security_token']}",
            f"--junitxml={junit}",
            "-o",
            "junit_logging=all",
            "-n",
            "2",
        )
    )
    xml = junit.read_text(encoding="utf-8")
    assert "<failure" in xml and "[Filtered]" in xml
    _assert_no_secret(output + xml, credentials)


@pytest.mark.parametrize("auth", ["token", "aksk"])
def test_make_contract_echoes_no_credential(echo_url: str, credentials: dict[str, str], auth: str) -> None:
    if auth == "token":
        given = [f"TOKEN={credentials['token']}"]
    else:
        given = [f"AK={credentials['ak']}", f"SK={credentials['sk']}"]
        given.append(f"SECURITY_TOKEN={credentials['security_token']}")
    command = [
        "make", "-o", ".venv/.installed", "contract", f"BASE_URL={echo_url}", "PROJECT_ID=echo-project",
        *given, f"CONTRACT_ARGS={' '.join(MAKE_RUN)}",
    ]  # fmt: skip
    # make runs the virtualenv's pytest: the one running these tests.
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    output = _run(command, env)
    assert "pytest contract_tests --base-url=" in output  # make's echo of the command line is there
    _assert_no_secret(output, credentials)


def test_security_token_is_sent_and_signed() -> None:
    """Temporary credentials as the official SDK sends them: ``X-Security-Token``, signed."""
    project_id, ak, sk = secrets.token_hex(16), secrets.token_hex(10).upper(), secrets.token_urlsafe(30)
    app = create_app(credentials=[Credential(project_id, ak=ak, sk=sk)])
    body = json.dumps({"script_ids": ["s-1"], "resource_ids": ["d-1"]}).encode()
    with serve_in_thread(app) as base_url:
        given = Target(base_url, project_id, ak=ak, sk=sk, security_token="temporary-token")
        response = given.send("POST", body=body)
    sent = {name: str(value) for name, value in response.request.headers.items()}
    assert response.status_code == 200, response.text
    assert sent["X-Security-Token"] == "temporary-token"
    signed = sent["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    assert "x-security-token" in signed
