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

import hypothesis  # noqa: F401  (imported here so that every fork finds it loaded)
import pytest
import schemathesis
import xdist  # noqa: F401

import contract_tests.budget  # noqa: F401
import contract_tests.checks  # noqa: F401  (loads and parses the contract once)
import contract_tests.probes  # noqa: F401
from contract_tests import spec
from tests.contract.runner import ROOT, serve, suite_args


def _warm_up() -> None:
    """Import now what a run would import under pytest's assertion rewriting, which compiles every such
    module from source again in each fork (seconds per run): the rest of Schemathesis (loaded lazily by
    a schema) and the plugins pytest loads at start-up (loaded by a run that collects nothing)."""
    schemathesis.openapi.from_path(spec.OPENAPI_PATH)
    with tempfile.TemporaryDirectory() as empty, contextlib.redirect_stdout(io.StringIO()):
        pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", empty])


_warm_up()

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
        args = suite_args(
            running,
            max_examples=max_examples,
            time_budget=time_budget,
            stop_early=stop_early,
            strict=strict,
            suite=suite,
            extra_args=extra_args,
        )
        os.dup2(output.fileno(), 1)
        os.dup2(output.fileno(), 2)
        code = pytest.main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        output.seek(0)
        return Outcome(int(code), output.read().decode(errors="replace"))


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
            context.set_forkserver_preload([__name__])
            _pool = ProcessPoolExecutor(max_workers=2, mp_context=context, max_tasks_per_child=1)
    future = _pool.submit(
        _run, variant, auth, max_examples, time_budget, stop_early, strict, suite, extra_args, inventory
    )
    return future.result(timeout=600)
