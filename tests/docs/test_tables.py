"""Tables of docs/ that the code can write are checked against the code, so the pages cannot drift."""

from __future__ import annotations

import ast
import fnmatch
import json
import re
from pathlib import Path
from typing import Any

from contract_tests import live, settings, sources, target, unchecked
from reference_server import errors, validation
from tests.docs.tables import DOCS, ROOT, cells, code_span, table_after


def test_the_error_code_table_is_the_servers() -> None:
    rows = table_after("errors.md", ["code", "status", "when"])
    documented = [(code_span(code), int(status)) for code, status, _ in rows]
    assert documented == [(error.code, error.status) for error in errors.ALL_CODES]


def test_cells_split_on_unescaped_bars_only() -> None:
    row = "| `--bundled-auth token\\|aksk` | which | x |"
    assert cells(row) == ["`--bundled-auth token|aksk`", "which", "x"]


def _fault_field_row(name: str, field: dict[str, Any], required: list[str]) -> list[str]:
    """The row docs/server.md gives a field of the fault body, written from the schema."""
    types = field["type"] if isinstance(field["type"], list) else [field["type"]]
    if "enum" in field:
        words = ["null" if value is None else str(value) for value in field["enum"]]
        values = ", ".join(words[:-1]) + " or " + words[-1]
    elif field["type"] == "boolean":
        values = "true or false"
    else:
        values = f"{field['minimum']} to {field['maximum']}"
    default = "required" if name in required else json.dumps(field["default"])
    return [f"`{name}`", " or ".join(types), values, default]


def test_the_fault_body_table_is_the_servers_schema() -> None:
    schema = validation.FAULT_REQUEST_SCHEMA
    expected = [
        _fault_field_row(name, field, schema["required"]) for name, field in schema["properties"].items()
    ]
    assert table_after("server.md", ["field", "type", "values", "default"]) == expected


