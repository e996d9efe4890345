"""When live mode is on, and the live options read into ``guard.Limits``."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from contract_tests.guard import Limits
from contract_tests.id_rules import Sandbox, is_probe

UNRESTRICTED = "--unrestricted-fuzzing-may-run-scripts-on-real-desktops"
ENV_DESKTOPS = "WORKSPACE_SANDBOX_DESKTOPS"
ENV_SCRIPTS = "WORKSPACE_SANDBOX_SCRIPTS"
LIVE_RATE = 3.0  # requests per second
LIVE_MAX_REQUESTS = 1000


class LiveOptionError(Exception):
    """The live options contradict each other or name unusable sandbox ids."""


@dataclass(frozen=True)
class Mode:
    live: bool
    why: str


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is a loopback one (``localhost``, 127.0.0.0/8, ``::1``);
    a name that does not resolve is not loopback."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses)


def decide_mode(base_url: str | None, live_flag: bool, unrestricted: bool) -> Mode:
    if live_flag and unrestricted:
        raise LiveOptionError(f"--live and {UNRESTRICTED} contradict each other: give one")
    if base_url is None:
        if live_flag:
            return Mode(True, "--live given (bundled reference server)")
        return Mode(False, "the bundled reference server; --live would try live mode on it")
    host = urlsplit(base_url).hostname or ""
    if is_loopback(host):
        if live_flag:
            return Mode(True, f"--live given ({host} is loopback)")
        return Mode(False, f"{host} is loopback; --live would try live mode on it")
    if unrestricted:
        return Mode(
            False, f"{UNRESTRICTED} given: FULL MODE against {host}, fuzzed requests may act on any id"
        )
    reason = "--live given" if live_flag else "live mode by default"
    return Mode(True, f"{host} is not loopback: {reason}")


def _ids(given: Sequence[str] | None, env: str, option: str) -> tuple[str, ...]:
    ids = list(given or []) or [part.strip() for part in os.environ.get(env, "").split(",") if part.strip()]
    for value in ids:
        if is_probe(value) or not value.strip():
            raise LiveOptionError(f"{option} {value!r}: not a usable sandbox id")
    return tuple(dict.fromkeys(ids))


def limits(
    mode: Mode,
    *,
    desktops: Sequence[str] | None,
    scripts: Sequence[str] | None,
    command: str | None,
    max_tasks: int,
    rate: float | None,
    max_requests: int | None,
    tasks_file: str | None,
) -> Limits:
    if max_tasks < 0:
        raise LiveOptionError("--max-tasks must be 0 or more")
    sandbox = Sandbox(
        _ids(desktops, ENV_DESKTOPS, "--sandbox-desktop"),
        _ids(scripts, ENV_SCRIPTS, "--sandbox-script"),
        command,
    )
    return Limits(
        live=mode.live,
        sandbox=sandbox,
        max_tasks=max_tasks,
        # Full mode keeps today's unpaced, uncapped fuzzing unless asked otherwise.
        rate=rate if rate is not None else (LIVE_RATE if mode.live else 0.0),
        max_requests=max_requests if max_requests is not None else (LIVE_MAX_REQUESTS if mode.live else 0),
        tasks_file=Path(tasks_file) if tasks_file else None,
    )


def describe(limits: Limits) -> str:
    sandbox = limits.sandbox
    rate = f"{limits.rate:g} req/s" if limits.rate > 0 else "unpaced"
    cap = str(limits.max_requests) if limits.max_requests else "no cap"
    return (
        f"--max-tasks={limits.max_tasks}, {rate}, --max-requests={cap}; sandbox: "
        f"{len(sandbox.desktops)} desktop(s), {len(sandbox.scripts)} script(s), "
        f"command {'given' if sandbox.command is not None else 'none'}"
    )
