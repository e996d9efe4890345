"""Live mode's rules for the Script API beyond the execution body (``id_rules`` keeps that one).

Every request, whatever sent it, is held to them at the gate (``guard``):

- **Path and query ids.** Every value of a free-text path or query parameter (an id, a name, an array of
  them), and of a parameter the operation does not declare, is a probe id, a sandbox id, an id the run
  made (a script it created, or that script's name, a task it was answered, a record of such a task), or a
  word of at most ``id_rules.SHORT_WORD`` characters (no real id is that short). Typed parameters
  (integers, booleans, enums, date-times) name nothing and pass. The project id is the credential's.
- **Scripts.** A ``CreateScript`` body is a JSON object whose ``name`` starts with ``contract-probe-`` and
  whose ``content`` is harmless (``is_harmless``); ``UpdateScript`` bodies the same for what they carry.
  ``UpdateScript`` and ``DeleteScript`` (and any other method on a script's path) name only a script the
  run created, or a probe id.
- **Stop and retry** name only tasks and records the run made, or probe ids.
- **Execution by desktop tag** is sent only when the user gave ``--sandbox-desktop-tag``; its
  ``desktop_tag`` is that tag (only in a request meant to be accepted, like sandbox ids) or a probe id;
  a request naming the tag carries a short timeout, no ``pre_start``/``post_finish`` step, and a command
  only as ``--sandbox-command``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from contract_tests import id_rules, spec
from contract_tests.id_rules import Sandbox, is_probe, probe_id
from contract_tests.made import Made

# Harmless in each of the three script languages: it prints one line (BAT and SHELL read it as echo).
HARMLESS_CONTENT = "echo contract-probe"
HARMLESS_AGAIN = "echo contract-probe again"  # what the lifecycle's update stores
HARMLESS = frozenset({HARMLESS_CONTENT, HARMLESS_AGAIN})

CREATE, UPDATE, DELETE = "CreateScript", "UpdateScript", "DeleteScript"
STOP, RETRY, BY_TAG = "StopScriptExecution", "RetryScriptExecution", "ExecuteScriptByDesktopTag"
SCRIPT_WRITES = frozenset({CREATE, UPDATE})
# ByTag's fields as id_rules reads the execution's: which kind of id each names, and the command.
TAG_FIELDS = {"desktop_tag": "tag", "gray_desktop_ids": "desktop", "script_ids": "script"}
TAG_COMMAND = "command_content"
TAG_STEPS = ("pre_start", "post_finish")  # steps acting on the desktops before or after the run
NO_TAG = (
    "live mode sends ExecuteScriptByDesktopTag only with a desktop tag of yours: give "
    "--sandbox-desktop-tag=TAG (or WORKSPACE_SANDBOX_DESKTOP_TAG); every desktop carrying it may run the "
    "harmless scripts"
)


def is_harmless(content: Any) -> bool:
    """Whether a script's content is one of the suite's own, which print a line (trailing blanks allowed:
    the at-the-limit clause pads it)."""
    return isinstance(content, str) and content.rstrip(" ") in HARMLESS


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    pattern: re.Pattern[str]  # the path, with a named group per parameter
    free: frozenset[str]  # query parameters naming something (free text)
    typed: frozenset[str]  # query parameters naming nothing (integer, boolean, enum, date-time)
    declared: frozenset[str]  # body fields


def _names_something(schema: dict[str, Any]) -> bool:
    inner = schema.get("items", {}) if schema.get("type") == "array" else schema
    return inner.get("type") == "string" and "enum" not in inner and "format" not in inner


@functools.cache
def operations() -> tuple[Operation, ...]:
    document = spec.load()
    found = []
    for path, item in document["paths"].items():
        shared = [spec.resolve(document, p) for p in item.get("parameters", [])]
        parts = re.split(r"\{([^/{}]+)\}", path)
        regex = "".join(
            re.escape(part) if n % 2 == 0 else f"(?P<{part}>[^/]+)" for n, part in enumerate(parts)
        )
        pattern = re.compile(regex + "/?$")
        for method, operation in item.items():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            params = [*shared, *(spec.resolve(document, p) for p in operation.get("parameters", []))]
            query = [
                (p["name"], spec.resolve(document, p.get("schema", {}))) for p in params if p["in"] == "query"
            ]
            body = operation.get("requestBody")
            declared: frozenset[str] = frozenset()
            if body is not None:
                media = spec.resolve(document, body)["content"]["application/json"]
                schema = spec.resolve(document, media["schema"])
                declared = frozenset(schema.get("properties", {}))
            found.append(
                Operation(
                    operation["operationId"],
                    method.upper(),
                    pattern,
                    frozenset(name for name, s in query if _names_something(s)),
                    frozenset(name for name, s in query if not _names_something(s)),
                    declared,
                )
            )
    # Static paths before templated ones: ".../stop" is not a script id.
    return tuple(sorted(found, key=lambda op: op.pattern.pattern.count("(?P<")))


def match(method: str, url: str) -> tuple[Operation | None, dict[str, str]]:
    """The contract's operation a request is for (None when the method is not the path's), and the ids
    its path names; a path the contract does not know gives (None, {})."""
    path = urlsplit(url).path
    on_path = None
    for operation in operations():
        found = operation.pattern.search(path)
        if found is None:
            continue
        ids = {name: unquote(value) for name, value in found.groupdict().items()}
        if operation.method == method.upper():
            return operation, ids
        on_path = on_path or (None, ids)
    return on_path or (None, {})


@functools.cache
def contract_words() -> frozenset[str]:
    """Every enum (and ``x-known-values``) value of the contract (statuses, script types, ...): words
    that name no resource."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found.update(str(value) for key in ("enum", "x-known-values") for value in node.get(key, []))
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec.load())
    return frozenset(found)


