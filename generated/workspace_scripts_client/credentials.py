"""Checks on credentials before they go into headers, with errors that name the parameter, never the value.

A token with a line break or a non-ASCII character would otherwise fail deep in httpx/h11 with an error whose
message quotes the header value, and so the secret, into logs and tracebacks.
"""

from __future__ import annotations


def check_credential(name: str, value: object) -> str:
    """``value`` when it is a non-empty string of printable ASCII; otherwise an error naming only ``name``."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} is empty")
    if not (value.isascii() and value.isprintable()):
        raise ValueError(f"{name} must be printable ASCII, without line breaks or control characters (value not shown)")
    if value != value.strip():
        raise ValueError(f"{name} must not start or end with spaces (value not shown)")
    return value
