"""The route table (reference_server/operations.py) is the contract's: every path, method and
operationId, each with a handler; and the server builds a validator for each."""

from __future__ import annotations

from reference_server import create_app
from reference_server.operations import HANDLERS, ROUTES
from reference_server.spec import load_spec

from .constants import CREDENTIALS


def test_every_operation_of_the_contract_is_routed_to_its_handler() -> None:
    contract = {
        (path, method.upper()): operation["operationId"]
        for path, item in load_spec()["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
    }
    routed = {
        (path, method): operation for path, methods in ROUTES.items() for method, operation in methods.items()
    }
    assert routed == contract
    assert set(HANDLERS) == set(contract.values())
    assert create_app(credentials=CREDENTIALS).service.operations == set(contract.values())
