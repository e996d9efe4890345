"""The state layer's public names in one place (each lives in a module of its own), so that
``from reference_server.models import ...`` keeps working."""

from __future__ import annotations

from .calls import Reply, Request, ServiceCall
from .credentials import Credential
from .faults import Fault, FaultPlan
from .gray_plan import gray_plan
from .inventory import Inventory
from .progress.clock import Clock
from .progress.engine import Engine
from .progress.outcomes import OutcomeBook, OutcomeRule
from .scripts.models import ScriptLibrary
from .service import ScriptService
from .store import TaskStore, new_task_id

__all__ = [
    "Clock",
    "Credential",
    "Engine",
    "Fault",
    "FaultPlan",
    "Inventory",
    "OutcomeBook",
    "OutcomeRule",
    "Reply",
    "Request",
    "ScriptLibrary",
    "ScriptService",
    "ServiceCall",
    "TaskStore",
    "gray_plan",
    "new_task_id",
]
