"""`make bench-server`: authenticated, persisted POSTs against the reference server, side by side with
a bare ASGI app (constant answer, same uvicorn settings) and Prism's mock server, all with one wrk
configuration. Prints req/s, the ratios to the bare app, and p50/p99 latency."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DURATION = os.environ.get("BENCH_DURATION", "10s")
WRK = ["wrk", "-t1", "-c32", f"-d{DURATION}", "--latency", "-s", str(HERE / "post.lua")]
TOKEN = "bench-token"
PROJECT = "0605767b5e00d5762f8fc01a0a1f0e11"
PATH = f"/v2/{PROJECT}/script-executions"
PRISM = ["npx", "-y", "@stoplight/prism-cli@5.16.0", "mock", str(ROOT / "openapi.yaml")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listening on port {port} after {timeout}s")


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def measure(name: str, command: list[str], port: int) -> dict[str, float]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        wait_until_listening(port, process)
        url = f"http://127.0.0.1:{port}{PATH}"
        subprocess.run(["wrk", "-t1", "-c4", "-d2s", "-s", str(HERE / "post.lua"), url], capture_output=True)
        env = {**os.environ, "BENCH_TOKEN": TOKEN}
        output = subprocess.run([*WRK, url], capture_output=True, text=True, env=env, check=True).stdout
    finally:
        process.terminate()
        process.wait(timeout=30)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(
            f"{name}: {non_2xx.group(1)} answers were not 2xx; the figure would be meaningless\n{output}"
        )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "requests": float(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        "p50": to_ms(re.search(r"50%\s+(\S+)", output).group(1)),  # type: ignore[union-attr]
        "p99": to_ms(re.search(r"99%\s+(\S+)", output).group(1)),  # type: ignore[union-attr]
    }


def main() -> None:
    python = sys.executable
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "bench.sqlite3")
        port = free_port()
        results["bare ASGI app"] = measure("bare", [python, str(HERE / "apps.py"), "bare", str(port)], port)
        port = free_port()
        reference = [python, str(HERE / "apps.py"), "reference", str(port), db, TOKEN, PROJECT]
        results["reference server"] = measure("reference", reference, port)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
        port = free_port()
        results["prism mock"] = measure("prism", [*PRISM, "-h", "127.0.0.1", "-p", str(port)], port)
    bare = results["bare ASGI app"]["rps"]
    print(f"\nwrk {' '.join(WRK[1:5])}, POST {PATH} with X-Auth-Token and a valid body\n")
    print(f"{'target':<18}{'req/s':>10}{'vs bare':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, figures in results.items():
        print(
            f"{name:<18}{figures['rps']:>10.0f}{figures['rps'] / bare:>9.2f}x"
            f"{figures['p50']:>10.2f}{figures['p99']:>10.2f}"
        )
    ratio = results["reference server"]["rps"] / results["prism mock"]["rps"]
    print(f"\nreference server vs prism: {ratio:.2f}x; tasks stored during its run: {stored}")
    print(
        "goal: reference >= 0.25x bare and ahead of prism:",
        "met" if ratio > 1 and results["reference server"]["rps"] >= 0.25 * bare else "NOT met",
    )


if __name__ == "__main__":
    main()
