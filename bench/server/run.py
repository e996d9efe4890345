"""`make bench-server`: authenticated, persisted POSTs against the reference server, side by side with
a bare ASGI app (constant answer, same uvicorn settings) and Prism's mock server, all with one wrk
configuration. Prints req/s, the ratios to the bare app, and p50/p99 latency; then the lifecycle figures
of ``lifecycle.py``."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
ROUND_SECONDS = int(os.environ.get("BENCH_ROUND_SECONDS", "4"))
WRK = ["wrk", "-t1", "-c32", f"-d{ROUND_SECONDS}s", "--latency", "-s", str(HERE / "post.lua")]
TOKEN = "bench-token"
PROJECT = "0605767b5e00d5762f8fc01a0a1f0e11"
PATH = f"/v2/{PROJECT}/script-executions"
PRISM = ["npx", "-y", "@stoplight/prism-cli@5.16.0", "mock", str(ROOT / "openapi.yaml")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 180) -> None:
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
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if found is None:
        raise SystemExit(f"unexpected latency figure from wrk: {value!r}")
    return float(found.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[found.group(2)]


def run_wrk(name: str, url: str, command: list[str] = WRK) -> dict[str, float]:
    env = {**os.environ, "BENCH_TOKEN": TOKEN}
    output = subprocess.run([*command, url], capture_output=True, text=True, env=env, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"{name}: {non_2xx.group(1)} answers were not 2xx, the figure is void\n{output}")
    if re.search(r"^\s*99%\s+(\S+)\s*$", output, re.M) is None:
        raise SystemExit(f"{name}: wrk gave no latency figures\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50": to_ms(re.search(r"^\s*50%\s+(\S+)\s*$", output, re.M).group(1)),  # type: ignore[union-attr]
        "p99": to_ms(re.search(r"^\s*99%\s+(\S+)\s*$", output, re.M).group(1)),  # type: ignore[union-attr]
    }


def main() -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "bench.sqlite3")
        ports = {name: free_port() for name in ("bare ASGI app", "reference server", "prism mock")}
        commands = {
            "bare ASGI app": [python, str(HERE / "apps.py"), "bare", str(ports["bare ASGI app"])],
            "reference server": [python, str(HERE / "apps.py"), "reference", str(ports["reference server"])]
            + [db, TOKEN, PROJECT],
            "prism mock": [*PRISM, "-h", "127.0.0.1", "-p", str(ports["prism mock"])],
        }
        processes = {
            # Each in a session of its own: npx runs Prism as a child, which terminating npx leaves running.
            name: subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
                start_new_session=True,
            )
            for name, command in commands.items()
        }
        try:
            for name, process in processes.items():
                wait_until_listening(ports[name], process)
            urls = {name: f"http://127.0.0.1:{port}{PATH}" for name, port in ports.items()}
            for name, url in urls.items():  # warm-up, not counted
                run_wrk(name, url, ["wrk", "-t1", "-c4", "-d2s", "--latency", "-s", str(HERE / "post.lua")])
            # Rounds alternate between the targets, so a change in the machine's load hits all of them.
            rounds: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
            for _ in range(ROUNDS):
                for name, url in urls.items():
                    rounds[name].append(run_wrk(name, url))
        finally:
            for process in processes.values():
                with contextlib.suppress(ProcessLookupError):  # the whole group: npx and its Prism
                    os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
    results = {
        name: {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p99")}
        for name, runs in rounds.items()
    }
    bare, reference, prism = (results[name]["rps"] for name in urls)
    print(
        f"\nwrk {' '.join(WRK[1:4])} x {ROUNDS} alternating rounds, medians; POST {PATH}, token, valid body\n"
    )
    print(f"{'target':<18}{'req/s':>10}{'vs bare':>10}{'p50 ms':>10}{'p99 ms':>10}   per-round req/s")
    for name, figures in results.items():
        per_round = " ".join(f"{r['rps']:.0f}" for r in rounds[name])
        print(
            f"{name:<18}{figures['rps']:>10.0f}{figures['rps'] / bare:>9.2f}x"
            f"{figures['p50']:>10.2f}{figures['p99']:>10.2f}   {per_round}"
        )
    print(f"\nreference server vs prism: {reference / prism:.2f}x; tasks it stored: {stored}")
    met = reference >= 0.25 * bare and reference > prism
    print("goal (>= 0.25x the bare app, ahead of prism):", "met" if met else "NOT met")


if __name__ == "__main__":
    main()
    import lifecycle  # the lifecycle figures (issue 17): records listed, large executions, the clock

    lifecycle.main()