def _option_name(node: ast.expr) -> str:
    """An option's name as conftest.py spells it: a string, or a constant of the live or unchecked module."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    modules = {"live": live, "unchecked": unchecked}
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
        return str(getattr(modules[node.value.id], node.attr))
    raise AssertionError(f"conftest.py names an option in a way this test cannot read: {ast.dump(node)}")


def _registered_options() -> set[str]:
    """The options contract_tests/conftest.py registers (``addoption("--name", ...)``)."""
    tree = ast.parse((ROOT / "contract_tests" / "conftest.py").read_text(encoding="utf-8"))
    return {
        _option_name(call.args[0])
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "addoption"
    }


def test_the_option_tables_are_the_suites_options() -> None:
    """suite.md and live-mode.md document every option the suite registers, and no other (but pytest's
    own --strict), with the environment variables the suite reads."""
    documented: set[str] = set()
    variables: set[str] = set()
    for page in ("suite.md", "live-mode.md"):
        for option, _meaning in table_after(page, ["option", "meaning"]):
            documented.update(re.findall(r"`(--[a-z-]+)", option))
            variables.update(re.findall(r"`([A-Z][A-Z_]+)`", option))
    registered = _registered_options()
    assert len(registered) > 15, registered
    assert documented - {"--strict"} == registered
    assert variables == {*target.ENV.values(), live.ENV_DESKTOPS, live.ENV_SCRIPTS, live.ENV_DESKTOP_TAG}


CLAUSE_HEADER = ["clause", "checked by", "source"]
SUITE = ROOT / "contract_tests"
# Where a row's clause is checked while fuzzing: test_fuzz.py, and Schemathesis' own checks it names.
FUZZING = "fuzzing"


def _clause_rows() -> list[list[str]]:
    """Every row of every clause table in docs/ (clauses.md, and the pages that add operations' clauses)."""
    rows = []
    for page in sorted(DOCS.glob("*.md")):
        if any(
            line.startswith("|") and cells(line) == CLAUSE_HEADER for line in page.read_text().splitlines()
        ):
            rows += table_after(page.name, CLAUSE_HEADER)
    return rows


def _test_functions() -> dict[str, list[str]]:
    """Each test file of the suite -> the test functions it defines."""
    found = {}
    for path in sorted(SUITE.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found[path.name] = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
        ]
    return found


def _fuzzing_checks() -> set[str]:
    """The checks test_fuzz.py runs on every fuzzed answer (its ``*_CHECKS`` lists)."""
    tree = ast.parse((SUITE / "test_fuzz.py").read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id.endswith("_CHECKS") for target in node.targets
        ):
            assert isinstance(node.value, ast.List)
            for item in node.value.elts:
                found.add(item.attr if isinstance(item, ast.Attribute) else ast.unparse(item))
    return found


def _named_sources(path: Path) -> set[str]:
    """The clause sources a suite file names itself (``sources.PAGE`` ...); those it reads from the
    contract (``sources.of_rule``, ``of_invalid_body``) are left to the contract's own tests."""
    constants = {
        "PAGE": sources.PAGE,
        "HTTP": sources.HTTP,
        "ASSUMPTION": sources.ASSUMPTION,
        "SDK": sources.SDK,
    }
    return {
        constants[node.attr]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "sources"
        and node.attr in constants
    }


def _row_sources(cell: str) -> set[str]:
    return set(re.findall(rf"\b({'|'.join(sources.SOURCES)})\b", cell))


def test_clause_tables_name_only_what_exists() -> None:
    """Every test file, test function (or pattern) and Schemathesis check a clause row names exists."""
    functions = _test_functions()
    all_functions = [name for names in functions.values() for name in names]
    rows = _clause_rows()
    assert len(rows) >= 25
    for clause, checked_by, source in rows:
        assert _row_sources(source) or source == "(warning)", f"no known source in {source!r} ({clause})"
        for name in re.findall(r"`([a-z0-9_*.]+)`", checked_by):
            if name.endswith(".py"):
                assert name in functions, f"{clause}: no contract_tests/{name}"
            elif name.startswith("test_"):
                assert fnmatch.filter(all_functions, name), f"{clause}: no test function {name}"
            else:
                assert name in _fuzzing_checks(), f"{clause}: test_fuzz.py runs no check {name}"


def test_every_suite_test_has_a_clause_row() -> None:
    """A test added to the suite without a row in a clause table fails here: document it, with its source."""
    rows = _clause_rows()
    for file, names in _test_functions().items():
        for name in names:
            covering = [
                row
                for row in rows
                if f"`{file}`" in row[1]
                or any(
                    fnmatch.fnmatch(name, pattern) for pattern in re.findall(r"`(test_[a-z0-9_*]+)`", row[1])
                )
                or (file == "test_fuzz.py" and FUZZING in row[1])
            ]
            assert covering, f"contract_tests/{file}::{name} is in no clause table of docs/"


def test_each_suite_file_s_own_sources_are_in_its_rows() -> None:
    """A test file that labels a failure with a source its rows do not list fails here. Rows about
    "every answer (or error) a clause test" gets or provokes apply to every clause test file."""
    rows = _clause_rows()
    general = set().union(*(_row_sources(row[2]) for row in rows if "a clause test" in row[1]))
    for file, names in _test_functions().items():
        documented = set(general)
        for _clause, checked_by, source in rows:
            patterns = re.findall(r"`(test_[a-z0-9_*]+)`", checked_by)
            if f"`{file}`" in checked_by or any(fnmatch.filter(names, pattern) for pattern in patterns):
                documented |= _row_sources(source)
        named = _named_sources(SUITE / file)
        assert named <= documented, f"{file} labels failures {sorted(named - documented)}: not in its rows"


def test_the_fatal_sources_table_is_the_suites() -> None:
    bundled = target.Target("", "p", token="t", bundled=True)
    other = target.Target("https://example.invalid", "p", token="t")
    columns = {
        "bundled server": settings.Settings(bundled, 0, 1, 1.0),
        "another server": settings.Settings(other, 0, 1, 1.0),
        "another server, live mode": settings.Settings(other, 0, 1, 1.0, live=True),
        "with `--strict`": settings.Settings(other, 0, 1, 1.0, live=True, strict=True),
    }
    header = ["source", *columns]
    verdict = {True: "fails the run", False: "xfailed"}
    expected = [
        [f"`{source}`", *(verdict[settings.is_fatal(source, run)] for run in columns.values())]
        for source in sources.SOURCES
    ]
    assert table_after("clauses.md", header) == expected
