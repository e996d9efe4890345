"""Every fuzzing item is named after its operation, in its node id and so in JUnit (a pytest plugin,
``conftest.pytest_plugins``).

Schemathesis names each item ``test_operation_conforms[POST /v2/{project_id}/scripts]``, one per operation,
but pytest 9.2 builds a function's node id from its ``originalname`` and its ``pytest.mark.parametrize`` ids
alone, and Schemathesis' items have none of those: all twelve got the node id
``contract_tests/test_fuzz.py::test_operation_conforms``, and the same JUnit testcase name, so a report could
not tell which operation failed. The node id is set back to the parent's id and the item's own name.
"""

from __future__ import annotations

import pytest
from _pytest.nodeid import NodeId  # pytest 9.2's structured node id (``Node._id``)
from schemathesis.pytest.plugin import SchemathesisFunction


def named_id(item: pytest.Item) -> NodeId:
    """The node id an item should have: its parent's, then its own name (``test_x[label]``)."""
    assert item.parent is not None
    return NodeId.parse(f"{item.parent.nodeid}::{item.name}")


def pytest_itemcollected(item: pytest.Item) -> None:
    # Before -k, --deselect and pytest-xdist read the ids (all of them come after collection).
    if isinstance(item, SchemathesisFunction) and item.nodeid != str(named := named_id(item)):
        item._id = named
