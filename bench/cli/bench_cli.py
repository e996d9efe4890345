"""``make bench-cli``: how long ``workspace-scripts --help`` takes, next to importing the official SDK.

Whole processes, timed from fork to exit (what an operator waits for), in the toolkit's own virtualenv:
``workspace-scripts --help`` (the installed console script), ``python -c 'import huaweicloudsdkworkspace.v2'``
(the anchor: what any tool built on the official SDK pays before it can do anything), and ``python -c
pass`` (the interpreter alone). Median and best of N interleaved runs each, as wall time and as CPU time
(user + system of the child): on a shared, loaded machine the wall time mostly measures the queue for a
core, the CPU time what the start-up itself costs. The goal (0.5 s) is judged on the CPU time; the load
average is printed beside the figures.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
BIN = Path(sys.executable).parent
GOAL_SECONDS = 0.5
SDK = "python -c 'import huaweicloudsdkworkspace.v2'"
CONTENDERS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "workspace-scripts --help": [str(BIN / "workspace-scripts"), "--help"],
    "workspace-scripts run --help": [str(BIN / "workspace-scripts"), "run", "--help"],
    SDK: [sys.executable, "-c", "import huaweicloudsdkworkspace.v2"],
}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    walls: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    cpus: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    for command in CONTENDERS.values():
        timed(command)  # warm the file cache and the bytecode
    for _ in range(RUNS):  # interleaved, so a burst of load hits every contender alike
        for name, command in CONTENDERS.items():
            wall, cpu = timed(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {RUNS} interleaved runs each")
    print(f"  {'ms, median / best':46} {'wall':>13}   {'CPU':>13}   CPU vs the SDK import")
    sdk_cpu = statistics.median(cpus[SDK])
    for name in CONTENDERS:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"  {name:46} {wall * 1000:6.0f} / {min(walls[name]) * 1000:4.0f}   "
            f"{cpu * 1000:6.0f} / {min(cpus[name]) * 1000:4.0f}   {cpu / sdk_cpu:4.2f}x"
        )
    help_cpu = statistics.median(cpus["workspace-scripts --help"])
    verdict = "within" if help_cpu < GOAL_SECONDS else "OVER"
    print(
        f"workspace-scripts --help: {help_cpu * 1000:.0f} ms CPU (median), "
        f"{verdict} the {GOAL_SECONDS:g} s goal"
    )
    if help_cpu >= GOAL_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
