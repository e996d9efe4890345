"""Serve a variant (reference server, a mutant, the independent implementation) and run a fuzzer at it."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from contract_tests.fixtures import FAILS_ON_PURPOSE, make_fail
from contract_tests.spec import FUZZED_OPERATIONS
from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread
from tests.contract.independent_server import FAILING_SCRIPT_ID, make_app
from tests.contract.mutants import MUTANTS
from tests.contract.signatures import aksk_gateway

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = "reference"
INDEPENDENT = "independent"
MUTANTS_BY_NAME = {mutant.name: mutant for mutant in MUTANTS}

# Live mode's sandbox, and decoys: ids that exist on the server but that a live run must never send.
SANDBOX_DESKTOPS = ("sandbox-desktop-1", "sandbox-desktop-2")
SANDBOX_SCRIPTS = ("sandbox-script-1",)
DECOY_DESKTOPS = ("decoy-desktop-ceo-laptop", "0000000059071dbc01591661d399001b")
DECOY_SCRIPTS = ("decoy-script-wipe-disk",)
LIVE_ARGS = (
    "--live", "--rate=0", "--max-tasks=3",
    *(f"--sandbox-desktop={desktop}" for desktop in SANDBOX_DESKTOPS),
    *(f"--sandbox-script={script}" for script in SANDBOX_SCRIPTS),
)  # fmt: skip


def live_inventory(folder: Path, project_id: str) -> Path:
    """An inventory holding the sandbox, the decoys and every id of openapi.yaml's examples."""
    from contract_tests import id_rules, spec

    examples = spec.request_examples().values()
    desktops = {
        i for body in examples for f in ("resource_ids", "gray_resource_ids") for i in body.get(f, [])
    }
    scripts = {i for body in examples for i in body.get("script_ids", [])}
    entry = {
        "desktops": sorted({*SANDBOX_DESKTOPS, *DECOY_DESKTOPS, *desktops}),
        # The script the outcome control fails on purpose (serve) exists there too, as a user's would.
        "scripts": sorted({*SANDBOX_SCRIPTS, *DECOY_SCRIPTS, FAILS_ON_PURPOSE, *scripts}),
    }
    assert not any(map(id_rules.is_probe, entry["desktops"] + entry["scripts"]))
    path = folder / "inventory.json"
    path.write_text(json.dumps({"projects": {project_id: entry}}), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Running:
    base_url: str
    project_id: str
    token: str | None  # None: the suite signs with ak/sk instead
    ak: str | None = None
    sk: str | None = None
    options: tuple[str, ...] = ()  # suite options this variant needs (its script that fails on purpose)


# The clause modules of the original operation, and those of the other eleven (issue 18): a mutant of
# one kind is judged by its kind's modules (and the fuzzer); a conforming server by all of them.
# In this order: the quick, precise clauses first (a mutant run stops at its first failure, -x).
SCRIPT_API_FILES = (
    "test_operations.py",
    "test_lifecycle.py",
    "test_reads.py",
    "test_gray.py",
    "test_stateful.py",
)


FUZZ_FILE = "test_fuzz.py"


def suite_files(suite: str | None = None) -> list[Path]:
    """The suite's test modules for ``suite`` ("execution", "script-api", or None for all), fuzzing last."""
    files = sorted(ROOT.glob("contract_tests/test_*.py"), key=lambda path: path.name == FUZZ_FILE)
    if suite == "execution":
        return [path for path in files if path.name not in SCRIPT_API_FILES]
    if suite == "script-api":
        return [ROOT / "contract_tests" / name for name in (*SCRIPT_API_FILES, FUZZ_FILE)]
    return files


@contextlib.contextmanager
def serve(
    variant: str, token: str | None = None, auth: str = "token", *, inventory: bool = False
) -> Iterator[Running]:
    """Run ``variant`` on a free loopback port with fresh credentials (or the given token), for a suite
    that authenticates with ``auth`` ("token" or "aksk"); with ``inventory``, the reference server knows
    only ``live_inventory``'s ids (as a real project would)."""
    project_id, token = secrets.token_hex(16), token or secrets.token_urlsafe(24)
    credential = Credential(project_id, token=token)
    if auth == "aksk":
        credential = Credential(project_id, ak=secrets.token_hex(10).upper(), sk=secrets.token_urlsafe(30))
    scratch = tempfile.TemporaryDirectory()
    if variant == INDEPENDENT:
        app = make_app(project_id, token)
        if credential.ak and credential.sk:
            app = aksk_gateway(app, credential.ak, credential.sk, token)
    else:
        known = live_inventory(Path(scratch.name), project_id) if inventory else None
        app = create_app(credentials=[credential], inventory=known)
        if variant != REFERENCE:
            app = MUTANTS_BY_NAME[variant].wrap(app, credential)
    with scratch, serve_in_thread(app) as base_url:
        # Set after start-up (uvicorn configures its loggers then): fuzzers send broken HTTP on purpose.
        logging.getLogger("uvicorn.error").setLevel(logging.ERROR)
        # A script that fails on purpose: the independent server holds one from the start; the reference
        # server (and so every mutant) is told through its outcome control.
        failing = FAILING_SCRIPT_ID
        if variant != INDEPENDENT:
            failing = FAILS_ON_PURPOSE
            make_fail(base_url, project_id, failing)
        options = (f"--sandbox-failing-script={failing}",)
        yield Running(base_url, project_id, credential.token, credential.ak, credential.sk, options)


def _clean_env() -> dict[str, str]:
    # The outer pytest (maybe under xdist) must not leak its options into the inner run.
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "HUAWEICLOUD_SDK_", "WORKSPACE_"))
    }


