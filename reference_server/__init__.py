"""A stateful, conforming stand-in for Huawei Cloud Workspace's batch script execution API.

Layout: ``routes`` (HTTP: Starlette's path matching over the table in ``operations``, parsing and
answers only) hands each call to ``service`` (every operation in one order: authentication, faults,
validation from the contract, then the operation's backend). Each resource has a folder with its
``responses`` (handlers: checked request in, reply out) and ``models`` (state and rules): ``scripts``
(the library), ``executions`` (start, stop, retry; ``plan`` makes a task's records), ``tasks``,
``records``. ``progress`` moves records along (``clock``, ``outcomes``, ``engine``); ``store`` is the
SQLite file under all of them; ``admin`` serves the ``/_reference/`` controls."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ._version import __version__
from .auth import Authenticator
from .credentials import Credential
from .inventory import Inventory
from .routes import ReferenceApp
from .service import ScriptService
from .store import TaskStore

__all__ = ["Credential", "Inventory", "ReferenceApp", "__version__", "create_app"]


def create_app(
    *,
    credentials: Iterable[Credential],
    db: str = ":memory:",
    inventory: str | Path | None = None,
    admin_token: str | None = None,
) -> ReferenceApp:
    """The ASGI app: ``credentials`` are the accepted callers, ``db`` the SQLite file (or ``:memory:``),
    ``inventory`` an optional YAML/JSON file of the scripts and desktops that exist per project,
    ``admin_token`` (optional) the token the ``/_reference`` endpoints then require.

    ValueError when the inventory file, the credentials or the database file cannot be used."""
    # Files and credentials first: a mistake there must not leave a new database file behind.
    loaded = Inventory.load(inventory) if inventory is not None else None
    authenticator = Authenticator(credentials)
    service = ScriptService(TaskStore(db), loaded, authenticator, admin_token)
    return ReferenceApp(service)
