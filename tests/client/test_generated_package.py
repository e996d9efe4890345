"""The generated package as shipped: lean generator overrides that an upgrade cannot silently undo,
readable docstrings, and package metadata (version, ranges, LICENSE in the wheel)."""

from __future__ import annotations

import ast
import hashlib
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import openapi_python_client
import workspace_scripts_client
import yaml

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "client" / "templates"
UPSTREAM = Path(openapi_python_client.__file__).parent / "templates"
REVIEWED = ROOT / "client" / "codegen" / "upstream-templates.sha256"
GENERATED = ROOT / "generated"
PACKAGE = GENERATED / "workspace_scripts_client"


def reviewed_hashes() -> dict[str, str]:
    lines = REVIEWED.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if not line.startswith("#"))}


def override_files() -> list[Path]:
    """Every file of client/templates, those of its folders (property_templates/) included."""
    return [path for path in OVERRIDES.rglob("*") if path.is_file()]


def test_every_override_of_an_upstream_template_has_a_reviewed_hash() -> None:
    names = {path.relative_to(OVERRIDES).as_posix() for path in override_files()}
    assert {name for name in names if (UPSTREAM / name).exists()} == reviewed_hashes().keys()


def test_the_installed_generator_still_has_the_reviewed_templates() -> None:
    # Fails on a generator upgrade that changed a template we override: compare its new version with ours,
    # carry the change over (or not), then record the new hash in client/codegen/upstream-templates.sha256.
    for name, digest in reviewed_hashes().items():
        current = hashlib.sha256((UPSTREAM / name).read_bytes()).hexdigest()
        assert current == digest, f"upstream {name} changed in openapi-python-client: review our override"


def test_overrides_are_templates_and_plain_modules_are_not() -> None:
    for path in override_files():
        assert re.search(r"{[{%]", path.read_text(encoding="utf-8")), f"{path.name} holds no Jinja"
    assert not list(OVERRIDES.rglob("*.py"))


def docstrings() -> list[tuple[str, str]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                text = ast.get_docstring(node, clean=False)
                if text:
                    found.append((f"{path.relative_to(GENERATED)}:{getattr(node, 'name', '')}", text))
    return found


def stray_breaks(text: str) -> list[str]:
    """Short lines that end mid-sentence while the next line carries on the same sentence."""
    lines = text.splitlines()
    return [
        f"{line.strip()!r} / {after.strip()!r}"
        for line, after in zip(lines, lines[1:], strict=False)
        if 0 < len(line.strip()) < 30
        and not line.rstrip().endswith((":", ".", ")"))
        and re.match(r"[a-z`]", after.strip())
    ]


def test_generated_docstrings_do_not_break_lines_mid_sentence() -> None:
    assert stray_breaks("value is\n    less\n    than `gray_count`") == [
        "'value is' / 'less'",
        "'less' / 'than `gray_count`'",
    ]
    broken = {where: stray_breaks(text) for where, text in docstrings() if stray_breaks(text)}
    assert broken == {}


def test_endpoint_docstrings_list_the_errors_this_client_adds() -> None:
    endpoint = (PACKAGE / "api" / "script" / "execute_script_or_command.py").read_text(encoding="utf-8")
    for error in ("ValueError:", "validation.RequestValidationError:", "errors.ApiError:"):
        assert endpoint.count(error) == 4  # sync, sync_detailed, asyncio, asyncio_detailed


def test_the_version_is_the_contracts_and_the_packages() -> None:
    contract = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    project = tomllib.loads((GENERATED / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert workspace_scripts_client.__version__ == project["version"] == contract["info"]["version"]


def test_dependencies_are_ranges_not_pins() -> None:
    project = tomllib.loads((GENERATED / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=!~]", requirement)[0] for requirement in project["dependencies"]]
    assert names == ["httpx", "attrs", "jsonschema-rs", "fastjsonschema", "msgspec", "tenacity"]
    assert all(">=" in requirement and "==" not in requirement for requirement in project["dependencies"])
    assert "httpx>=0.23.1,<0.29.0" not in project["dependencies"]  # the generator's pin, not ours


def test_the_wheel_ships_the_repositorys_license(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(GENERATED)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        licenses = [name for name in archive.namelist() if name.endswith("licenses/LICENSE")]
        assert len(licenses) == 1
        assert archive.read(licenses[0]) == (ROOT / "LICENSE").read_bytes()
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA"))).decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert "Requires-Dist: httpx>=0.27,<0.29" in metadata


def test_from_dict_passes_every_field_in_the_order_the_class_takes_them() -> None:
    # The model template calls cls(...) positionally (cheaper than keywords): a value in the wrong place
    # would land in another field of the same type unnoticed, so the order is checked against attrs' own.
    import attrs  # noqa: PLC0415
    from workspace_scripts_client import models  # noqa: PLC0415

    checked = 0
    for path in sorted((PACKAGE / "models").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.FunctionDef) and node.name == "from_dict"):
                continue
            calls = [c for c in ast.walk(node) if isinstance(c, ast.Call) and ast.unparse(c.func) == "cls"]
            assert len(calls) == 1 and not calls[0].keywords, path.name
            passed = [arg.id for arg in calls[0].args if isinstance(arg, ast.Name)]
            classes = [getattr(models, name) for name in models.__all__]
            cls = next(c for c in classes if c.__module__.endswith(f".{path.stem}"))
            assert passed == [field.name for field in attrs.fields(cls) if field.init], path.name
            checked += 1
    assert checked >= 20
