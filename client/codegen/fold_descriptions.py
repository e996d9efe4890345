"""Copy openapi.yaml with each description's paragraphs unfolded into single lines (before generation).

The contract's descriptions are hard-wrapped YAML blocks; the generator re-wraps every line it is given,
so a hard break after a long line left a stray short line in the middle of a sentence ("is\\n less\\n than").
Given one line per paragraph (list items kept apart), its wrapping alone decides where lines break.

The generator also documents a parameter by its schema's description, not the parameter's own: each
parameter's description is copied into its schema when the schema has none (a ``$ref`` schema is left as
it is), so that the endpoint docstrings say what ``offset`` or ``limit`` means.

Usage: python fold_descriptions.py OPENAPI_YAML OUTPUT_YAML
"""

import re
import sys
from pathlib import Path
from typing import Any

import yaml

LIST_ITEM = re.compile(r"\s*([*-]|\d+\.)\s")


def unfold(text: str) -> str:
    """Join each paragraph's lines; blank lines and list items still start new lines."""
    lines: list[str] = []
    for line in text.splitlines():
        joins = lines and lines[-1] and line.strip() and not LIST_ITEM.match(line)
        if joins:
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line.rstrip())
    return "\n".join(lines).strip()


def unfolded(node: Any) -> Any:
    if isinstance(node, list):
        return [unfolded(item) for item in node]
    if isinstance(node, dict):
        return {
            key: unfold(value) if key == "description" and isinstance(value, str) else unfolded(value)
            for key, value in node.items()
        }
    return node


def describe_parameter_schemas(spec: dict[str, Any]) -> None:
    """Give each parameter's schema (unless a ``$ref``, or described already) the parameter's description."""
    parameters = list(spec.get("components", {}).get("parameters", {}).values())
    for path_item in spec.get("paths", {}).values():
        parameters += path_item.get("parameters", [])
        for name, operation in path_item.items():
            if name != "parameters" and isinstance(operation, dict):
                parameters += operation.get("parameters", [])
    for parameter in parameters:
        schema = parameter.get("schema")
        undescribed = isinstance(schema, dict) and not {"$ref", "description"} & schema.keys()
        if undescribed and "description" in parameter:
            schema["description"] = parameter["description"]


def main(spec_path: str, output_path: str) -> None:
    spec = unfolded(yaml.safe_load(Path(spec_path).read_text(encoding="utf-8")))
    describe_parameter_schemas(spec)
    Path(output_path).write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