def suite_args(
    running: Running,
    *,
    max_examples: int,
    time_budget: float,
    stop_early: bool,
    strict: bool = False,
    extra_args: Sequence[str] = (),
    suite: str | None = None,
    files: Sequence[Path] | None = None,
) -> list[str]:
    """The pytest arguments of our contract suite against ``running`` (``strict``: every clause source
    fails the run, as on the bundled server; our variants of the reference server are judged so;
    ``files``: these of the suite's modules instead of all of ``suite``'s)."""
    credentials = (
        [f"--token={running.token}"] if running.token else [f"--ak={running.ak}", f"--sk={running.sk}"]
    )
    # The hand-made clauses first: with -x a run then stops at the first precise failure, before fuzzing.
    files = suite_files(suite) if files is None else files
    args = [
        *(str(path.relative_to(ROOT)) for path in files), "-p", "no:cacheprovider", "-q",
        # "--opt=value": a token may start with "-", which argparse would read as another option.
        f"--base-url={running.base_url}", f"--project-id={running.project_id}", *credentials,
        f"--max-examples={max_examples}", f"--time-budget={time_budget}",
        "--no-replay",  # each verdict from this run alone, whatever ran before
        *running.options,
    ]  # fmt: skip
    return [*args, *(["-x"] if stop_early else []), *(["--strict"] if strict else []), *extra_args]


def run_suite(
    running: Running,
    *,
    max_examples: int,
    time_budget: float,
    stop_early: bool,
    strict: bool = False,
    extra_args: Sequence[str] = (),
    suite: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Our contract suite against ``running``; exit status 0 means it found the target conforming
    (``env``: more environment variables for the run)."""
    args = suite_args(
        running,
        max_examples=max_examples,
        time_budget=time_budget,
        stop_early=stop_early,
        strict=strict,
        extra_args=extra_args,
        suite=suite,
    )
    command = [sys.executable, "-m", "pytest", *args]
    environment = {**_clean_env(), **(env or {})}
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)


def run_plain_schemathesis(
    running: Running, *, max_examples: int, seed: int, operations: Sequence[str] = FUZZED_OPERATIONS
) -> subprocess.CompletedProcess[str]:
    """``st run --checks all`` with the project id and token configured, on ``operations`` (by default
    those our suite fuzzes, contract_tests/test_fuzz.py): the anchor we compare with."""
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch, "schemathesis.toml")
        config.write_text(f'[parameters]\nproject_id = "{running.project_id}"\n', encoding="utf-8")
        command = [
            str(Path(sys.executable).with_name("st")), "--config-file", str(config),
            "run", str(ROOT / "openapi.yaml"),
            "--url", running.base_url, "--checks", "all", "-H", f"X-Auth-Token: {running.token}",
            "--max-examples", str(max_examples), "--seed", str(seed), "--no-color",
            *(f"--include-operation-id={name}" for name in operations),
        ]  # fmt: skip
        return subprocess.run(
            command, cwd=scratch, env=_clean_env(), capture_output=True, text=True, timeout=600
        )
