"""The ``/_reference/`` endpoints: the fake's own controls, for tests and tools (not the service's).

| endpoint | does |
| --- | --- |
| GET tasks / records / scripts | everything stored, every project, oldest first (records: ``?task_id=``) |
| POST reset | every task, record and script gone, faults off, clock real, inventory's outcomes |
| POST faults | arm faults for the next service requests |
| GET / POST clock | read it; move it: ``freeze``, ``resume``, ``advance_seconds``, ``run_until_idle`` |
| GET / POST / DELETE outcomes | list, add one rule, remove every rule |
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import fastjsonschema

from .. import errors
from ..errors import ServiceError
from ..progress.clock import iso_time
from ..progress.outcomes import OutcomeRule
from ..records.models import all_records

if TYPE_CHECKING:
    from ..service import ScriptService

AdminHandler = Callable[["ScriptService", Any, str], tuple[int, Any]]

CLOCK_REQUEST = fastjsonschema.compile(
    {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "properties": {
            "freeze": {"type": "boolean"},
            "resume": {"type": "boolean"},
            "advance_seconds": {"type": "number", "minimum": 0, "maximum": 10 * 365 * 86400},
            "run_until_idle": {"type": "boolean"},
        },
        "additionalProperties": False,
    }
)


def clock_state(service: ScriptService) -> dict[str, Any]:
    now = service.engine.catch_up()
    return {
        "now": iso_time(now),
        "now_seconds": now,
        "frozen": service.clock.frozen,
        "pending_records": service.engine.pending(),
    }


def move_clock(service: ScriptService, body: Any) -> dict[str, Any]:
    """Applies, in this order: freeze, advance_seconds, run_until_idle, resume."""
    try:
        request = CLOCK_REQUEST(body if body is not None else {})
    except fastjsonschema.JsonSchemaValueException as exc:
        raise ServiceError(errors.SCHEMA_VIOLATION, f"Invalid clock request: {exc.message}") from None
    if request.get("freeze"):
        service.clock.freeze()
    if "advance_seconds" in request:
        service.engine.advance(float(request["advance_seconds"]))
    if request.get("run_until_idle"):
        service.engine.run_until_idle()
    if request.get("resume"):
        service.clock.resume()
    return clock_state(service)


def _records(service: ScriptService, query_string: str) -> dict[str, Any]:
    service.engine.catch_up()
    task_id = parse_qs(query_string).get("task_id", [None])[-1]
    return {"records": all_records(service.store, task_id)}


def _tasks(service: ScriptService) -> dict[str, Any]:
    service.engine.catch_up()
    return {"tasks": service.store.all()}


def _add_outcome(service: ScriptService, body: Any) -> dict[str, Any]:
    return {"rules": service.outcomes.add(OutcomeRule.parse(body))}


def _clear_outcomes(service: ScriptService) -> dict[str, Any]:
    service.outcomes.replace([])
    return {"rules": 0}


def _reset(service: ScriptService) -> dict[str, Any]:
    service.reset()
    return {"reset": True}


# name -> {method: handler(service, body, query_string) -> (status, payload)}
ENDPOINTS: Mapping[str, Mapping[str, AdminHandler]] = {
    "tasks": {"GET": lambda service, _body, _query: (200, _tasks(service))},
    "records": {"GET": lambda service, _body, query: (200, _records(service, query))},
    "scripts": {"GET": lambda service, _body, _query: (200, {"scripts": service.library.all()})},
    "reset": {"POST": lambda service, _body, _query: (200, _reset(service))},
    "faults": {"POST": lambda service, body, _query: (200, {"armed": service.arm_faults(body)})},
    "clock": {
        "GET": lambda service, _body, _query: (200, clock_state(service)),
        "POST": lambda service, body, _query: (200, move_clock(service, body)),
    },
    "outcomes": {
        "GET": lambda service, _body, _query: (
            200,
            {"rules": [r.as_dict() for r in service.outcomes.rules()]},
        ),
        "POST": lambda service, body, _query: (200, _add_outcome(service, body)),
        "DELETE": lambda service, _body, _query: (200, _clear_outcomes(service)),
    },
}
