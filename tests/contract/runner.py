"""Serve a variant (reference server, a mutant, the independent implementation) and run a fuzzer at it."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread
from tests.contract.independent_server import make_app
from tests.contract.mutants import MUTANTS

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = "reference"
INDEPENDENT = "independent"
MUTANTS_BY_NAME = {mutant.name: mutant for mutant in MUTANTS}


@dataclass(frozen=True)
class Running:
    base_url: str
    project_id: str
    token: str


@contextlib.contextmanager
def serve(variant: str, token: str | None = None) -> Iterator[Running]:
    """Run ``variant`` on a free loopback port with fresh credentials (or the given token)."""
    project_id, token = secrets.token_hex(16), token or secrets.token_urlsafe(24)
    if variant == INDEPENDENT:
        app = make_app(project_id, token)
    else:
        app = create_app(credentials=[Credential(project_id, token=token)])
        if variant != REFERENCE:
            app = MUTANTS_BY_NAME[variant].wrap(app, token)
    with serve_in_thread(app) as base_url:
        # Set after start-up (uvicorn configures its loggers then): fuzzers send broken HTTP on purpose.
        logging.getLogger("uvicorn.error").setLevel(logging.ERROR)
        yield Running(base_url, project_id, token)


def _clean_env() -> dict[str, str]:
    # The outer pytest (maybe under xdist) must not leak its options into the inner run.
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "HUAWEICLOUD_SDK_", "WORKSPACE_"))
    }


def run_suite(
    running: Running, *, max_examples: int, time_budget: float, stop_early: bool
) -> subprocess.CompletedProcess[str]:
    """Our contract suite against ``running``; exit status 0 means it found the target conforming."""
    command = [
        sys.executable, "-m", "pytest", "contract_tests", "-p", "no:cacheprovider", "-q",
        # "--opt=value": a token may start with "-", which argparse would read as another option.
        f"--base-url={running.base_url}", f"--project-id={running.project_id}", f"--token={running.token}",
        f"--max-examples={max_examples}", f"--time-budget={time_budget}",
        "--no-replay",  # each verdict from this run alone, whatever ran before
    ]  # fmt: skip
    if stop_early:
        command.append("-x")
    return subprocess.run(command, cwd=ROOT, env=_clean_env(), capture_output=True, text=True, timeout=600)


def run_plain_schemathesis(
    running: Running, *, max_examples: int, seed: int
) -> subprocess.CompletedProcess[str]:
    """``st run --checks all`` with the project id and token configured: the anchor we compare with."""
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch, "schemathesis.toml")
        config.write_text(f'[parameters]\nproject_id = "{running.project_id}"\n', encoding="utf-8")
        command = [
            str(Path(sys.executable).with_name("st")), "--config-file", str(config),
            "run", str(ROOT / "openapi.yaml"),
            "--url", running.base_url, "--checks", "all", "-H", f"X-Auth-Token: {running.token}",
            "--max-examples", str(max_examples), "--seed", str(seed), "--no-color",
        ]  # fmt: skip
        return subprocess.run(
            command, cwd=scratch, env=_clean_env(), capture_output=True, text=True, timeout=600
        )
