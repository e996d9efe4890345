"""Desktop ids from ``--desktop`` options and a file or standard input (``--desktops-file -``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from .failures import UsageProblem
from .output import note


def read_ids(stream: TextIO) -> list[str]:
    """One id per line; blank lines and ``#`` comments are ignored, surrounding spaces dropped."""
    ids = []
    for line in stream:
        text = line.split("#", 1)[0].strip()
        if text:
            ids.append(text)
    return ids


def collect(options: Iterable[str], stream: TextIO | None) -> list[str]:
    """The ids of ``--desktop`` then the file's, first occurrence kept (sending an id twice would ask the
    service to run the scripts twice on one desktop)."""
    ids = list(options)
    if stream is not None:
        from_file = read_ids(stream)
        if not from_file:
            raise UsageProblem(f"--desktops-file {stream.name}: no desktop id in it")
        ids += from_file
    unique = list(dict.fromkeys(ids))
    if len(unique) < len(ids):
        note(f"{len(ids) - len(unique)} desktop id(s) given more than once: each is sent once")
    return unique
