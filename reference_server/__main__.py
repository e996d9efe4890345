"""Command line: ``python -m reference_server --port 8000 --db tasks.db --project-id P --token T``."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import secrets
import string
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
        help="SQLite file for tasks, or :memory: (default: %(default)s)",
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
        "--inventory", type=Path, help="YAML/JSON file of existing scripts and desktops per project"
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


def admin_token_for(args: argparse.Namespace) -> str | None:
    """The given token; else none on loopback, a fresh printed one elsewhere (the endpoints read and
    wipe every task)."""
    if args.admin_token is not None or is_loopback(args.host):
        return args.admin_token  # type: ignore[no-any-return]
    token = secrets.token_hex(16)
    print(f"Listening on {args.host}: /_reference/* need X-Reference-Admin-Token: {token}", flush=True)
    return token


def _dev_credential() -> Credential:
    alphabet = string.ascii_uppercase + string.digits
    return Credential(
        project_id=uuid.uuid4().hex,
        token=secrets.token_hex(24),  # hex: a printed value never starts with '-'
        ak="".join(secrets.choice(alphabet) for _ in range(20)),
        sk=secrets.token_hex(20),
    )


def credentials_from(args: argparse.Namespace, parser: argparse.ArgumentParser) -> list[Credential]:
    credentials: list[Credential] = []
    if args.credentials is not None:
        try:
            entries = config_files.read(args.credentials, config_files.CREDENTIALS_FILE)
        except config_files.ConfigFileError as exc:
            parser.error(str(exc))
        try:
            credentials += [Credential(**entry) for entry in entries]
        except ValueError as exc:
            parser.error(f"{args.credentials}: {exc}")
    if args.token or args.ak or args.sk:
        if not args.project_id:
            parser.error("--token, --ak and --sk need --project-id")
        try:
            credentials.append(Credential(args.project_id, args.token, args.ak, args.sk))
        except ValueError as exc:
            parser.error(str(exc))
    elif args.project_id:
        parser.error("--project-id needs --token or --ak/--sk")
    return credentials


def main(argv: Sequence[str] | None = None) -> None:
    parser = _parser()
    args = parser.parse_args(argv)
    credentials = credentials_from(args, parser)
    if not credentials:
        dev = _dev_credential()
        credentials = [dev]
        print(
            "No credentials given; created development credentials:\n"
            f"  project id: {dev.project_id}\n  token:      {dev.token}\n"
            f"  AK:         {dev.ak}\n  SK:         {dev.sk}",
            flush=True,
        )
    if args.header_timeout <= 0 or args.max_connections < 1:
        parser.error("--header-timeout must be positive and --max-connections at least 1")
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        app = create_app(
            credentials=credentials,
            db=args.db,
            inventory=args.inventory,
            admin_token=admin_token_for(args),
        )
    except StoreUnusable as exc:  # one line: the file, and what SQLite said
        parser.exit(2, f"{parser.prog}: error: {exc}\n")
    except ValueError as exc:  # an unusable inventory file, or two callers sharing a token or AK
        parser.error(str(exc))
    protocol = ContractHttpProtocol.configured(
        header_timeout=args.header_timeout, max_connections=args.max_connections
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        http=protocol,
        log_level=args.log_level,
        access_log=False,
    )


if __name__ == "__main__":
    main()
