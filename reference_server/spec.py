"""Locates and reads the contract (openapi.yaml).

``reference_server/openapi.yaml`` is a symlink to the repository's root ``openapi.yaml``: in a checkout
(or an editable install) it *is* the root file; when a wheel is built, setuptools copies the file it
points to as package data, so an installed server carries the contract it was built from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).with_name("openapi.yaml")
REQUEST_SCHEMA = "ExecuteScriptOrCommandReq"


@cache
def load_spec() -> dict[str, Any]:
    if not SPEC_PATH.is_file():
        raise FileNotFoundError(
            f"{SPEC_PATH} is missing: it should link to (or be a copy of) the repository's openapi.yaml"
        )
    with SPEC_PATH.open(encoding="utf-8") as stream:
        spec: dict[str, Any] = yaml.safe_load(stream)
    return spec


def request_schema() -> dict[str, Any]:
    schema: dict[str, Any] = load_spec()["components"]["schemas"][REQUEST_SCHEMA]
    return schema
