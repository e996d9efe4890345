"""The server's own input files (credentials, inventory), checked against small JSON Schemas so that a
mistake stops start-up with a message naming the file and the entry, instead of surfacing later as a
refused request or a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastjsonschema
import yaml
from workspace_scripts_client import schema_errors

DRAFT4 = "http://json-schema.org/draft-04/schema#"
_TEXT = {"type": "string", "minLength": 1}
# A script seeded into the library, or a desktop with a name and tags (for ExecuteScriptByDesktopTag).
# An entry is an id (string) or an object (JSON Schema applies minLength to strings only, the rest to
# objects only), so a mistake gets one plain message such as "must be string or object".
_SCRIPT = {
    "type": ["string", "object"],
    "minLength": 1,
    "required": ["id"],
    "properties": {
        "id": _TEXT,
        "name": {"type": "string"},
        "type": {"enum": ["POWERSHELL", "BAT", "SHELL"]},
        "content": _TEXT,
        "description": {"type": "string"},
        "version": {"type": "string"},
    },
    "additionalProperties": False,
}
_DESKTOP = {
    "type": ["string", "object"],
    "minLength": 1,
    "required": ["id"],
    "properties": {"id": _TEXT, "name": {"type": "string"}, "tags": {"type": "array", "items": _TEXT}},
    "additionalProperties": False,
}

CREDENTIALS_FILE = fastjsonschema.compile(
    {
        "$schema": DRAFT4,
        "type": "array",
        "items": {
            "type": "object",
            "required": ["project_id"],
            "properties": {"project_id": _TEXT, "token": _TEXT, "ak": _TEXT, "sk": _TEXT},
            "additionalProperties": False,
        },
    }
)

INVENTORY_FILE = fastjsonschema.compile(
    {
        "$schema": DRAFT4,
        "type": "object",
        "required": ["projects"],
        "properties": {
            "projects": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "scripts": {"type": "array", "items": _SCRIPT},
                        "desktops": {"type": "array", "items": _DESKTOP},
                        "outcomes": {"type": "array", "items": {"type": "object"}},
                    },
                    "additionalProperties": False,
                },
            }
        },
        "additionalProperties": False,
    }
)

# YAML reads unquoted 0123 as a number (octal, even): where a number stands for an id, the message says how.
_HINT = " (quote ids that look like numbers)"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class ConfigFileError(ValueError):
    """A credentials or inventory file that cannot be used; the message names the file."""


def read(path: str | Path, validate: Any) -> Any:
    """The YAML/JSON document at ``path``, validated; ConfigFileError otherwise."""
    try:
        with open(path, encoding="utf-8") as stream:
            document = yaml.safe_load(stream)
        return validate(document)
    except OSError as exc:
        raise ConfigFileError(f"{path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigFileError(f"{path}: not valid YAML or JSON: {exc}") from None
    except fastjsonschema.JsonSchemaValueException as exc:
        hint = _HINT if exc.rule == "type" and _is_number(exc.value) else ""
        problem = schema_errors.describe(exc, root="the file")
        raise ConfigFileError(f"{path}: {problem.message}{hint}") from None
