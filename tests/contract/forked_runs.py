"""Our suite run against a variant in a fresh fork of one warm process, instead of a new interpreter.

Each run of ``pytest contract_tests`` in a subprocess spends seconds starting Python and importing pytest,
Schemathesis and Hypothesis before it sends a request. The standard library's fork server imports this
module (and with it those libraries and the parsed contract) once; every run is then a fork of it, serving
its variant and running pytest in-process, so runs still share no state.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import sys
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import hypothesis  # noqa: F401  (imported here so that every fork finds it loaded)
import pytest
import schemathesis
import xdist  # noqa: F401

import contract_tests.budget  # noqa: F401
import contract_tests.checks  # noqa: F401  (loads and parses the contract once)
import contract_tests.probes  # noqa: F401
from contract_tests import spec
from tests.contract.runner import FUZZ_FILE, ROOT, serve, suite_args, suite_files


def warm_up() -> None:
    """Import now what a run would import under pytest's assertion rewriting, which compiles every such
    module from source again in each fork (seconds per run): the rest of Schemathesis (loaded lazily by
    a schema) and the plugins pytest loads at start-up (loaded by a run that collects nothing). Called
    by the fork server alone (``warm_fork_server``), not by every process that imports this module."""
    schemathesis.openapi.from_path(spec.OPENAPI_PATH)
    with tempfile.TemporaryDirectory() as empty, contextlib.redirect_stdout(io.StringIO()):
        pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", empty])


LEAKING = ("PYTEST_", "HUAWEICLOUD_SDK_", "WORKSPACE_")  # the outer pytest's settings, not the inner run's


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str


def _run(
    variant: str,
    auth: str,
    max_examples: int,
    time_budget: float,
    stop_early: bool,
    strict: bool,
    suite: str | None,
    extra_args: tuple[str, ...],
    inventory: bool,
) -> Outcome:
    """In the fork: serve ``variant``, run the suite at it, return its exit status and output."""
    for key in [key for key in os.environ if key.startswith(LEAKING)]:
        del os.environ[key]
    os.chdir(ROOT)
    with tempfile.TemporaryFile() as output, serve(variant, auth=auth, inventory=inventory) as running:
        os.dup2(output.fileno(), 1)
        os.dup2(output.fileno(), 2)
        code = 0
        for files in _sessions(suite, stop_early):
            args = suite_args(
                running,
                max_examples=max_examples,
                time_budget=time_budget,
                stop_early=stop_early,
                strict=strict,
                suite=suite,
                files=files,
                extra_args=extra_args,
            )
            code = pytest.main(args)
            if code not in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
                break
        sys.stdout.flush()
        sys.stderr.flush()
        output.seek(0)
        return Outcome(int(code), output.read().decode(errors="replace"))


def _sessions(suite: str | None, stop_early: bool) -> list[list[Path]]:
    """The suite's modules, in the pytest sessions of one run. A run that stops at its first failure
    (``-x``) runs its hand-made clauses, then the fuzzer, each in a session of its own at the same server:
    the fuzzer meets the server as the clauses left it, as in one session, but a variant the clauses
    already failed is spared the fuzzer's collection (Schemathesis builds its cases then: about half of
    such a run's time)."""
    files = suite_files(suite)
    if not stop_early:
        return [files]
    clauses = [path for path in files if path.name != FUZZ_FILE]
    return [clauses, [path for path in files if path.name == FUZZ_FILE]]


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def run_suite(
    variant: str,
    *,
    auth: str,
    max_examples: int,
    time_budget: float,
    stop_early: bool,
    strict: bool,
    suite: str | None = None,
    extra_args: tuple[str, ...] = (),
    inventory: bool = False,
) -> Outcome:
    """Like ``runner.run_suite`` on ``serve(variant, auth=auth, inventory=inventory)``; at most two runs at
    a time per calling process (one per core: ``make mutants`` calls it from two threads)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__, "tests.contract.warm_fork_server"])
            _pool = ProcessPoolExecutor(max_workers=2, mp_context=context, max_tasks_per_child=1)
    future = _pool.submit(
        _run, variant, auth, max_examples, time_budget, stop_early, strict, suite, extra_args, inventory
    )
    return future.result(timeout=600)
