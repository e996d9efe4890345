"""Ship the contract inside the package as ``openapi.json`` (a ``make generate`` post hook).

The client, the reference server and the contract suite all read the contract through
``workspace_scripts_client.contract``; JSON keeps that import free of a YAML dependency.

Usage: python write_contract.py OPENAPI_YAML OUTPUT_JSON
"""

import json
import sys
from pathlib import Path

import yaml


def main(spec_path: str, output_path: str) -> None:
    spec = yaml.safe_load(Path(spec_path).read_text(encoding="utf-8"))
    Path(output_path).write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
