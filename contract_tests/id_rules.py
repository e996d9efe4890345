"""Live mode's id rule: every id a request names is a sandbox id the user gave or a reserved probe id.

``steer`` rewrites a body so it keeps the rule (deterministically, so a seed replays the same requests);
``violations`` says why a body breaks it (the guard refuses such a body at the wire). Both work on the
body's bytes, so they cover fuzzed, hand-made, replayed and malformed requests alike.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PROBE_PREFIX = "contract-probe-"
# Which kind of sandbox id each id field may name.
ID_FIELDS = {"resource_ids": "desktop", "gray_resource_ids": "desktop", "script_ids": "script"}
COMMAND = "command"  # an SDK field: a command line run instead of scripts
TIMEOUT = "execution_timeout"
SHORT_TIMEOUT = 1  # minutes: what an accepted sandbox request may run for at most
# In a body that is not JSON, a word this short cannot be a real desktop or script id (those are UUIDs).
SHORT_WORD = 4
JSON_WORDS = frozenset({"true", "false", "null"})
# Quoted strings (escapes kept) or runs of characters that are not JSON/form punctuation.
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[^\s"\[\]{}(),:;=&]+')


@dataclass(frozen=True)
class Sandbox:
    """What the user allows a live run to act on."""

    desktops: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    command: str | None = None  # the one command line that may be sent to a sandbox desktop
    tag: str | None = None  # the one desktop tag executions by tag may name
    # The script that fails on purpose (--sandbox-failing-script): named as it is by the gray clauses,
    # never drawn from the pool other bodies are steered to.
    failing: str | None = None

    def pool(self, kind: str) -> tuple[str, ...]:
        if kind == "tag":
            return (self.tag,) if self.tag else ()
        return self.desktops if kind == "desktop" else self.scripts

    def all_ids(self) -> frozenset[str]:
        return frozenset(self.desktops) | frozenset(self.scripts) | frozenset(filter(None, [self.failing]))


def is_probe(value: str) -> bool:
    return value.startswith(PROBE_PREFIX)


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\0{value}".encode("utf-8", "surrogatepass")).hexdigest()


def probe_id(value: str, kind: str) -> str:
    """The reserved id standing for ``value``; as long as ``value`` when that is longer (length is what
    some clauses probe)."""
    if is_probe(value):
        return value
    # No separator after the kind: a probe never contains an id like "desktop-01" by chance. The id's
    # characters beyond printable ASCII stay (after the prefix they cannot name anything): a clause that
    # probes how a server copes with "桌面" or a NUL still probes it in live mode.
    unusual = "".join(char for char in value if not (char.isascii() and char.isprintable()))
    probe = f"{PROBE_PREFIX}{kind}{_digest(kind, value)[:16]}{unusual}"
    return probe.ljust(len(value), "0")


def sandbox_ids(
    body: dict[str, Any], kind: str, sandbox: Sandbox, own: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Which sandbox id of ``kind`` stands for each id of that kind in ``body``: distinct ids get distinct
    sandbox ids while the pool lasts (a repeated id may be refused), the same id the same one in every
    field (so the gray batch stays inside ``resource_ids``). Sandbox and probe ids stay as they are."""
    pool = sandbox.pool(kind)
    names = [text for name, k in ID_FIELDS.items() if k == kind for text in _strings(body.get(name))]
    free = [i for i in pool if i not in names] or list(pool)
    mapping: dict[str, str] = {}
    for text in dict.fromkeys(names):
        keep = is_probe(text) or text in pool or (kind == "script" and text in own)
        mapping[text] = text if keep else free[sum(1 for m in mapping if m != mapping[m]) % len(free)]
    return mapping


def _map_strings(value: Any, swap: Callable[[str], str]) -> Any:
    """``value`` with every string in it (object keys included) passed through ``swap``."""
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_map_strings(item, swap) for item in value]
    if isinstance(value, dict):
        return {swap(key): _map_strings(item, swap) for key, item in value.items()}
    return value


def _strings(value: Any) -> list[str]:
    found: list[str] = []

    def note(text: str) -> str:
        found.append(text)
        return text

    _map_strings(value, note)
    return found


def may_use_sandbox(
    body: Any, sandbox: Sandbox, declared: frozenset[str], own: frozenset[str] = frozenset()
) -> bool:
    """Whether ``body`` may be sent naming sandbox ids: an object of declared fields only (an unknown
    field might mean something to the service), with a sandbox pool large enough for the distinct ids
    of every id field it fills (and no field naming an id twice), and the user's own command line if it
    carries a command."""
    if not isinstance(body, dict) or not declared.issuperset(body):
        return False
    if COMMAND in body and sandbox.command is None:
        return False
    for name, kind in ID_FIELDS.items():
        named = _strings(body.get(name))
        if not named:
            continue
        # Distinct ids get distinct sandbox ids: never one sandbox id twice in a request.
        distinct = {
            text for field, k in ID_FIELDS.items() if k == kind for text in _strings(body.get(field))
        } - own
        if len(set(named)) != len(named) or len(distinct) > len(sandbox.pool(kind)):
            return False
    return True


def _short_timeout(value: Any) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= SHORT_TIMEOUT
    return value if ok else SHORT_TIMEOUT  # type: ignore[return-value]


def _probe_unless_own(text: str, kind: str, own: frozenset[str]) -> str:
    return text if kind == "script" and text in own else probe_id(text, kind)


