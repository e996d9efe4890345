"""The contract, as the client package ships it (``workspace_scripts_client.contract``).

An installed server reads the copy of openapi.yaml inside the client package it depends on, so it carries
the contract it was built from; in a checkout, ``make generate`` keeps that copy equal to openapi.yaml.
"""

from __future__ import annotations

from workspace_scripts_client.contract import REQUEST_SCHEMA, SPEC_PATH, load_spec, request_schema

__all__ = ["REQUEST_SCHEMA", "SPEC_PATH", "load_spec", "request_schema"]