def readable(value: str, made: Made, sandbox: Sandbox) -> bool:
    """Whether a path or query value may be sent: probe, sandbox, made by the run, a word of the
    contract (a status, a script type), or too short to be an id."""
    return (
        is_probe(value)
        or len(value) <= id_rules.SHORT_WORD
        or value in contract_words()
        or value in sandbox.all_ids()
        or value == sandbox.tag
        or value in made.scripts
        or value in made.scripts.values()
        or value in made.tasks
        or value in made.records
    )


@functools.cache
def literal_segments() -> frozenset[str]:
    """The fixed words of the contract's paths (``v2``, ``scripts``, ``stop``, ...)."""
    return frozenset(
        part for path in spec.load()["paths"] for part in path.split("/") if part and "{" not in part
    )


def url_problems(method: str, url: str, made: Made, sandbox: Sandbox) -> list[str]:
    operation, path_ids = match(method, url)
    problems = []
    path = urlsplit(url).path
    if not path_ids and "/v2/" in path:
        # A path the contract does not know: whatever a server makes of it, every word after the
        # project that is not one of the contract's is a probe or something the run made.
        words = [unquote(part) for part in path.split("/v2/", 1)[1].split("/")[1:] if part]
        for word in words:
            mine = word in made.scripts or word in made.tasks or word in made.records
            if not (word in literal_segments() or is_probe(word) or mine or len(word) <= id_rules.SHORT_WORD):
                problems.append(f"{word!r} in a path the contract does not know")
    writes = operation is None or operation.method != "GET"
    for name, value in path_ids.items():
        if name == "project_id":
            continue  # the credential's project (a foreign one is refused: test_foreign_project_is_refused)
        if name == "script_id" and writes:
            # A script is changed or deleted only if the run created it (a probe id names none).
            if not (is_probe(value) or value in made.scripts):
                problems.append(f"{method} on script {value!r}, which this run did not create")
        elif not readable(value, made, sandbox):
            problems.append(f"path {name}={value!r}")
    typed = operation.typed if operation is not None else frozenset()
    for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if name not in typed and not readable(value, made, sandbox):
            problems.append(f"query {name}={value!r}")
    return problems