def steer(
    body: Any, declared: frozenset[str], sandbox: Sandbox | None = None, own: frozenset[str] = frozenset()
) -> Any:
    """``body`` with every id swapped: for sandbox ids when ``sandbox`` is given and the body may use
    them, else for probe ids. Strings in fields the contract does not declare become probes too. ``own``:
    scripts the run created (harmless by construction), kept wherever they are named."""
    if not isinstance(body, dict):
        return _map_strings(body, lambda text: probe_id(text, "value"))
    use_sandbox = sandbox is not None and may_use_sandbox(body, sandbox, declared, own)
    steered: dict[str, Any] = {}
    for name, value in body.items():
        kind = ID_FIELDS.get(name)
        if kind is not None and use_sandbox:
            assert sandbox is not None
            steered[name] = _map_strings(value, sandbox_ids(body, kind, sandbox, own).__getitem__)
        elif kind is not None:
            steered[name] = _map_strings(value, functools.partial(_probe_unless_own, kind=kind, own=own))
        elif name in declared:
            steered[name] = value
        else:
            steered[probe_id(name, "field")] = _map_strings(value, lambda text: probe_id(text, "value"))
    if use_sandbox:
        assert sandbox is not None
        steered[TIMEOUT] = _short_timeout(body.get(TIMEOUT))
        if COMMAND in body:
            steered[COMMAND] = sandbox.command
    return steered


def violations(
    body: Any, declared: frozenset[str], sandbox: Sandbox | None = None, own: frozenset[str] = frozenset()
) -> list[str]:
    """Why ``body`` breaks the id rule (empty when it keeps it); ``sandbox`` when it may name them."""
    if not isinstance(body, dict):
        return [f"string {text!r} outside an object" for text in _strings(body) if not is_probe(text)]
    allowed = sandbox is not None and may_use_sandbox(body, sandbox, declared, own)
    problems = []
    for name, value in body.items():
        kind = ID_FIELDS.get(name)
        if kind is not None:
            pool = sandbox.pool(kind) if allowed and sandbox is not None else ()
            problems += [
                f"{name}: {text!r}"
                for text in _strings(value)
                if not (is_probe(text) or text in pool or (kind == "script" and text in own))
            ]
        elif name not in declared:
            problems += [f"field {text!r}" for text in [name, *_strings(value)] if not is_probe(text)]
    if names_sandbox(body, sandbox):
        if _short_timeout(body.get(TIMEOUT)) != body.get(TIMEOUT):
            problems.append(f"{TIMEOUT} must be 1..{SHORT_TIMEOUT} on a request naming sandbox ids")
        if COMMAND in body and (sandbox is None or body[COMMAND] != sandbox.command):
            problems.append("a command other than --sandbox-command with sandbox desktops")
    return problems


def named_ids(body: Any) -> list[str]:
    """Every string in ``body``'s id fields."""
    if not isinstance(body, dict):
        return []
    return [text for name in ID_FIELDS for text in _strings(body.get(name))]


def names_desktop(body: dict[str, Any]) -> bool:
    """Whether ``body`` names at least one desktop."""
    return any(_strings(body.get(name)) for name, kind in ID_FIELDS.items() if kind == "desktop")


def names_sandbox(body: Any, sandbox: Sandbox | None) -> bool:
    if sandbox is None or not isinstance(body, dict):
        return False
    ids = sandbox.all_ids()
    return any(text in ids for name in ID_FIELDS for text in _strings(body.get(name)))


# --- bodies as bytes: what the guard sees ---


def parse(body: bytes) -> tuple[bool, Any]:
    """(True, value) for a body that is plain JSON; (False, None) for anything else, duplicate keys
    included (a server may read the other copy)."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate key")
        return dict(pairs)

    try:
        value = json.loads(body, object_pairs_hook=no_duplicates)
        _strings(value)  # nesting too deep to walk is treated as text too
    except (ValueError, RecursionError):
        return False, None
    return True, value


def _word_is_harmless(word: str, declared: frozenset[str]) -> bool:
    return len(word) <= SHORT_WORD or word in declared or word in JSON_WORDS or is_probe(word)


def _words(text: str) -> list[str]:
    return [token[1:-1] if token.startswith('"') else token for token in TOKEN.findall(text)]


def steer_bytes(
    body: bytes, declared: frozenset[str], sandbox: Sandbox | None = None, own: frozenset[str] = frozenset()
) -> bytes:
    """``steer`` for a body as sent: JSON is rewritten as JSON; anything else word by word, every word
    that could be an id becoming a probe (so a malformed body stays malformed)."""
    parsed, value = parse(body)
    if parsed:
        steered = steer(value, declared, sandbox, own)
        return body if steered == value else json.dumps(steered).encode()
    text = body.decode("latin-1")

    def swap(match: re.Match[str]) -> str:
        token = match.group()
        quoted = token.startswith('"')
        word = token[1:-1] if quoted else token
        if _word_is_harmless(word, declared):
            return token
        probe = probe_id(word, "word")
        return f'"{probe}"' if quoted else probe

    return TOKEN.sub(swap, text).encode("latin-1")


def byte_violations(
    body: bytes, declared: frozenset[str], sandbox: Sandbox | None = None, own: frozenset[str] = frozenset()
) -> list[str]:
    parsed, value = parse(body)
    if parsed:
        return violations(value, declared, sandbox, own)
    words = _words(body.decode("latin-1"))
    return [
        f"word {word[:40]!r} in a body that is not JSON"
        for word in words
        if not _word_is_harmless(word, declared)
    ]


def bytes_name_sandbox(body: bytes, sandbox: Sandbox | None) -> bool:
    parsed, value = parse(body)
    return parsed and names_sandbox(value, sandbox)
