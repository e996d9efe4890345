"""The lifecycle half of `make bench-server` (issue 17, point 11):

1. ListScriptRecords, one page of 100 records of one task among 100,000 stored, under wrk, next to the bare
   app on the same protocol: req/s, ratio (goal >= 0.5x), p50/p99;
2. one execution over 1,000 desktops against one over one desktop, over HTTP: median time each, ratio
   (goal <= 3x), and the first read after one (which writes its records: an accepted task carries them
   in its own row until the progress engine's next step);
3. the clock moving 10,000 pending records to final (``run_until_idle``), in-process.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from reference_server.executions.plan import plan_task
from reference_server.progress.clock import Clock
from reference_server.progress.engine import Engine
from reference_server.store import TaskStore

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import PROJECT, ROUND_SECONDS, TOKEN, free_port, run_wrk, wait_until_listening  # noqa: E402

STORED_TASKS, DESKTOPS_PER_TASK = 100, 1000  # 100,000 records
GET = ["wrk", "-t1", "-c32", f"-d{ROUND_SECONDS}s", "--latency", "-s", str(HERE / "get.lua")]
EXECUTIONS = int(os.environ.get("BENCH_EXECUTIONS", "20"))
LIST_ROUNDS = int(os.environ.get("BENCH_LIST_ROUNDS", "7"))  # more than run.py's: the goal is a ratio


def fill(db: str) -> str:
    """100,000 final records in 100 tasks; the id of one task in the middle."""
    store = TaskStore(db)
    now = time.time()
    request = {"resource_ids": [f"d{i:04}" for i in range(DESKTOPS_PER_TASK)], "script_ids": ["s"]}
    tasks = [plan_task(PROJECT, request, now) for _ in range(STORED_TASKS)]
    store.add_many(tasks)
    Engine(store, Clock()).run_until_idle()  # everything final: the reads below find nothing due
    store.close()
    return tasks[STORED_TASKS // 2].task_id


def serve(kind: str, port: int, db: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(HERE / "apps.py"), kind, str(port)]
    if kind == "reference":
        command += [db, TOKEN, PROJECT]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_listening(port, process)
    return process


def list_records(db: str, task_id: str) -> None:
    ports = {"bare ASGI app": free_port(), "reference server": free_port()}
    processes = {"bare ASGI app": serve("bare", ports["bare ASGI app"], db)}
    processes["reference server"] = serve("reference", ports["reference server"], db)
    path = f"/v2/{PROJECT}/script-execution-records?script_task_id={task_id}&limit=100&offset=400"
    try:
        urls = {name: f"http://127.0.0.1:{port}{path}" for name, port in ports.items()}
        answer = httpx.get(urls["reference server"], headers={"X-Auth-Token": TOKEN}).json()
        assert answer["count"] == DESKTOPS_PER_TASK and len(answer["script_records"]) == 100, answer
        for name, url in urls.items():
            run_wrk(name, url, ["wrk", "-t1", "-c4", "-d2s", "--latency", "-s", str(HERE / "get.lua")])
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
        loads = []  # the machine is shared: the figures mean little without the load they were taken under
        for _ in range(LIST_ROUNDS):
            for name, url in urls.items():
                rounds[name].append(run_wrk(name, url, GET))
                loads.append(os.getloadavg()[0])
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(timeout=30)
    results = {
        name: {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p99")}
        for name, runs in rounds.items()
    }
    bare = results["bare ASGI app"]["rps"]
    # Each round runs the two back to back: the ratio within a round sees the same load on both, so the
    # median of the rounds' ratios is steadier than the ratio of the medians (both are printed).
    paired = statistics.median(
        ref["rps"] / floor["rps"]
        for ref, floor in zip(rounds["reference server"], rounds["bare ASGI app"], strict=True)
    )
    print(f"\n1. GET one page of 100 records of one task among {STORED_TASKS * DESKTOPS_PER_TASK:,} stored")
    print(f"   wrk {' '.join(GET[1:4])} x {LIST_ROUNDS} alternating rounds, medians; load average (1 min)")
    print(f"   {min(loads):.1f}-{max(loads):.1f} during the rounds\n")
    print(f"{'target':<18}{'req/s':>10}{'vs bare':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, figures in results.items():
        print(
            f"{name:<18}{figures['rps']:>10.0f}{figures['rps'] / bare:>9.2f}x"
            f"{figures['p50']:>10.2f}{figures['p99']:>10.2f}"
        )
    ratio = results["reference server"]["rps"] / bare
    pairs = zip(rounds["reference server"], rounds["bare ASGI app"], strict=True)
    per_round = " ".join(f"{ref['rps'] / floor['rps']:.2f}" for ref, floor in pairs)
    print(f"ratio of the medians {ratio:.2f}x; median of the rounds' ratios {paired:.2f}x ({per_round})")
    print("goal (>= 0.5x the bare app, median of the rounds' ratios):", "met" if paired >= 0.5 else "NOT met")


def executions(db: str) -> None:
    port = free_port()
    process = serve("reference", port, db)
    url = f"http://127.0.0.1:{port}/v2/{PROJECT}/script-executions"
    headers = {"X-Auth-Token": TOKEN, "Content-Type": "application/json"}
    bodies = {
        size: json.dumps({"resource_ids": [f"desk-{i:04}" for i in range(size)], "script_ids": ["s"]})
        for size in (1, 1000)
    }
    times: dict[int, list[float]] = {1: [], 1000: []}
    try:
        with httpx.Client(timeout=60) as http:
            for _ in range(3):  # warm-up
                for body in bodies.values():
                    http.post(url, content=body, headers=headers).raise_for_status()
            for _ in range(EXECUTIONS):  # alternating, so load changes hit both
                for size, body in bodies.items():
                    started = time.perf_counter()
                    http.post(url, content=body, headers=headers).raise_for_status()
                    times[size].append(time.perf_counter() - started)
        reads = []  # the first read after one: it writes the 1,000 records the execution carried
        with httpx.Client(timeout=60) as http:
            http.get(url.replace("script-executions", "script-execution-tasks"), headers=headers)
            for _ in range(5):
                task_id = http.post(url, content=bodies[1000], headers=headers).json()["task_id"]
                started = time.perf_counter()
                listed = http.get(
                    url.replace("script-executions", "script-execution-records"),
                    params={"script_task_id": task_id, "limit": 100},
                    headers=headers,
                ).json()
                reads.append(time.perf_counter() - started)
                assert listed["count"] == 1000, listed
    finally:
        process.terminate()
        process.wait(timeout=30)
    one, thousand = (statistics.median(times[size]) * 1000 for size in (1, 1000))
    print(f"\n2. ExecuteScriptOrCommand over HTTP, medians of {EXECUTIONS}: one desktop {one:.2f} ms,")
    print(f"   1,000 desktops {thousand:.2f} ms: {thousand / one:.2f}x (goal <= 3x):", end=" ")
    print("met" if thousand <= 3 * one else "NOT met")
    first_read = statistics.median(reads) * 1000
    print(f"   the first read after one (it writes the 1,000 records): {first_read:.1f} ms")


def clock() -> None:
    store = TaskStore(":memory:")
    clock = Clock()
    clock.freeze()
    now = clock.now()
    request = {"resource_ids": [f"d{i:04}" for i in range(1000)], "script_ids": ["s"], "gray_count": 10}
    store.add_many([plan_task(PROJECT, request, now) for _ in range(10)])
    engine = Engine(store, clock)
    started = time.perf_counter()
    engine.run_until_idle()
    elapsed = time.perf_counter() - started
    assert engine.pending() == 0
    print(f"\n3. run_until_idle: 10,000 pending records (10 tasks of 1,000) final in {elapsed * 1000:.0f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "lifecycle.sqlite3")
        task_id = fill(db)
        list_records(db, task_id)
        executions(str(Path(scratch) / "executions.sqlite3"))
    clock()


if __name__ == "__main__":
    main()
