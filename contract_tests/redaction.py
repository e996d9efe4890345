"""Credentials never reach any output of the suite.

Two ways, so a short secret cannot garble a report:

- **by position**: wherever text shows a credential header (``X-Auth-Token: …``, ``X-Security-Token``),
  the AK/SK signature's ``Access=`` and ``Signature=``, a credential option (``--token=…``) or variable
  (``WORKSPACE_TOKEN=…``), its value becomes ``[Filtered]``, whatever that value is;
- **as whole values**: a secret long enough to be told apart from other text (``MIN_LENGTH`` characters
  or more) is filtered wherever it appears, in every spelling (URL-, JSON- or repr-escaped).

A shorter secret (``--token t``) is filtered by position only: replacing every ``t`` in the report would
turn ``X-Auth-Token`` into ``X-Auth-[Filtered]oken``, split one defect into two headlines and lose the curl
lines. ``too_short`` names such secrets, so the run can say so in its header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, quote_plus

FILTERED = "[Filtered]"
MIN_LENGTH = 8

# Headers that carry a credential (or a signature naming the access key): never shown, whatever their value.
SECRET_HEADERS = frozenset({"x-auth-token", "authorization", "x-security-token"})
SECRET_OPTIONS = ("--token", "--ak", "--sk", "--security-token")
SECRET_VARIABLES = (
    "WORKSPACE_TOKEN",
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
)

# "Name: value", "'Name': 'value'", "Name=value": the name, its separator, then the value up to a space,
# a quote, a semicolon or a comma.
_NAMED = re.compile(
    r"(?i)(?<![\w-])((?:x-auth-token|x-security-token|"
    + "|".join(SECRET_VARIABLES)
    + r")['\"]?\s*[:=]\s*['\"]?)([^\s'\";,]+)"
)
_AUTHORIZATION = re.compile(r"(?i)(?<![\w-])(authorization['\"]?\s*[:=]\s*['\"]?)([^'\"\n]+)")
_SIGNATURE_PARTS = re.compile(r"(?i)\b(Access|Signature)=([^\s,'\"]+)")
# "--token=value" only: "--sk without --token" in a sentence must stay readable.
_OPTIONS = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, SECRET_OPTIONS)) + r")(=)([^\s'\"]+)")


def _authorization(match: re.Match[str]) -> str:
    value = match.group(2)
    if "Access=" in value or "Signature=" in value:  # AK/SK: keep the scheme and SignedHeaders
        return match.group(1) + _SIGNATURE_PARTS.sub(lambda part: f"{part.group(1)}={FILTERED}", value)
    return match.group(1) + FILTERED


def by_position(text: str) -> str:
    """``text`` with every value in a credential's place filtered, whatever the value."""
    text = _NAMED.sub(lambda match: match.group(1) + FILTERED, text)
    text = _AUTHORIZATION.sub(_authorization, text)
    return _OPTIONS.sub(lambda match: f"{match.group(1)}{match.group(2)}{FILTERED}", text)


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
    """Filters credentials by position, and every spelling of each secret long enough to be told apart
    from other text; longest first, so a secret that contains another is filtered whole."""

    def __init__(self, secrets: Iterable[str | None] | Mapping[str, str | None]) -> None:
        named = secrets.items() if isinstance(secrets, Mapping) else ((None, s) for s in secrets)
        spellings: set[str] = set()
        self.too_short: dict[str, int] = {}  # a name for each short secret -> its length
        for name, secret in named:
            if not secret:
                continue
            if len(secret) < MIN_LENGTH:
                self.too_short[name or "a credential"] = len(secret)
                continue
            spellings |= _spellings(secret)
        self._spellings = sorted(spellings - {""}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        text = by_position(text)
        for spelling in self._spellings:
            text = text.replace(spelling, FILTERED)
        return text

    def warnings(self) -> list[str]:
        """One line per secret too short to be filtered anywhere but in a credential's place."""
        return [
            f"{name} is only {length} character(s) long: it is filtered where credentials go (headers, "
            f"the AK/SK signature, options), not elsewhere in the text, which it cannot be told apart from"
            for name, length in sorted(self.too_short.items())
        ]
