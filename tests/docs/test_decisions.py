"""docs/decisions.md lists every labelled statement of openapi.yaml, so no assumption goes unlisted."""

from __future__ import annotations

from tests.docs import decisions


def test_the_page_holds_the_contracts_table() -> None:
    assert decisions.page_table() == decisions.table(), (
        "docs/decisions.md differs from openapi.yaml's labels: "
        "run `.venv/bin/python -m tests.docs.decisions --write`"
    )


def test_every_label_is_a_known_source_and_the_status_values_are_assumptions() -> None:
    rows = decisions.rows()
    assert {source for _, source, _ in rows} <= {"page", "sdk", "sdk-assumption", "assumption"}
    labelled = {what: source for what, source, _ in rows}
    assert labelled["`TaskStatus`"] == labelled["`RecordStatus`"] == "assumption"
    assert labelled["ExecuteScriptOrCommand: gray_threshold_reached"] == "assumption"
    assert all(text for _, _, text in rows), "a labelled statement without words"
