"""Write the package's ``schemas.py``: openapi.yaml's component schemas without prose (a post hook).

The client validates request bodies (and reads answers) against these, bounds and ``x-constraints``
included, before anything is sent. A writer keeps the generator's own model template untouched.

Usage: python write_schemas.py OPENAPI_YAML OUTPUT_PY
"""

import pprint
import sys
from pathlib import Path
from typing import Any

import yaml

PROSE = {"description", "example", "examples", "title"}
REF_PREFIX = "#/components/schemas/"


def bare(schema: Any, components: dict[str, Any]) -> Any:
    """``schema`` with its prose dropped and its local ``$ref``s inlined."""
    if isinstance(schema, list):
        return [bare(item, components) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return bare(components[schema["$ref"].removeprefix(REF_PREFIX)], components)
    kept: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "properties":  # property names are data, not keywords: keep them all
            kept[key] = {name: bare(sub, components) for name, sub in value.items()}
        elif key not in PROSE:
            kept[key] = bare(value, components)
    return kept


def render(spec: dict[str, Any]) -> str:
    components = spec["components"]["schemas"]
    schemas = {name: bare(schema, components) for name, schema in components.items()}
    return (
        '"""openapi.yaml\'s schemas by model name, without prose (written by make generate)."""\n\n'
        "from typing import Any\n\n"
        f"SCHEMAS: dict[str, dict[str, Any]] = {pprint.pformat(schemas, width=110, sort_dicts=True)}\n"
    )


def main(spec_path: str, output_path: str) -> None:
    spec = yaml.safe_load(Path(spec_path).read_text(encoding="utf-8"))
    Path(output_path).write_text(render(spec), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
