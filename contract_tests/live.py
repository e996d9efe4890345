"""When live mode is on, and the live options read into ``guard.Limits``."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

from contract_tests.guard import Limits
from contract_tests.id_rules import Sandbox, is_probe

UNRESTRICTED = "--unrestricted-fuzzing-may-run-scripts-on-real-desktops"
ENV_DESKTOPS = "WORKSPACE_SANDBOX_DESKTOPS"
ENV_SCRIPTS = "WORKSPACE_SANDBOX_SCRIPTS"
ENV_DESKTOP_TAG = "WORKSPACE_SANDBOX_DESKTOP_TAG"
ENV_FAILING_SCRIPT = "WORKSPACE_SANDBOX_FAILING_SCRIPT"
# The script the bundled server is told to fail on every desktop (its outcome control).
FAILS_ON_PURPOSE = "contract-fails-on-purpose"
LIVE_RATE = 3.0  # requests per second
LIVE_MAX_REQUESTS = 1000
# The hand-made clauses need 14 (the execution's 2, the lifecycle's, stop then retry, the read invariants',
# the gray rule's); one is kept for a request that should have been refused; fuzzing gets the rest.
DEFAULT_MAX_TASKS = 20
# Options that mean something in live mode only: given on the command line, each turns live mode on.
LIVE_ONLY = (
    "--max-tasks",
    "--sandbox-desktop",
    "--sandbox-script",
    "--sandbox-command",
    "--sandbox-desktop-tag",
)
# Sandbox ids of the bundled server in live mode when none are given: it is ours, so it knows only these.
BUNDLED_DESKTOPS = ("bundled-sandbox-desktop-1", "bundled-sandbox-desktop-2")
BUNDLED_SCRIPTS = ("bundled-sandbox-script-1",)
BUNDLED_TAG = "bundled-sandbox-tag"  # the bundled server's sandbox desktops carry it


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


def live_only_given(getoption: Callable[[str], object]) -> list[str]:
    """The live-only options given on the command line (``getoption``: pytest's, by destination)."""
    return [option for option in LIVE_ONLY if getoption(option.lstrip("-").replace("-", "_")) is not None]


def proxy_for(base_url: str) -> str | None:
    """The proxy ``requests`` would send requests for ``base_url`` through (``HTTP(S)_PROXY``,
    ``ALL_PROXY``, minus ``NO_PROXY``), as ``host:port`` only (a proxy URL may carry a password)."""
    proxies = requests.utils.get_environ_proxies(base_url)
    proxy = proxies.get(urlsplit(base_url).scheme) or proxies.get("all")
    if not proxy:
        return None
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def decide_mode(
    base_url: str | None,
    live_flag: bool,
    unrestricted: bool,
    live_only: Sequence[str] = (),
) -> Mode:
    """Live or full mode, and why. ``live_only``: the live-only options given on the command line; each
    turns live mode on (a run is never less careful than an option asked for)."""
    if unrestricted and (live_flag or live_only):
        given = "--live" if live_flag else ", ".join(live_only)
        raise LiveOptionError(f"{given} and {UNRESTRICTED} contradict each other: give one")
    asked = "--live given" if live_flag else (f"{', '.join(live_only)} given" if live_only else "")
    if base_url is None:
        if asked:
            return Mode(True, f"{asked} (bundled reference server)")
        return Mode(False, "the bundled reference server; --live would try live mode on it")
    host = urlsplit(base_url).hostname or ""
    proxy = proxy_for(base_url)
    if is_loopback(host) and proxy is None:
        if asked:
            return Mode(True, f"{asked} ({host} is loopback)")
        return Mode(
            False,
            f"{host} is loopback and no proxy applies; if this port forwards to a real service, use --live",
        )
    where = f"{host} is not loopback" if proxy is None else f"requests for {host} go through proxy {proxy}"
    if unrestricted:
        return Mode(False, f"{UNRESTRICTED} given: FULL MODE, {where}: fuzzed requests may act on any id")
    return Mode(True, f"{where}: {asked or 'live mode by default'}")


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
    max_tasks: int | None,
    rate: float | None,
    max_requests: int | None,
    tasks_file: str | None,
    bundled: bool = False,
    tag: str | None = None,
    failing: str | None = None,
) -> Limits:
    """The run's limits. The bundled server in live mode gets sandbox ids of its own when none are given
    (it is ours: it then knows only the sandbox, as a real project knows only its own ids)."""
    max_tasks = DEFAULT_MAX_TASKS if max_tasks is None else max_tasks
    if max_tasks < 1:
        raise LiveOptionError(
            "--max-tasks must be 1 or more: every request of the execution operation could start a task"
        )
    tags = _ids([tag] if tag else None, ENV_DESKTOP_TAG, "--sandbox-desktop-tag")
    failings = _ids([failing] if failing else None, ENV_FAILING_SCRIPT, "--sandbox-failing-script")
    failing = failings[0] if failings else (FAILS_ON_PURPOSE if bundled else None)
    sandbox = Sandbox(
        _ids(desktops, ENV_DESKTOPS, "--sandbox-desktop"),
        _ids(scripts, ENV_SCRIPTS, "--sandbox-script"),
        command,
        tags[0] if tags else None,
        failing,
    )
    if mode.live and bundled and not (sandbox.desktops or sandbox.scripts):
        sandbox = Sandbox(BUNDLED_DESKTOPS, BUNDLED_SCRIPTS, command, sandbox.tag or BUNDLED_TAG, failing)
    return Limits(
        live=mode.live,
        sandbox=sandbox,
        max_tasks=max_tasks,
        # Full mode keeps today's unpaced, uncapped fuzzing unless asked otherwise.
        rate=rate if rate is not None else (LIVE_RATE if mode.live else 0.0),
        max_requests=max_requests if max_requests is not None else (LIVE_MAX_REQUESTS if mode.live else 0),
        tasks_file=Path(tasks_file) if tasks_file else None,
    )


def unused_sandbox_variables(mode: Mode) -> list[str]:
    """Sandbox variables set in the environment that a full-mode run does not use (said in the header)."""
    if mode.live:
        return []
    return [name for name in (ENV_DESKTOPS, ENV_SCRIPTS, ENV_DESKTOP_TAG) if os.environ.get(name, "").strip()]


def describe(limits: Limits) -> str:
    sandbox = limits.sandbox
    rate = f"{limits.rate:g} req/s" if limits.rate > 0 else "unpaced"
    cap = str(limits.max_requests) if limits.max_requests else "no cap"
    return (
        f"--max-tasks={limits.max_tasks} (counts every acknowledged request that could start a task; "
        f"{min(1, limits.max_tasks - 1)} kept for one the target should have refused), "
        f"{rate}, --max-requests={cap}; sandbox: "
        f"{len(sandbox.desktops)} desktop(s), {len(sandbox.scripts)} script(s), "
        f"command {'given' if sandbox.command is not None else 'none'}, "
        f"desktop tag {'given' if sandbox.tag is not None else 'none (no execution by tag is sent)'}"
    )
