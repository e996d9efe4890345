"""Every fuzzing item is named after its operation, in its node id and so in JUnit (a pytest plugin,
``conftest.pytest_plugins``).

Schemathesis names each item ``test_operation_conforms[POST /v2/{project_id}/scripts]``, one per operation,
but pytest 9.2 builds a function's node id from its ``originalname`` and its ``pytest.mark.parametrize`` ids
alone, and Schemathesis' items have none of those: all twelve got the node id
``contract_tests/test_fuzz.py::test_operation_conforms``, and the same JUnit testcase name, so a report could
not tell which operation failed. The node id is set back to the parent's id and the item's own name.
Earlier pytest releases (the package allows 9.0 on) build the id from the name already, and have no
structured id to set: there the hook does nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from schemathesis.pytest.plugin import SchemathesisFunction

NodeId: Any
try:
    from _pytest.nodeid import NodeId  # pytest 9.2's structured node id (``Node._id``)
except ImportError:  # before 9.2: the id is the name's, as it should be
    NodeId = None


def named_id(item: pytest.Item) -> Any:
    """The node id an item should have: its parent's, then its own name (``test_x[label]``)."""
    assert item.parent is not None
    return NodeId.parse(f"{item.parent.nodeid}::{item.name}")


def pytest_itemcollected(item: pytest.Item) -> None:
    # Before -k, --deselect and pytest-xdist read the ids (all of them come after collection).
    if NodeId is None or not isinstance(item, SchemathesisFunction):
        return
    if item.nodeid != str(named := named_id(item)):
        item._id = named
