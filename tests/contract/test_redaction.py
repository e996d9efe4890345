"""Redaction by position and whole value: a short secret no longer garbles the report.

Unit tests of the redactor, then runs against the echo server (which refuses everything and echoes every
request header back): a one-letter token gives the same headlines and curl lines as a long one, the
README-style short AK/SK the same as realistic ones, and no realistic secret appears anywhere written.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests.redaction import FILTERED, Redactor, by_position
from reference_server.testing import serve_in_thread
from tests.contract.runner import ROOT, _clean_env
from tests.contract.test_no_secrets import echo_everything

# Realistic shapes: an IAM token is a long base64 text, an AK 20 capitals and digits, an SK 40 characters.
REALISTIC_TOKEN = "MIIDxQYJKoZIhvcNAQcCoIIDtjCCA7ICAQExDTALBglghkgBZQMEAgEwggHXBgkqhkiG9w0BBwGgg"
REALISTIC_AK = "HPUAK2ZLB8RXQ0D5MN7W"
REALISTIC_SK = "Qm7tY2wRk9ZpL4vXc8NbH1sJd6FgE3aTu0yKiWoV"


def test_a_short_secret_is_filtered_only_in_a_credentials_place() -> None:
    redact = Redactor({"--token": "t"})
    text = "curl -X POST 'http://h/v2/p/script-executions' -H 'X-Auth-Token: t' echo: x-auth-token: t; a: b"
    assert redact(text) == (
        "curl -X POST 'http://h/v2/p/script-executions' -H 'X-Auth-Token: [Filtered]' "
        "echo: x-auth-token: [Filtered]; a: b"
    )
    assert redact.warnings() and "--token is only 1 character(s) long" in redact.warnings()[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{'X-Auth-Token': 'abc', 'Accept': '*/*'}", "{'X-Auth-Token': '[Filtered]', 'Accept': '*/*'}"),
        ('"x-security-token": "st"', f'"x-security-token": "{FILTERED}"'),
        (
            "Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ab12",
            f"Authorization: SDK-HMAC-SHA256 Access={FILTERED}, SignedHeaders=host;x-sdk-date, "
            f"Signature={FILTERED}",
        ),
        ("Authorization: Bearer xyz", f"Authorization: {FILTERED}"),
        ("pytest --token=T --sk=SK", f"pytest --token={FILTERED} --sk={FILTERED}"),
        ("give --ak/--sk without --token", "give --ak/--sk without --token"),
        ("WORKSPACE_TOKEN=T make contract", f"WORKSPACE_TOKEN={FILTERED} make contract"),
        # What merely names a credential stays readable.
        (
            "Table 2 (X-Auth-Token or AK/SK) and status code 401",
            "Table 2 (X-Auth-Token or AK/SK) and status code 401",
        ),
    ],
)
def test_credentials_are_filtered_by_position(text: str, expected: str) -> None:
    assert by_position(text) == expected


def test_a_long_secret_is_filtered_wherever_it_appears() -> None:
    redact = Redactor({"--sk": REALISTIC_SK})
    assert redact(f"signed with {REALISTIC_SK}!") == f"signed with {FILTERED}!"
    assert not redact.warnings()


@pytest.fixture(scope="module")
def echo_url() -> Iterator[str]:
    with serve_in_thread(echo_everything) as base_url:
        yield base_url


def run(echo_url: str, tmp_path: Path, *credentials: str) -> tuple[str, str]:
    junit = tmp_path / "junit.xml"
    command = [
        # The hand-made clauses: the same requests in every run (fuzzing may be cut by its time budget).
        sys.executable, "-m", "pytest", "contract_tests/test_clauses.py",
        "-p", "no:cacheprovider", f"--base-url={echo_url}", "--project-id=echo-project", *credentials,
        "--max-examples=5", "--time-budget=2", "--no-replay", "--log-level=DEBUG", "-rA",
        f"--junitxml={junit}", "-o", "junit_logging=all",
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, env=_clean_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout[-3000:]
    return result.stdout + result.stderr, junit.read_text(encoding="utf-8")


def headlines_and_curls(output: str) -> tuple[list[str], list[str]]:
    lines = [line.strip() for line in output.splitlines()]
    headlines = sorted({line for line in lines if re.match(r"\[(page|http|assumption|sdk)\] ", line)})
    # The signing time and the random foreign project differ from run to run; nothing else may.
    curls = {re.sub(r"X-Sdk-Date: \d{8}T\d{6}Z", "X-Sdk-Date: <time>", line) for line in lines}
    curls = {re.sub(r"/v2/[0-9a-f]{32}/", "/v2/<foreign project>/", line) for line in curls}
    return headlines, sorted(line for line in curls if line.startswith("curl "))


@pytest.mark.parametrize(
    ("realistic", "short"),
    [
        ([f"--token={REALISTIC_TOKEN}"], ["--token=t"]),
        ([f"--ak={REALISTIC_AK}", f"--sk={REALISTIC_SK}"], ["--ak=AK", "--sk=SK"]),
    ],
    ids=["token", "aksk"],
)
def test_a_short_secret_gives_the_same_report_as_a_realistic_one(
    echo_url: str, tmp_path: Path, realistic: list[str], short: list[str]
) -> None:
    long_output, long_junit = run(echo_url, tmp_path, *realistic)
    short_output, short_junit = run(echo_url, tmp_path, *short)
    long_headlines, long_curls = headlines_and_curls(long_output)
    assert long_headlines and long_curls  # the broken server gave something to compare
    assert headlines_and_curls(short_output) == (long_headlines, long_curls)
    assert "X-Auth-[Filtered]" not in short_output and "POS[Filtered]" not in short_output
    for value in (REALISTIC_TOKEN, REALISTIC_AK, REALISTIC_SK):
        assert value not in long_output + long_junit
    # The short ones are nowhere in a credential's place, and the header says how they are filtered.
    for name, value in (option.lstrip("-").split("=") for option in short):
        place = re.compile(rf"(?i)(x-auth-token['\"]?:\s*['\"]?|Access=|--{name}[= ]){re.escape(value)}\b")
        assert not place.search(short_output + short_junit), place.pattern
    assert "character(s) long: it is filtered where credentials go" in short_output
