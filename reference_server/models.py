"""The state layer's public names in one place (each lives in a module of its own), so that
``from reference_server.models import ...`` keeps working."""

from __future__ import annotations

from .credentials import Credential
from .faults import Fault, FaultPlan
from .gray_plan import gray_plan
from .inventory import Inventory
from .service import ScriptService, ServiceCall
from .store import TaskStore, new_task_id

__all__ = [
    "Credential",
    "Fault",
    "FaultPlan",
    "Inventory",
    "ScriptService",
    "ServiceCall",
    "TaskStore",
    "gray_plan",
    "new_task_id",
]
