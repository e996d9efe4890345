"""Credentials never reach any output of the suite: every known secret is replaced by ``[Filtered]``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

FILTERED = "[Filtered]"

# Headers that carry a credential (or a signature naming the access key): never shown, whatever their value.
SECRET_HEADERS = frozenset({"x-auth-token", "authorization", "x-security-token"})


def _spellings(secret: str) -> set[str]:
    """The ways a secret can appear in text: as is, URL-encoded, JSON- or repr-escaped."""
    return {
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        json.dumps(secret)[1:-1],
        repr(secret)[1:-1],
    }


class Redactor:
    """Replaces every spelling of the given secrets by ``[Filtered]``; longest first, so a secret that
    contains another is filtered whole."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        spellings: set[str] = set()
        for secret in secrets:
            if secret:
                spellings |= _spellings(secret)
        self._spellings = sorted(spellings - {""}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for spelling in self._spellings:
            text = text.replace(spelling, FILTERED)
        return text

    def __bool__(self) -> bool:
        return bool(self._spellings)
