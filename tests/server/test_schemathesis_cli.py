"""Plain Schemathesis CLI (`st run openapi.yaml --checks all`) with the project id and token set.

Schemathesis generates bodies from the schema alone, so some "valid" bodies break the cross-field rule
(gray_fail_threshold < gray_count) that lives in `x-constraints`; the server rightly answers those
400 WKS.0007, which `positive_data_acceptance` reports. So: run 1 with every check must fail only
that way; run 2, every check but that one, must report nothing at all.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from .constants import PROJECT, TOKEN

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).with_name("st")


def run_st(base_url: str, tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    config = tmp_path / "schemathesis.toml"
    config.write_text(f'[parameters]\nproject_id = "{PROJECT}"\n')
    junit = tmp_path / f"junit{len(extra)}.xml"
    command = [
        str(ST),
        "--config-file",
        str(config),
        "run",
        str(ROOT / "openapi.yaml"),
        # The operation the reference server had before the contract grew to the whole Script API.
        "--include-operation-id",
        "ExecuteScriptOrCommand",
        # Its links lead to operations the filter leaves out: with them excluded, there is no stateful phase.
        "--phases",
        "examples,coverage,fuzzing",
        "--url",
        base_url,
        "--checks",
        "all",
        "-H",
        f"X-Auth-Token: {TOKEN}",
        "--max-examples",
        "150",
        "--report",
        "junit",
        "--report-junit-path",
        str(junit),
        *extra,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    return result, junit


def test_all_checks_only_flag_cross_field_bodies(base_url: str, tmp_path: Path) -> None:
    result, junit = run_st(base_url, tmp_path)
    failures = [failure.text or "" for failure in ET.parse(junit).iter("failure")]
    errors = list(ET.parse(junit).iter("error"))
    assert not errors, result.stdout
    cases = [
        case
        for text in failures
        for case in re.split(r"^\d+\. Test Case ID", text, flags=re.M)
        if case.strip()
    ]
    for case in cases:
        check_lines = re.findall(r"^- (.+)$", case, flags=re.M)
        assert check_lines == ["ST202 Schema-valid request rejected"], case
        assert '"error_code": "WKS.0007"' in case, case
    assert result.returncode == (1 if cases else 0), result.stdout


def test_every_other_check_passes(base_url: str, tmp_path: Path) -> None:
    result, _ = run_st(base_url, tmp_path, "--exclude-checks", "positive_data_acceptance")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No issues found" in result.stdout or "passed" in result.stdout, result.stdout
