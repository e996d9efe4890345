"""What happens when a script or command runs on a desktop: the user's rules, else success.

A rule names what it applies to (a project, a desktop, a script id, a command; each left out matches
anything) and the result: ``success`` or ``fail`` after ``seconds``, or ``hang`` until the record's
``execution_timeout`` ends it as TIMEOUT. The newest matching rule wins. A record's outcome is chosen
when its task is created (or retried) and stored with it, so a restart or a later rule does not change
what an accepted task does."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import fastjsonschema

from .. import errors
from ..errors import ServiceError

RESULTS = ("success", "fail", "hang")
# A small task is final well within a second: it waits this long to start, then runs this long.
START_DELAY_SECONDS = 0.1
DEFAULT_RUN_SECONDS = 0.2
DEFAULT_FAIL_CODE = "1"

RULE_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["result"],
    "properties": {
        "project_id": {"type": "string", "minLength": 1},
        "desktop": {"type": "string", "minLength": 1},
        "script": {"type": "string", "minLength": 1},
        "command": {"type": "string", "minLength": 1},
        "result": {"enum": list(RESULTS)},
        "seconds": {"type": "number", "minimum": 0, "maximum": 86400 * 365},
        "output": {"type": "string"},
        "result_code": {"type": "string"},
        "reason": {"type": "string"},
    },
    "additionalProperties": False,
}
_CHECK_RULE = fastjsonschema.compile(RULE_SCHEMA)


@dataclass(frozen=True)
class OutcomeRule:
    result: str
    project_id: str | None = None
    desktop: str | None = None
    script: str | None = None
    command: str | None = None
    seconds: float | None = None
    output: str | None = None
    result_code: str | None = None
    reason: str | None = None

    @classmethod
    def parse(cls, entry: Any, *, project_id: str | None = None) -> OutcomeRule:
        """A rule from JSON (an admin request, an inventory entry); ServiceError 400 naming the mistake."""
        try:
            checked = _CHECK_RULE(entry)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise ServiceError(errors.SCHEMA_VIOLATION, f"Invalid outcome rule: {exc.message}") from None
        rule = cls(**checked)
        if project_id is not None and rule.project_id is None:
            rule = cls(**{**asdict(rule), "project_id": project_id})
        return rule

    def matches(self, project_id: str, desktop: str, script: str | None, command: str | None) -> bool:
        return (
            self.project_id in (None, project_id)
            and self.desktop in (None, desktop)
            and (self.script is None or self.script == script)
            and (self.command is None or self.command == command)
        )

    def as_dict(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None}


def default_output(desktop: str, script: str | None, script_name: str | None, command: str | None) -> str:
    if command is not None:
        return f"Command ran on desktop {desktop}: {command}"
    return f"Script {script_name or script} ({script}) ran on desktop {desktop}."


class OutcomeBook:
    """The rules in force (a lock: the plugin adds rules from the test's thread)."""

    def __init__(self, rules: Iterable[OutcomeRule] = ()) -> None:
        self._lock = threading.Lock()
        self._rules = list(rules)

    def add(self, rule: OutcomeRule) -> int:
        with self._lock:
            self._rules.append(rule)
            return len(self._rules)

    def replace(self, rules: Iterable[OutcomeRule]) -> None:
        with self._lock:
            self._rules = list(rules)

    def rules(self) -> list[OutcomeRule]:
        with self._lock:
            return list(self._rules)

    def outcome(
        self,
        project_id: str,
        desktop: str,
        script: str | None,
        script_name: str | None,
        command: str | None,
    ) -> dict[str, Any] | None:
        """The outcome the newest matching rule plans for one record; None when no rule matches."""
        rules = self._rules
        if not rules:  # the common case, once per record of a large execution
            return None
        rule = next(
            (rule for rule in reversed(rules) if rule.matches(project_id, desktop, script, command)), None
        )
        if rule is None:
            return None
        return planned(rule, desktop, script, script_name, command)


def planned(
    rule: OutcomeRule | None, desktop: str, script: str | None, script_name: str | None, command: str | None
) -> dict[str, Any]:
    """The stored outcome of one record: what ``rule`` says; without one, the default (success)."""
    result = "success" if rule is None else rule.result
    seconds = DEFAULT_RUN_SECONDS if rule is None or rule.seconds is None else rule.seconds
    output = None if rule is None else rule.output
    if output is None and result != "hang":
        output = default_output(desktop, script, script_name, command)
    outcome: dict[str, Any] = {"result": result, "seconds": seconds, "output": output}
    if result == "fail":
        outcome["result_code"] = rule.result_code if rule and rule.result_code else DEFAULT_FAIL_CODE
        outcome["reason"] = (rule.reason if rule else None) or (
            f"The {'command' if command is not None else 'script'} exited with status"
            f" {outcome['result_code']}."
        )
    elif result == "success":
        outcome["result_code"] = rule.result_code if rule and rule.result_code else "0"
        outcome["reason"] = rule.reason if rule else None
    return outcome
