"""``scripts list | show | create | update | delete``: the scripts that ``run --script`` runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .failures import UsageProblem
from .options import json_option, limit_option, settings
from .output import emit_json, emit_table
from .reads import show_item, show_listing

SCRIPT_TYPES = ["POWERSHELL", "BAT", "SHELL"]
# The type a script file's extension implies (the CLI's convenience; --type always wins).
TYPE_BY_SUFFIX = {".ps1": "POWERSHELL", ".bat": "BAT", ".cmd": "BAT", ".sh": "SHELL"}


@click.group()
def scripts() -> None:
    """Manage scripts: list, show, create, update, delete."""


@scripts.command("list")
@click.option("--id", "script_id", metavar="ID", help="Only this script.")
@click.option("--name", metavar="TEXT", help="Only scripts whose name contains TEXT.")
@click.option("--type", "script_type", metavar="TYPE", help="Only this type (POWERSHELL, BAT, SHELL).")
@limit_option
@json_option
def list_(script_id: str | None, name: str | None, script_type: str | None, limit: int | None) -> None:
    """List scripts (every page unless --limit)."""
    from . import service

    filters = {"id": script_id, "name": name, "type": script_type}
    show_listing(lambda client: service.list_scripts(client, filters, limit), "scripts", _script_table)


def _script_table(items: list[dict[str, Any]]) -> None:
    emit_table(
        ["id", "name", "type", "version", "description", "update_time"], items, flexible=["description"]
    )


@scripts.command()
@click.argument("script_id")
@json_option
def show(script_id: str) -> None:
    """Show one script, with its content."""
    from . import service

    show_item(lambda client: service.show_script(client, script_id), long_text="content")


def _read_content(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageProblem(f"--file {path}: cannot read it as UTF-8 text ({error})") from None


@scripts.command()
@click.option(
    "--file", "path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The script."
)
@click.option("--name", metavar="NAME", help="Its name (default: the file's name without extension).")
@click.option(
    "--type", "script_type", type=click.Choice(SCRIPT_TYPES), help="Default: from .ps1, .bat/.cmd, .sh."
)
@click.option("--description", metavar="TEXT")
@click.option("--version", "script_version", metavar="TEXT")
@json_option
def create(
    path: Path, name: str | None, script_type: str | None, description: str | None, script_version: str | None
) -> None:
    """Create a script from a file; prints its id."""
    from . import service

    if script_type is None:
        script_type = TYPE_BY_SUFFIX.get(path.suffix.lower())
        if script_type is None:
            raise UsageProblem(f"--type is needed: {path.name} has no .ps1, .bat, .cmd or .sh extension")
    body = {
        "name": name if name is not None else path.stem,
        "type": script_type,
        "content": _read_content(path),
        "description": description,
        "version": script_version,
    }
    config = settings()
    with config.open_client() as client:
        script_id = service.create_script(client, body)
    if config.json:
        emit_json({"script_id": script_id})
    else:
        click.echo(script_id)


@scripts.command()
@click.argument("script_id")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), help="New content.")
@click.option("--name", metavar="NAME", help="New name.")
@click.option("--description", metavar="TEXT", help="New description.")
@click.option("--version", "script_version", metavar="TEXT", help="New version.")
@json_option
def update(
    script_id: str, path: Path | None, name: str | None, description: str | None, script_version: str | None
) -> None:
    """Change a script: what is given changes, the rest is kept (read from the service first, since an
    update replaces name, content, description and version together)."""
    from . import service

    if path is None and name is None and description is None and script_version is None:
        raise UsageProblem("nothing to change: give --file, --name, --description or --version")
    content = _read_content(path) if path is not None else None
    config = settings()
    with config.open_client() as client:
        current = service.show_script(client, script_id)
        body = {
            "name": name if name is not None else current.get("name"),
            "content": content if content is not None else current.get("content"),
            "description": description if description is not None else current.get("description"),
            "version": script_version if script_version is not None else current.get("version"),
        }
        service.update_script(client, script_id, body)
    if config.json:
        emit_json({"updated": script_id})
    else:
        click.echo(f"updated {script_id}")


@scripts.command()
@click.argument("script_id")
@json_option
def delete(script_id: str) -> None:
    """Delete a script (tasks that ran it keep their records)."""
    from . import service

    config = settings()
    with config.open_client() as client:
        service.delete_script(client, script_id)
    if config.json:
        emit_json({"deleted": script_id})
    else:
        click.echo(f"deleted {script_id}")
