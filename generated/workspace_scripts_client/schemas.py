"""openapi.yaml's schemas by model name, without prose (written by make generate)."""

from typing import Any

SCHEMAS: dict[str, dict[str, Any]] = {
    "ErrorResponse": {
        "properties": {"error_code": {"type": "string"}, "error_msg": {"type": "string"}},
        "required": ["error_code", "error_msg"],
        "type": "object",
    },
    "ExecuteScriptOrCommandReq": {
        "properties": {
            "execution_timeout": {"minimum": 0, "type": "integer"},
            "gray_count": {"minimum": 0, "type": "integer"},
            "gray_fail_threshold": {"minimum": 0, "type": "integer"},
            "gray_resource_ids": {"items": {"type": "string"}, "type": "array"},
            "resource_ids": {"items": {"type": "string"}, "type": "array"},
            "resource_type": {"type": "string"},
            "script_ids": {"items": {"type": "string"}, "type": "array"},
        },
        "type": "object",
        "x-constraints": [
            {
                "applies_when": "both fields are present",
                "field": "gray_fail_threshold",
                "kind": "less_than",
                "message": "gray_fail_threshold must be less than gray_count",
                "name": "gray_fail_threshold_below_gray_count",
                "other": "gray_count",
            }
        ],
    },
    "ExecuteScriptOrCommandResponse": {
        "properties": {"task_id": {"type": "string"}},
        "required": ["task_id"],
        "type": "object",
    },
}
