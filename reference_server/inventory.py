"""Which scripts and desktops exist, per project (by default: every id)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import config_files, errors
from .errors import ServiceError

# Request fields that name existing things. A command (`command`) names nothing, so it is never looked up.
SCRIPT_FIELDS = ("script_ids",)
DESKTOP_FIELDS = ("resource_ids", "gray_resource_ids")


@dataclass(frozen=True)
class Inventory:
    """Scripts and desktops that exist, per project. ``None`` means: every id exists."""

    projects: dict[str, tuple[frozenset[str], frozenset[str]]] | None = None

    @classmethod
    def load(cls, path: str | Path) -> Inventory:
        """Read ``{"projects": {"<id>": {"scripts": [...], "desktops": [...]}}}`` from YAML or JSON."""
        document = config_files.read(path, config_files.INVENTORY_FILE)
        projects = {
            project_id: (frozenset(entry.get("scripts", [])), frozenset(entry.get("desktops", [])))
            for project_id, entry in document["projects"].items()
        }
        return cls(projects)

    def check(self, project_id: str, request: dict[str, Any]) -> None:
        """ServiceError 404 naming the first id of ``request`` that does not exist in the project."""
        if self.projects is None:
            return
        scripts, desktops = self.projects.get(project_id, (frozenset(), frozenset()))
        for kind, known, field_names in (
            ("Script", scripts, SCRIPT_FIELDS),
            ("Desktop", desktops, DESKTOP_FIELDS),
        ):
            for name in field_names:
                for item in request.get(name, ()):
                    if item not in known:
                        raise ServiceError(errors.RESOURCE_NOT_FOUND, f"{kind} not found: {item}")
