"""What exists in each project, from the inventory file (or the pytest plugin): scripts to seed the
library with, desktops (with names and tags) and outcome rules. Without an inventory every desktop id
exists, and every script id too while the project's library is empty."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import config_files, errors
from .errors import ServiceError

# Request fields that name existing things. A command names nothing, so it is never looked up.
SCRIPT_FIELDS = ("script_ids",)
DESKTOP_FIELDS = ("resource_ids", "gray_resource_ids", "gray_desktop_ids")
# Without an inventory a desktop tag selects these made-up desktops (assumption: the fake cannot know
# which desktops carry a tag; two, so that a gray batch of one leaves a rest).
UNKNOWN_TAG_DESKTOPS = 2


def _entry(item: str | Mapping[str, Any]) -> dict[str, Any]:
    return {"id": item} if isinstance(item, str) else dict(item)


@dataclass(frozen=True)
class ProjectInventory:
    scripts: tuple[dict[str, Any], ...] = ()
    desktops: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    outcomes: tuple[dict[str, Any], ...] = ()

    @classmethod
    def from_document(cls, entry: Mapping[str, Any]) -> ProjectInventory:
        desktops = [_entry(item) for item in entry.get("desktops", [])]
        return cls(
            scripts=tuple(_entry(item) for item in entry.get("scripts", [])),
            desktops={desktop["id"]: desktop for desktop in desktops},
            outcomes=tuple(entry.get("outcomes", [])),
        )

    @property
    def script_ids(self) -> frozenset[str]:
        return frozenset(script["id"] for script in self.scripts)


@dataclass(frozen=True)
class Inventory:
    """Per project; ``None`` means: no inventory."""

    projects: Mapping[str, ProjectInventory] | None = None

    @classmethod
    def load(cls, path: str | Path) -> Inventory:
        """Read ``{"projects": {"<id>": {"scripts": [...], "desktops": [...], "outcomes": [...]}}}``."""
        document = config_files.read(path, config_files.INVENTORY_FILE)
        return cls.from_mapping(document["projects"])

    @classmethod
    def from_mapping(cls, projects: Mapping[str, Mapping[str, Any]]) -> Inventory:
        return cls(
            {project_id: ProjectInventory.from_document(entry) for project_id, entry in projects.items()}
        )

    def project(self, project_id: str) -> ProjectInventory:
        return (self.projects or {}).get(project_id, ProjectInventory())

    def check(
        self, project_id: str, request: Mapping[str, Any], known_scripts: Collection[str] | None = None
    ) -> None:
        """ServiceError 404 naming the first id of ``request`` that does not exist in the project.
        ``known_scripts``: the scripts that exist (the library's); by default the inventory's own."""
        if self.projects is None:
            return
        project = self.project(project_id)
        scripts = project.script_ids if known_scripts is None else known_scripts
        for kind, known, field_names in (
            ("Script", scripts, SCRIPT_FIELDS),
            ("Desktop", project.desktops, DESKTOP_FIELDS),
        ):
            for name in field_names:
                for item in request.get(name, ()):
                    if item not in known:
                        raise ServiceError(errors.RESOURCE_NOT_FOUND, f"{kind} not found: {item}")

    def desktops_with_tag(self, project_id: str, tag: str) -> list[str]:
        """The desktops a tag selects: those whose ``tags`` hold it exactly (assumption: the tag's syntax
        is undocumented); without an inventory, UNKNOWN_TAG_DESKTOPS made-up ones named after it."""
        if self.projects is None:
            return [f"{tag}-desktop-{number}" for number in range(1, UNKNOWN_TAG_DESKTOPS + 1)]
        desktops = self.project(project_id).desktops.values()
        return [desktop["id"] for desktop in desktops if tag in desktop.get("tags", ())]

    def desktop_names(self, project_id: str, desktop_ids: Sequence[str]) -> dict[str, str]:
        desktops = self.project(project_id).desktops
        return {
            desktop: desktops[desktop]["name"]
            for desktop in desktop_ids
            if desktop in desktops and desktops[desktop].get("name")
        }