# --- bodies ---


def script_problems(operation_id: str, value: Any) -> list[str]:
    """Why a parsed CreateScript/UpdateScript body could create or store something else than a harmless
    probe script."""
    if not isinstance(value, dict):
        return []  # no script can be read from it (id_rules' rule for what is not an object applies)
    problems = []
    name, content = value.get("name"), value.get("content")
    if ("name" in value or operation_id == CREATE) and not (isinstance(name, str) and is_probe(name)):
        problems.append(f"name {name!r} does not start with {id_rules.PROBE_PREFIX}")
    if ("content" in value or operation_id == CREATE) and not is_harmless(content):
        problems.append(f"content {str(content)[:40]!r} is not the suite's harmless content")
    return problems


def steer_script(value: Any, *, keep_short: bool = False) -> Any:
    """A fuzzed script body made harmless: the name a probe of at least its length, the content the
    harmless one padded to its length. Types and presence stay, so what breaks the rule is left for the
    caller to hold back; ``keep_short`` (a negative case) also leaves a content shorter than the harmless
    one, which a swap would make valid."""
    if not isinstance(value, dict):
        return value
    steered = dict(value)
    if isinstance(value.get("name"), str):
        steered["name"] = probe_id(value["name"], "name")
    content = value.get("content")
    short = isinstance(content, str) and len(content) < len(HARMLESS_CONTENT)
    if isinstance(content, str) and not is_harmless(content) and not (keep_short and short):
        steered["content"] = HARMLESS_CONTENT.ljust(len(content), " ")
    return steered


def _keep_or_probe(text: str, kind: str, pool: tuple[str, ...], swap: dict[str, str] | None = None) -> str:
    if swap and text in swap:
        return swap[text]
    return text if is_probe(text) or text in pool else probe_id(text, kind)


def _not_an_object(value: Any) -> list[str]:
    return [f"string {text!r} outside an object" for text in id_rules._strings(value) if not is_probe(text)]


def _own_pools(made: Made) -> dict[str, tuple[str, ...]]:
    return {"task_id": tuple(made.tasks), "record_id": tuple(made.records)}


def control_problems(value: Any, made: Made, declared: frozenset[str]) -> list[str]:
    """Stop and retry: every string in task_id and record_id names the run's own task or record (or is
    a probe); strings in fields the contract does not declare are probes."""
    if not isinstance(value, dict):
        return _not_an_object(value)
    pools = _own_pools(made)
    problems = []
    for name, item in value.items():
        if name in pools:
            problems += [
                f"{name} {t!r} is not this run's"
                for t in id_rules._strings(item)
                if not (is_probe(t) or t in pools[name])
            ]
        elif name not in declared:
            problems += [f"field {t!r}" for t in [name, *id_rules._strings(item)] if not is_probe(t)]
    return problems


def steer_control(value: Any, made: Made, declared: frozenset[str]) -> Any:
    if not isinstance(value, dict):
        return id_rules._map_strings(value, lambda text: probe_id(text, "value"))
    pools = _own_pools(made)
    steered: dict[str, Any] = {}
    for name, item in value.items():
        if name in pools:
            steered[name] = id_rules._map_strings(
                item, functools.partial(_keep_or_probe, kind=name, pool=pools[name])
            )
        elif name in declared:
            steered[name] = item
        else:
            steered[probe_id(name, "field")] = id_rules._map_strings(item, lambda t: probe_id(t, "value"))
    return steered


def _tag_sandbox(sandbox: Sandbox | None, made: Made) -> Sandbox:
    """The pools a by-tag body may draw on: with an allowance the user's; the run's own scripts always."""
    own = tuple(made.alive())
    if sandbox is None:
        return Sandbox((), own, None, None)
    return Sandbox(sandbox.desktops, (*sandbox.scripts, *own), sandbox.command, sandbox.tag)


