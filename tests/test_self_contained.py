"""The repository stands alone: no tracked file reaches for a path outside it.

A user's clone has nothing beside it, so a test or a build step that reads ``../something`` passes only
on machines that happen to have that something."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Text that names a place beside the checkout (the sibling folder CI happens to have), or a parent folder
# above the root.
OUTSIDE = re.compile(r"\.\./shared|/work/shared|\.\./\.\./|parents\[(\d+)\]")


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    files = [ROOT / name for name in listed.split("\0") if name]
    return [path for path in files if path.is_file() and b"\0" not in path.read_bytes()[:4096]]


def reaches_outside(path: Path, text: str) -> list[str]:
    depth = len(path.relative_to(ROOT).parts) - 1  # folders between the file and the root
    found = []
    for match in OUTSIDE.finditer(text):
        # Path(__file__).resolve().parents[depth] is the root; a higher index is outside it.
        if match.group(1) is None or int(match.group(1)) > depth:
            found.append(match.group(0))
    return found


def test_no_tracked_file_refers_outside_the_repository() -> None:
    files = tracked_text_files()
    assert len(files) > 50, "git ls-files found too few files: is this a checkout?"
    offenders = {
        str(path.relative_to(ROOT)): hits
        for path in files
        # This file names the patterns on purpose (in its own self-test).
        if path.suffix != ".md"
        and path != Path(__file__).resolve()
        and (hits := reaches_outside(path, path.read_text(errors="replace")))
    }
    assert not offenders, f"these files refer to paths outside the repository: {offenders}"


def test_the_check_sees_a_reach_outside() -> None:
    """The detector itself: a test file two folders deep may go up two levels, not three."""
    here = ROOT / "tests" / "spec" / "x.py"
    assert reaches_outside(here, "Path(__file__).resolve().parents[2] / 'openapi.yaml'") == []
    assert reaches_outside(here, "Path(__file__).resolve().parents[3] / 'notes'") == ["parents[3]"]
    sibling = OUTSIDE.pattern.split("|")[0].replace("\\", "")  # not spelt out: repository-wide greps
    assert sibling.startswith("../")
    assert reaches_outside(here, f"open('{sibling}/seed/page.txt')") == [sibling]
    assert reaches_outside(here, "open('../../page.txt')") == ["../../"]
