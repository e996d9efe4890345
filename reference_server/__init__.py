"""A stateful, conforming stand-in for Huawei Cloud Workspace's batch script execution API."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ._version import __version__
from .auth import Authenticator
from .models import Credential, Inventory, ScriptService, TaskStore
from .routes import ReferenceApp

__all__ = ["Credential", "ReferenceApp", "__version__", "create_app"]


def create_app(
    *, credentials: Iterable[Credential], db: str = ":memory:", inventory: str | Path | None = None
) -> ReferenceApp:
    """The ASGI app: ``credentials`` are the accepted callers, ``db`` the SQLite file (or ``:memory:``),
    ``inventory`` an optional YAML/JSON file of the scripts and desktops that exist per project."""
    service = ScriptService(TaskStore(db), Inventory.load(inventory) if inventory is not None else None)
    return ReferenceApp(service, Authenticator(credentials))
