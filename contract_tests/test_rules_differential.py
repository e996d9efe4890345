"""Differential pairs for the documented cross-field rule: two bodies that differ only in the rule's fields.

When the twin without the rule's fields is accepted, nothing but the rule can explain a refusal of the
other: a body breaking the rule must get exactly 400 (not 403, 404 or 422), and a body keeping it must be
accepted. The boundaries of ``gray_fail_threshold < gray_count``: equal, one below, one above, zero,
large values, and values whose decimal text sorts the other way than their numbers (9 vs 10).

When the twin is refused for its ids (403/404: a real project, or probe ids in live mode), the pair still
tells something: a body keeping the rule must get the twin's answer (a 400 there means the rule was misread,
as when numbers are compared as text), and a body breaking it 400 or the twin's answer (a server may look at
ids before the rule), never another refusal such as 403 for a rule. Live mode sends probe ids here, so the
pairs start no task.
"""

from __future__ import annotations

import pytest
import requests

from contract_tests import probes, rules, sources, spec
from contract_tests.target import Target

LARGE = 10**9  # beyond any desktop count, within a 32-bit Integer
# (other, field): the value of the rule's bound (gray_count) and of its field (gray_fail_threshold).
BOUNDARIES = {
    "equal": (5, 5),
    "one below": (5, 4),
    "one above": (5, 6),
    "zero, zero": (0, 0),
    "zero below one": (1, 0),
    "large, equal": (LARGE, LARGE),
    "large, one below": (LARGE, LARGE - 1),
    "large, one above": (LARGE, LARGE + 1),
    "9 below 10": (10, 9),  # as text "9" sorts after "10"
    "10 above 9": (9, 10),
}


EXAMPLES = sorted(spec.request_examples())


@pytest.fixture(scope="module")
def valid_twins(contract_target: Target) -> dict[tuple[str, str], requests.Response]:
    """Per rule and example, the answer to the example without the rule's fields (sent once: it may
    start a task)."""
    answers = {}
    for constraint in rules.CONSTRAINTS:
        for example in EXAMPLES:
            body = probes.example(example, **{constraint.field: probes.DROP, constraint.other: probes.DROP})
            answers[constraint.name, example] = probes.post(contract_target, body)
    return answers


@pytest.mark.parametrize("constraint", rules.CONSTRAINTS, ids=lambda rule: rule.name)
@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize(("other", "field"), BOUNDARIES.values(), ids=BOUNDARIES.keys())
def test_rule_pair(
    contract_target: Target,
    valid_twins: dict[tuple[str, str], requests.Response],
    constraint: rules.Constraint,
    example: str,
    other: int,
    field: int,
) -> None:
    clause = f"Table 3 cross-field rule {constraint.name} ({constraint.message})"
    body = probes.example(example, **{constraint.other: other, constraint.field: field})
    values = f"{constraint.field}={field}, {constraint.other}={other} on example {example!r}"
    broken = constraint.broken_by(body)
    probes.judge_against_twin(
        valid_twins[constraint.name, example],
        probes.post(contract_target, body),
        f"{clause}: a body {'breaking it is refused with 400' if broken else 'keeping it is not refused'}",
        values,
        refused=broken,
        source=sources.of_rule(constraint.name),
    )
