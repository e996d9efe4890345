"""``python -m contract_tests [pytest options]``: the contract suite, run from wherever it is installed.

``pytest --pyargs contract_tests`` finds the installed suite too, but pytest reads a suite's own options
(its ``conftest.py``: ``--base-url``, ``--live``, ...) before collecting only for a folder named on the
command line, so there they are unknown and only their environment variables work. This names the
installed folder, and keeps pytest's root (its cache) in the current folder rather than in the install."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def main(args: list[str]) -> int:
    root = [] if any(arg.startswith("--rootdir") for arg in args) else [f"--rootdir={os.getcwd()}"]
    return int(pytest.main([str(Path(__file__).resolve().parent), *root, *args]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
