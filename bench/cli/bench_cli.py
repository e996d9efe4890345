"""``make bench-cli``: how long ``workspace-scripts --help`` takes, next to importing the official SDK.

Both are whole processes started from the shell, timed from fork to exit (what an operator waits for),
in the toolkit's own virtualenv: ``workspace-scripts --help`` (the installed console script), and
``python -c 'import huaweicloudsdkworkspace.v2'`` (the anchor: what any SDK-based tool pays before it can
do anything), plus ``python -c pass`` (the interpreter alone). Median and best of N runs each.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
BIN = Path(sys.executable).parent
GOAL_SECONDS = 0.5

CONTENDERS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "workspace-scripts --help": [str(BIN / "workspace-scripts"), "--help"],
    "workspace-scripts run --help": [str(BIN / "workspace-scripts"), "run", "--help"],
    "python -c 'import huaweicloudsdkworkspace.v2'": [
        sys.executable,
        "-c",
        "import huaweicloudsdkworkspace.v2",
    ],
}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    results: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    for command in CONTENDERS.values():
        timed(command)  # warm the file cache and the bytecode
    for _ in range(RUNS):  # interleaved, so a burst of load on the machine hits every contender alike
        for name, command in CONTENDERS.items():
            results[name].append(timed(command))
    anchor = statistics.median(results["python -c 'import huaweicloudsdkworkspace.v2'"])
    print(f"start-up, whole processes, {RUNS} interleaved runs each (median / best):")
    for name, seconds in results.items():
        median = statistics.median(seconds)
        best = min(seconds) * 1000
        print(
            f"  {name:48} {median * 1000:7.0f} ms / {best:5.0f} ms   {median / anchor:4.2f}x the SDK import"
        )
    help_median = statistics.median(results["workspace-scripts --help"])
    verdict = "within" if help_median < GOAL_SECONDS else "OVER"
    print(
        f"workspace-scripts --help: {help_median * 1000:.0f} ms median, {verdict} the {GOAL_SECONDS:g} s goal"
    )
    if help_median >= GOAL_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
