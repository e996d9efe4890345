"""How a task's desktops split into the gray (first) batch and the rest."""

from __future__ import annotations

from typing import Any


def gray_plan(request: dict[str, Any]) -> dict[str, Any] | None:
    """First batch (``gray_resource_ids``, else the first ``gray_count`` desktops), then the rest.

    ``None`` when the request asks for no gray rollout."""
    gray_ids = request.get("gray_resource_ids")
    gray_count = request.get("gray_count")
    if gray_ids is None and gray_count is None:
        return None
    resources = request.get("resource_ids", [])
    first = list(gray_ids) if gray_ids is not None else resources[:gray_count]
    in_first = set(first)
    return {
        "first_batch": first,
        "remaining": [resource for resource in resources if resource not in in_first],
        "fail_threshold": request.get("gray_fail_threshold"),
    }
