"""Nothing of the single-page README (857 lines, up to the move to docs/) was lost: each of its sections,
and each of its paragraph headings, is a heading of the page that now holds it."""

from __future__ import annotations

import re

import pytest

from tests.docs.tables import DOCS

# The old README's heading (or bold paragraph heading) -> (the page, the heading it has there).
MOVED = {
    "workspace-scripts toolkit": ("index.md", "workspace-scripts toolkit"),
    "Layout": ("design.md", "Layout"),
    "Make targets": ("index.md", "Make targets"),
    "The contract": ("contract.md", "The contract"),
    "Scripts or commands": ("contract.md", "Scripts or commands"),
    "Client": ("client.md", "Client"),
    "Token or AK/SK, by region or endpoint": ("client.md", "Token or AK/SK, by region or endpoint"),
    "Raising instead of returning errors": ("client.md", "Raising instead of returning errors"),
    "A command instead of scripts": ("client.md", "A command instead of scripts"),
    "Signed headers": ("client.md", "Signed headers"),
    "Errors": ("client.md", "Errors"),
    "Validation before sending": ("client.md", "Validation before sending"),
    "Retries": ("client.md", "Retries"),
    "Async": ("client.md", "Async"),
    "Coming from the official SDK": ("client.md", "Coming from the official SDK"),
    "make bench-client (in Client)": ("benchmarks.md", "Client"),
    "Reference server": ("server.md", "Reference server"),
    "Start": ("server.md", "Start"),
    "Exposed beyond loopback": ("server.md", "Exposed beyond loopback"),
    "Slow and numerous clients": ("server.md", "Slow and numerous clients"),
    "Storage faults": ("server.md", "Storage faults"),
    "Layout of `reference_server/`": ("server.md", "Layout of `reference_server/`"),
    "Authentication": ("server.md", "Authentication"),
    "Inventory": ("server.md", "Inventory"),
    "What a task records": ("server.md", "What a task records"),
    "Test endpoints (`/_reference/...`, ...)": ("server.md", "Test endpoints"),
    "Answers and error codes": ("errors.md", "Answers of the reference server"),
    "Tests and benchmark (tests)": ("server.md", "Tests"),
    "Tests and benchmark (benchmark)": ("benchmarks.md", "Reference server"),
    "Using the fake in your own tests": ("plugin.md", "Using the fake in your own tests"),
    "Cost": ("benchmarks.md", "Pytest plugin"),
    "Contract tests": ("suite.md", "Contract suite"),
    "Options": ("suite.md", "Options"),
    "What is checked": ("clauses.md", "What is checked"),
    "Which failures fail the run": ("clauses.md", "Which failures fail the run"),
    "Reading a failure": ("suite.md", "Reading a failure"),
    "Replay": ("suite.md", "Replay"),
    "No secret in any output": ("suite.md", "No secret in any output"),
    "CI": ("suite.md", "CI"),
    "Depth clauses": ("clauses.md", "Depth clauses"),
    "Does the suite catch broken servers?": ("benchmarks.md", "Kill table"),
    "Running against the real service": ("live-mode.md", "Live mode: running against the real service"),
    "Preflight, in every mode": ("live-mode.md", "Preflight, in every mode"),
    "What live mode promises": ("live-mode.md", "What live mode promises"),
    "What it does not promise": ("live-mode.md", "What it does not promise"),
    "What live mode still tests": ("live-mode.md", "What live mode still tests"),
}


def headings(page: str) -> set[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)  # not a comment in a code block
    return {match.group(1).strip() for match in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


@pytest.mark.parametrize("old", sorted(MOVED))
def test_each_old_section_has_a_place(old: str) -> None:
    page, heading = MOVED[old]
    assert heading in headings(page), f"the README's {old!r} should be {page}'s heading {heading!r}"


def test_the_readme_stays_a_front_door() -> None:
    """A few screens, and every link of it leads to a file (and heading) of the repository: MkDocs checks
    the links of docs/, not those of README.md."""
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 120
    links = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert len(links) >= 10
    for link in links:
        path, _, anchor = link.partition("#")
        target = DOCS.parent / path
        assert target.is_file(), f"README.md links to {link}, which does not exist"
        if anchor:
            assert path.startswith("docs/"), f"README.md links to a heading outside docs/: {link}"
            slugs = {
                re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings(path[5:])
            }
            assert anchor in slugs, f"README.md links to {link}: no such heading"
