"""The names in a JUnit report of the contract suite: every testcase its own, and every fuzzing item its
operation's (``test_operation_conforms[POST /v2/{project_id}/scripts]``), so a report tells which failed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from contract_tests import spec

FUZZ_CLASS = "contract_tests.test_fuzz"
FUZZ_TEST = "test_operation_conforms"


def testcases(junit: Path) -> list[tuple[str, str]]:
    """(classname, name) of every testcase of the report, in its order."""
    root = ET.parse(junit).getroot()
    return [(case.get("classname", ""), case.get("name", "")) for case in root.iter("testcase")]


def fuzz_names() -> set[str]:
    """The name of each operation's fuzzing item, as Schemathesis labels the operation."""
    return {
        f"{FUZZ_TEST}[{method.upper()} {path}]"
        for path, item in spec.load()["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and operation.get("operationId") in spec.FUZZED_OPERATIONS
    }


def problems(names: list[tuple[str, str]]) -> list[str]:
    """What is wrong with a report's names: a name given twice, a fuzzing item not named after its
    operation, an operation without one."""
    found = [
        f"{classname}::{name} appears {count} times"
        for (classname, name), count in Counter(names).items()
        if count > 1
    ]
    fuzzed = {name for classname, name in names if classname == FUZZ_CLASS}
    found += [f"fuzzing item {name!r} names no operation" for name in sorted(fuzzed - fuzz_names())]
    found += [f"no fuzzing item {name!r}" for name in sorted(fuzz_names() - fuzzed)]
    return found
