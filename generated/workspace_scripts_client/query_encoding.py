"""Query strings as the official SDK writes them, so that both send the same bytes.

The SDK puts its canonical query (the one it signs) on the wire: every (name, value) pair, an array
contributing one pair per item (``?task_id=a&task_id=b``), sorted by name then value, each side
percent-encoded except the unreserved characters (a space is ``%20``, never ``+``), and booleans as
``true``/``false``. httpx would keep the given order and write a space as ``+``, which a server that does
not decode forms reads as a plus sign.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def encode_query(params: Mapping[str, Any]) -> str:
    """``params`` (unset ones already left out; a list means a repeated name) as a query string."""
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, list | tuple) else (value,):
            pairs.append((name, _text(item)))
    pairs.sort()
    return "&".join(f"{quote(name, safe='~')}={quote(value, safe='~')}" for name, value in pairs)
