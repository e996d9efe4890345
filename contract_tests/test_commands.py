"""``command`` and ``command_type`` (from the official SDK, not the page: source ``sdk``) and their rule
``command_or_script_ids`` (not both). A server that follows the page alone may refuse them: these clauses
fail only our bundled server, or any server with ``--strict``.

Each answer is judged against a twin: the example body with ``script_ids`` replaced by a command (see
``probes.judge_against_twin``: accepted, or refused for its ids as probe ids are in live mode).
Live mode: the guard decides what command, if any, reaches a desktop (``--sandbox-command``).
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from contract_tests import probes, rules, sources, spec
from contract_tests.target import Target

COMMAND = "echo contract-probe"
FIELDS = "request fields command, command_type (official SDK's ExecuteScriptOrCommandReq)"


def command_types() -> list[str]:
    return list(spec.request_schema()["properties"].get("command_type", {}).get("enum", []))


def command_body(**changes: Any) -> dict[str, Any]:
    kind = command_types()[-1] if command_types() else probes.DROP
    return probes.example(**{"script_ids": probes.DROP, "command": COMMAND, "command_type": kind, **changes})


@pytest.fixture(scope="module")
def command_twin(contract_target: Target) -> requests.Response:
    """The valid command body's answer, sent once: the twin every refusal here is compared with."""
    return probes.post(contract_target, command_body())


@pytest.mark.parametrize("kind", command_types())
def test_each_command_type_is_accepted(
    contract_target: Target, command_twin: requests.Response, kind: str
) -> None:
    probes.judge_against_twin(
        command_twin,
        probes.post(contract_target, command_body(command_type=kind)),
        f"{FIELDS}: each command_type of the enum is accepted",
        f"command_type={kind!r}",
        refused=False,
        source=sources.SDK,
    )


@pytest.mark.parametrize("kind", ["CMD", "shell", "", "SHELL "], ids=repr)
def test_command_type_outside_the_enum_is_400(contract_target: Target, kind: str) -> None:
    # A value outside the enum breaks the field's type, like a string for an Integer: refused with 400
    # whatever the ids (as every type clause of the suite asks), so unknown or probe ids do not blur it.
    probes.expect_status(
        probes.post(contract_target, command_body(command_type=kind)),
        f"{FIELDS}: a command_type outside the enum is refused with 400",
        {400},
        f"command_type={kind!r}",
        source=sources.SDK,
    )


@pytest.mark.parametrize("exclusion", rules.EXCLUSIONS, ids=lambda rule: rule.name)
def test_fields_sent_together_are_400(
    contract_target: Target, command_twin: requests.Response, exclusion: rules.Exclusion
) -> None:
    """The twin has one of the fields; the same body with all of them breaks only this rule."""
    example = probes.example()
    body = command_body(**{name: example.get(name, COMMAND) for name in exclusion.fields})
    assert exclusion.broken_by(body)
    probes.judge_against_twin(
        command_twin,
        probes.post(contract_target, body),
        f"x-constraints {exclusion.name} ({exclusion.message}), from the SDK: refused with 400",
        f"{', '.join(exclusion.fields)} sent together",
        refused=True,
        source=sources.of_rule(exclusion.name),
    )


@pytest.mark.parametrize(("field", "value"), [("command", 5), ("command", ["echo"]), ("command_type", 1)])
def test_wrong_types_for_command_fields_are_400(contract_target: Target, field: str, value: Any) -> None:
    response = probes.post(contract_target, command_body(**{field: value}))
    probes.expect_status(
        response,
        f"{FIELDS}: a command field that is not a string is refused with 400",
        {400},
        f"{field}={value!r}",
        source=sources.SDK,
    )
