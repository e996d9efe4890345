"""Differential pairs for the documented cross-field rule: two bodies that differ only in the rule's fields.

When the twin without the rule's fields is accepted, nothing but the rule can explain a refusal of the
other: a body breaking the rule must get exactly 400 (not 403, 404 or 422), and a body keeping it must be
accepted. The boundaries of ``gray_fail_threshold < gray_count``: equal, one below, one above, zero,
large values, and values whose decimal text sorts the other way than their numbers (9 vs 10).

Live mode: the valid twin is sent once per rule; with probe ids a real service answers 404 and every pair
is skipped (a server may check ids before the rule, so 404-vs-400 tells nothing); with sandbox ids the
accepted twin and each kept-rule body start a task, the broken ones are refused and start none.
"""

from __future__ import annotations

import pytest
import requests

from contract_tests import probes, report, rules, sources, spec
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
    probes.require_accepted(valid_twins[constraint.name, example], f"{clause}, example {example!r}")
    body = probes.example(example, **{constraint.other: other, constraint.field: field})
    values = f"{constraint.field}={field}, {constraint.other}={other} on example {example!r}"
    response = probes.post(contract_target, body)
    if constraint.broken_by(body):
        probes.expect_status(
            response,
            f"{clause}: a body breaking it is refused with exactly 400 when its twin without the two "
            "fields is accepted",
            {400},
            values,
            source=sources.of_rule(constraint.name),
        )
    else:
        report.expect(
            response.status_code == 200,
            f"{clause}: a body keeping it is accepted when its twin without the two fields is",
            f"{values}: expected 200, got {response.status_code}",
            response,
            source=sources.of_rule(constraint.name),
        )
