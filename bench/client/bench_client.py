"""``make bench-client``: per-call cost and import time of our client against raw httpx and the official SDK.

All contenders call the same constant-answer server (``constant_server.py``, uvicorn in a subprocess on
127.0.0.1) in short interleaved rounds; per-call figures are the fastest round's mean. Import times come from
fresh interpreters, best of several runs, each package in a virtualenv of its own holding just it and its
dependencies, as a user installs it: the development .venv also holds click and rich (for Schemathesis), which
httpx then imports for its command line, and which would bill every httpx user for a tool they do not have.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import venv
from collections.abc import Callable
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
IMPORT_ENVS = ROOT / ".venv" / "bench-import-envs"
PROJECT = "0605767b5e00d5762f8fc01a0a1f0e11"
AK, SK, TOKEN = "AKBENCH0000000000000", "bench-secret-key", "bench-token"
PAYLOAD = {"resource_ids": ["desktop-01", "desktop-02"], "script_ids": ["script-01"], "execution_timeout": 30}
CALLS_PER_ROUND = int(os.environ.get("BENCH_CALLS", "100"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "24"))
IMPORT_REPEATS = int(os.environ.get("BENCH_IMPORT_REPEATS", "7"))
GOALS = {  # contender: (ratio against raw httpx must be at most)
    "ours, token": 1.05,
    "ours, AK/SK": 1.15,
}
SDK_SPEEDUP_GOAL = 1.7
IMPORT_SPEEDUP_GOAL = 3.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "constant_server:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    command += ["--log-level", "warning", "--no-access-log", "--loop", "uvloop", "--http", "httptools"]
    process = subprocess.Popen(command, cwd=HERE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            httpx.post(url, content=b"{}")
            return process, url
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the constant-answer server did not start")


def contenders(url: str) -> dict[str, Callable[[], object]]:
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkworkspace.v2 import ExecuteScriptOrCommandRequest, WorkspaceClient
    from huaweicloudsdkworkspace.v2.model.execute_script_or_command_req import (
        ExecuteScriptOrCommandReq as SdkReq,
    )
    from workspace_scripts_client import create_client
    from workspace_scripts_client.api.script import execute_script_or_command as execute
    from workspace_scripts_client.models import ExecuteScriptOrCommandReq

    raw = httpx.Client(headers={"X-Auth-Token": TOKEN})
    raw_url = f"{url}/v2/{PROJECT}/script-executions"
    token_client = create_client(endpoint=url, token=TOKEN, environ={})
    aksk_client = create_client(endpoint=url, ak=AK, sk=SK, project_id=PROJECT, environ={})
    body = ExecuteScriptOrCommandReq(**PAYLOAD)  # type: ignore[arg-type]
    sdk = (
        WorkspaceClient.new_builder()
        .with_credentials(BasicCredentials(AK, SK, PROJECT))
        .with_endpoints([url])
        .build()
    )
    sdk_request = ExecuteScriptOrCommandRequest(body=SdkReq(**PAYLOAD))

    def raw_post() -> object:
        return raw.post(raw_url, json=PAYLOAD).json()["task_id"]

    def ours_token() -> object:
        return execute.sync(PROJECT, client=token_client, body=body)

    def ours_aksk() -> object:
        return execute.sync(PROJECT, client=aksk_client, body=body)

    def official_sdk() -> object:
        return sdk.execute_script_or_command(sdk_request).task_id

    return {
        "raw httpx": raw_post,
        "ours, token": ours_token,
        "ours, AK/SK": ours_aksk,
        "official SDK": official_sdk,
    }


def per_call_seconds(calls: dict[str, Callable[[], object]]) -> dict[str, float]:
    for call in calls.values():  # warm up connections and caches
        for _ in range(50):
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    for round_number in range(ROUNDS):
        # Each round starts with a different contender, so none always runs first (or last).
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            call = calls[name]
            started = time.perf_counter()
            for _ in range(CALLS_PER_ROUND):
                call()
            samples[name].append((time.perf_counter() - started) / CALLS_PER_ROUND)
    # The fastest round is the one least disturbed by other load on the machine (2 shared cores): it is the
    # best estimate of each contender's own cost. Short interleaved rounds give every contender quiet ones.
    return {name: min(values) for name, values in samples.items()}


def isolated_python(name: str, requirement: str) -> Path:
    """The interpreter of a virtualenv (made once, then reused) that holds only ``requirement``."""
    env = IMPORT_ENVS / name
    python = env / "bin" / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(env)
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    _quiet_unless_failing([*pip, requirement])
    if Path(requirement).is_dir():  # same version number, new code: install this checkout's copy
        _quiet_unless_failing([*pip, "--force-reinstall", "--no-deps", requirement])
    return python


def _quiet_unless_failing(command: list[str]) -> None:
    # pip's warnings about the machine's index configuration would bury the figures; show them on failure.
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def import_seconds(python: Path, statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.check_output([python, "-c", code], text=True, cwd=IMPORT_ENVS))
        for _ in range(IMPORT_REPEATS)
    ]
    return min(runs)


def verdict(ok: bool) -> str:
    return "meets goal" if ok else "MISSES goal"


def main() -> None:
    process, url = start_server()
    try:
        costs = per_call_seconds(contenders(url))
    finally:
        process.terminate()
        process.wait()
    raw = costs["raw httpx"]
    print(f"per call, loopback, constant-answer server (best of {ROUNDS} rounds x {CALLS_PER_ROUND} calls):")
    for name, seconds in costs.items():
        print(f"  {name:<14} {seconds * 1e6:8.1f} us   {seconds / raw:5.2f}x raw httpx")
    for name, goal in GOALS.items():
        ratio = costs[name] / raw
        print(f"  goal {name}: <= {goal:.2f}x raw -> {ratio:.2f}x, {verdict(ratio <= goal)}")
    for name in GOALS:
        speedup = costs["official SDK"] / costs[name]
        meets = verdict(speedup >= SDK_SPEEDUP_GOAL)
        print(f"  goal {name} vs SDK: >= {SDK_SPEEDUP_GOAL}x faster -> {speedup:.2f}x, {meets}")

    ours_python = isolated_python("ours", str(ROOT / "generated"))
    sdk_python = isolated_python("sdk", "huaweicloudsdkworkspace==3.1.219")
    ours = import_seconds(
        ours_python,
        "import workspace_scripts_client; "
        "from workspace_scripts_client.api.script import execute_script_or_command; "
        "from workspace_scripts_client.models import ExecuteScriptOrCommandReq",
    )
    sdk = import_seconds(sdk_python, "import huaweicloudsdkworkspace.v2")
    print(f"import time, fresh interpreters in isolated virtualenvs (best of {IMPORT_REPEATS}):")
    print(f"  workspace_scripts_client (+ endpoint, models) {ours * 1e3:7.1f} ms")
    print(f"  huaweicloudsdkworkspace.v2                    {sdk * 1e3:7.1f} ms")
    meets = verdict(sdk / ours >= IMPORT_SPEEDUP_GOAL)
    print(f"  goal: >= {IMPORT_SPEEDUP_GOAL}x faster -> {sdk / ours:.2f}x, {meets}")
    print(
        json.dumps(
            {
                "per_call_us": {k: round(v * 1e6, 1) for k, v in costs.items()},
                "import_ms": {"ours": round(ours * 1e3, 1), "sdk": round(sdk * 1e3, 1)},
            }
        )
    )


if __name__ == "__main__":
    main()
