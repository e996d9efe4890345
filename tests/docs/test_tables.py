"""Tables of docs/ that the code can write are checked against the code, so the pages cannot drift."""

from __future__ import annotations

from reference_server import errors
from tests.docs.tables import cells, code_span, table_after


def test_the_error_code_table_is_the_servers() -> None:
    rows = table_after("errors.md", ["code", "status", "when"])
    documented = [(code_span(code), int(status)) for code, status, _ in rows]
    assert documented == [(error.code, error.status) for error in errors.ALL_CODES]


def test_cells_split_on_unescaped_bars_only() -> None:
    row = "| `--bundled-auth token\\|aksk` | which | x |"
    assert cells(row) == ["`--bundled-auth token|aksk`", "which", "x"]
