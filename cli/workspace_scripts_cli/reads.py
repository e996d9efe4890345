"""The read commands' one way of working: open the client, ask once, print the answer as JSON (--json) or
for a person."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .options import settings
from .output import emit_fields, emit_json, note_more

if TYPE_CHECKING:
    from workspace_scripts_client import RaisingClient

    from .service import Listing

Item = dict[str, Any]


def show_item(fetch: Callable[[RaisingClient], Item], *, long_text: str) -> None:
    """One item, as JSON or as fields with its long text (a record's output, a script's content) last."""
    config = settings()
    with config.open_client() as client:
        item = fetch(client)
    if config.json:
        emit_json(item)
    else:
        emit_fields(item, long_text=long_text)


def show_listing(
    fetch: Callable[[RaisingClient], Listing], key: str, table: Callable[[list[Item]], None]
) -> None:
    """A listing, as JSON (its items under ``key``, and whether more match) or as ``table`` prints it,
    with a note when ``--limit`` left more out."""
    config = settings()
    with config.open_client() as client:
        listing = fetch(client)
    if config.json:
        emit_json({key: listing.items, "more": listing.more})
        return
    table(listing.items)
    note_more(len(listing.items), listing.more)
