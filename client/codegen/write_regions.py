"""Write the package's ``regions.py`` from openapi.yaml's server variable (a ``make generate`` post hook).

openapi-python-client does not pass ``servers`` to its templates, so this hook reads them itself: the region
list then lives in the contract only, never retyped.

Usage: python write_regions.py OPENAPI_YAML OUTPUT_PY
"""

import sys
from pathlib import Path

import yaml


def render(spec: dict) -> str:
    server = spec["servers"][0]
    region = server["variables"]["region"]
    regions = ",\n".join(f"    {name!r}" for name in region["enum"])
    return (
        '"""Regions and endpoint of the service, from openapi.yaml (written by make generate)."""\n\n'
        f"ENDPOINT_TEMPLATE = {server['url']!r}\n"
        f"DEFAULT_REGION = {region['default']!r}\n"
        f"REGIONS: tuple[str, ...] = (\n{regions},\n)\n"
    )


def main(spec_path: str, output_path: str) -> None:
    spec = yaml.safe_load(Path(spec_path).read_text(encoding="utf-8"))
    Path(output_path).write_text(render(spec), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