def by_tag_problems(
    value: Any, made: Made, declared: frozenset[str], sandbox: Sandbox | None, tag: str | None
) -> list[str]:
    if tag is None:
        return [NO_TAG]
    if not isinstance(value, dict):
        return _not_an_object(value)
    pools = _tag_sandbox(sandbox, made)
    problems = []
    for name, item in value.items():
        kind = TAG_FIELDS.get(name)
        if kind is not None:
            pool = pools.pool(kind)
            problems += [f"{name}: {t!r}" for t in id_rules._strings(item) if not (is_probe(t) or t in pool)]
        elif name not in declared:
            problems += [f"field {t!r}" for t in [name, *id_rules._strings(item)] if not is_probe(t)]
    if value.get("desktop_tag") == tag:
        if id_rules._short_timeout(value.get(id_rules.TIMEOUT)) != value.get(id_rules.TIMEOUT):
            problems.append(f"{id_rules.TIMEOUT} must be 1..{id_rules.SHORT_TIMEOUT} with the sandbox tag")
        if TAG_COMMAND in value and (sandbox is None or value[TAG_COMMAND] != sandbox.command):
            problems.append("a command other than --sandbox-command with the sandbox tag")
        problems += [f"{step} with the sandbox tag" for step in TAG_STEPS if step in value]
    return problems


def steer_by_tag(value: Any, made: Made, declared: frozenset[str], sandbox: Sandbox | None) -> Any:
    """A by-tag body keeping the rule: the sandbox tag (and sandbox ids) only when ``sandbox`` is given
    and the body is made of declared fields (and a command only if the user gave one); else probes."""
    if not isinstance(value, dict):
        return id_rules._map_strings(value, lambda text: probe_id(text, "value"))
    use = (
        sandbox is not None
        and sandbox.tag is not None
        and declared.issuperset(value)
        and (TAG_COMMAND not in value or sandbox.command is not None)
    )
    pools = _tag_sandbox(sandbox if use else None, made)
    # Ids the pools lack get sandbox ids (distinct ones: a body naming more than the sandbox has, or one
    # id twice, goes with probes instead), so an accepted execution runs the sandbox's scripts.
    swaps: dict[str, dict[str, str]] = {}
    for name, id_kind in TAG_FIELDS.items():
        if id_kind == "tag" or not use:
            continue
        named = id_rules._strings(value.get(name))
        lacking = [t for t in dict.fromkeys(named) if not (is_probe(t) or t in pools.pool(id_kind))]
        spare = [i for i in (sandbox.pool(id_kind) if sandbox else ()) if i not in named]
        if len(named) != len(set(named)) or len(lacking) > len(spare):
            use = False
            break
        swaps[name] = dict(zip(lacking, spare, strict=False))
    if not use:
        pools = _tag_sandbox(None, made)
    steered: dict[str, Any] = {}
    for name, item in value.items():
        kind = TAG_FIELDS.get(name)
        if kind == "tag":
            steered[name] = id_rules._map_strings(
                item, lambda t: t if is_probe(t) or t == pools.tag else (pools.tag or probe_id(t, "tag"))
            )
        elif kind is not None:
            pool = (*pools.pool(kind), *swaps.get(name, {}).values())
            swap = swaps.get(name, {})
            steered[name] = id_rules._map_strings(
                item, functools.partial(_keep_or_probe, kind=kind, pool=pool, swap=swap)
            )
        elif name in declared:
            steered[name] = item
        else:
            steered[probe_id(name, "field")] = id_rules._map_strings(item, lambda t: probe_id(t, "value"))
    if use and steered.get("desktop_tag") == pools.tag:
        assert sandbox is not None
        steered[id_rules.TIMEOUT] = id_rules._short_timeout(value.get(id_rules.TIMEOUT))
        for step in TAG_STEPS:
            steered.pop(step, None)
        if TAG_COMMAND in value:
            steered[TAG_COMMAND] = sandbox.command
    return steered
