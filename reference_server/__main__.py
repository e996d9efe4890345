"""Command line: ``python -m reference_server --port 8000 --db tasks.db --project-id P --token T``."""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import logging
import secrets
import socket
import string
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from . import config_files, create_app
from .credentials import Credential
from .http_protocol import DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS, ContractHttpProtocol
from .store import StoreUnusable


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reference_server",
        description="Reference server for Huawei Cloud Workspace's batch script execution API.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default: %(default)s)")
    parser.add_argument(
        "--db",
        default="reference_server.sqlite3",
        help="SQLite file for scripts, tasks and records, or :memory: (default: %(default)s)",
    )
    parser.add_argument("--project-id", help="project of the credential given by --token / --ak / --sk")
    parser.add_argument("--token", help="accepted X-Auth-Token value")
    parser.add_argument("--ak", help="accepted access key (with --sk)")
    parser.add_argument("--sk", help="secret key of --ak")
    parser.add_argument(
        "--credentials",
        type=Path,
        help="YAML/JSON file: a list of {project_id, token, ak, sk} entries, for many projects",
    )
    parser.add_argument(
        "--inventory",
        type=Path,
        help="YAML/JSON file, per project: scripts to seed the library with, the desktops that exist (names,"
        " tags) and outcome rules (docs/lifecycle.md)",
    )
    parser.add_argument(
        "--admin-token",
        help="token the /_reference endpoints require in X-Reference-Admin-Token (default: none on"
        " loopback; generated and printed when --host is anything else)",
    )
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=DEFAULT_HEADER_TIMEOUT,
        help="seconds a connection may take to send its request headers (default: %(default)s)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=DEFAULT_MAX_CONNECTIONS,
        help="open connections past which new ones get a 503 and are closed (default: %(default)s)",
    )
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return parser


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def _dev_credential() -> Credential:
    alphabet = string.ascii_uppercase + string.digits
    return Credential(
        project_id=uuid.uuid4().hex,
        token=secrets.token_hex(24),  # hex: a printed value never starts with '-'
        ak="".join(secrets.choice(alphabet) for _ in range(20)),
        sk=secrets.token_hex(20),
    )


def _credential_from_options(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Credential:
    """The one credential of --project-id/--token/--ak/--sk; a usage error naming the options otherwise."""
    given = {name: value for name in ("token", "ak", "sk") if (value := getattr(args, name)) is not None}
    for name, value in given.items():
        if not value:
            parser.error(f"--{name} must not be empty")
    if not args.project_id:
        options = [f"--{name}" for name in given]
        named = " and ".join(options) if len(options) < 3 else f"{options[0]}, {options[1]} and {options[2]}"
        parser.error(f"{named} {'needs' if len(options) == 1 else 'need'} --project-id")
    if ("ak" in given) != ("sk" in given):
        parser.error("--ak and --sk go together (--sk missing)" if "ak" in given else "--sk needs --ak")
    return Credential(args.project_id, args.token, args.ak, args.sk)


def _check_unique(sourced: list[tuple[str, Credential]], parser: argparse.ArgumentParser) -> None:
    """One token or AK for two callers would make the answer depend on the list's order; the message
    names where each of the two came from (file and entry, or the options)."""
    first_with: dict[tuple[str, str], str] = {}
    for source, credential in sourced:
        where = f"{source} (project {credential.project_id})"
        for kind, value in (("token", credential.token), ("AK", credential.ak)):
            if value is None:
                continue
            earlier = first_with.setdefault((kind, value), where)
            if earlier != where:
                shared = "a token" if kind == "token" else f"the AK {value}"
                parser.error(f"two credentials share {shared}: {earlier} and {where}")


def credentials_from(args: argparse.Namespace, parser: argparse.ArgumentParser) -> list[Credential]:
    sourced: list[tuple[str, Credential]] = []
    if args.credentials is not None:
        try:
            entries = config_files.read(args.credentials, config_files.CREDENTIALS_FILE)
        except config_files.ConfigFileError as exc:
            parser.error(str(exc))
        for number, entry in enumerate(entries, 1):
            try:
                sourced.append((f"{args.credentials} entry {number}", Credential(**entry)))
            except ValueError as exc:
                parser.error(f"{args.credentials} entry {number}: {exc}")
    if args.token is not None or args.ak is not None or args.sk is not None:
        sourced.append(("the command-line options", _credential_from_options(args, parser)))
    elif args.project_id:
        parser.error("--project-id needs --token or --ak and --sk")
    _check_unique(sourced, parser)
    return [credential for _, credential in sourced]


def _listening_socket(host: str, port: int, parser: argparse.ArgumentParser) -> socket.socket:
    """Bound before anything is printed, so a busy port or a bad address is the only output (as uvicorn
    binds it: IPv6 when the host has a colon)."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        parser.exit(2, f"{parser.prog}: error: cannot listen on {host}:{port}: {exc.strerror or exc}\n")
    # Listening from here on: a connection made as soon as the address is logged waits in the backlog.
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def main(argv: Sequence[str] | None = None) -> None:
    parser = _parser()
    args = parser.parse_args(argv)
    credentials = credentials_from(args, parser)
    if args.header_timeout <= 0 or args.max_connections < 1:
        parser.error("--header-timeout must be positive and --max-connections at least 1")
    # Everything that can fail is checked before anything is printed: the printed credentials and admin
    # token then belong to a server that is really running.
    dev = None if credentials else _dev_credential()
    if dev is not None:
        credentials = [dev]
    sock = _listening_socket(args.host, args.port, parser)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    generate_admin_token = args.admin_token is None and not is_loopback(args.host)
    admin_token = secrets.token_hex(16) if generate_admin_token else args.admin_token
    try:
        app = create_app(
            credentials=credentials,
            db=args.db,
            inventory=args.inventory,
            admin_token=admin_token,
        )
    except StoreUnusable as exc:  # one line: the file, and what SQLite said
        parser.exit(2, f"{parser.prog}: error: {exc}\n")
    except ValueError as exc:  # an unusable inventory file
        parser.error(str(exc))
    if dev is not None:
        print(
            "No credentials given; created development credentials:\n"
            f"  project id: {dev.project_id}\n  token:      {dev.token}\n"
            f"  AK:         {dev.ak}\n  SK:         {dev.sk}",
            flush=True,
        )
    if generate_admin_token:  # the endpoints read and wipe every task: not open to the network
        message = f"Listening on {args.host}: /_reference/* need X-Reference-Admin-Token: {admin_token}"
        print(message, flush=True)
    protocol = ContractHttpProtocol.configured(
        header_timeout=args.header_timeout, max_connections=args.max_connections
    )
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        http=protocol,
        log_level=args.log_level,
        access_log=False,
    )
    server = uvicorn.Server(config)
    # uvicorn logs its address only for a socket it binds itself; the same line, which scripts wait for.
    host, port = (f"[{args.host}]" if ":" in args.host else args.host), sock.getsockname()[1]
    started = "Uvicorn running on http://%s:%d (Press CTRL+C to quit)"
    logging.getLogger("uvicorn.error").info(started, host, port)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how one stops it
        server.run(sockets=[sock])
    if not server.started:  # uvicorn has logged why
        sys.exit(1)


if __name__ == "__main__":
    main()
