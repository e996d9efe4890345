"""The command line: credential parsing, help, dev credentials (heavy serving is in test_load)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from reference_server import Credential
from reference_server.__main__ import _parser, credentials_from

from .raw_http import assert_unparseable_answer, send_raw


def parse(*argv: str) -> list[Credential]:
    parser = _parser()
    return credentials_from(parser.parse_args(argv), parser)


def test_flags_combine_into_one_credential() -> None:
    assert parse("--project-id", "p", "--token", "t", "--ak", "A", "--sk", "S") == [
        Credential("p", "t", "A", "S")
    ]


def test_credentials_file_adds_many(tmp_path: Path) -> None:
    file = tmp_path / "credentials.yaml"
    file.write_text("- {project_id: a, token: ta}\n- {project_id: b, ak: AK, sk: SK}\n")
    assert parse("--credentials", str(file), "--project-id", "c", "--token", "tc") == [
        Credential("a", token="ta"),
        Credential("b", ak="AK", sk="SK"),
        Credential("c", token="tc"),
    ]


@pytest.mark.parametrize(
    "argv",
    [["--token", "t"], ["--project-id", "p"], ["--project-id", "p", "--ak", "A"]],
)
def test_incomplete_credentials_are_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        parse(*argv)
    assert caught.value.code == 2


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("- {project_id: a, password: x}\n", "must not contain"),
        ("- {project_id: a, ak: AK, sk: 12345}\n", "must be string"),  # unquoted digits: a number
        ("- {project_id: 123, token: t}\n", "must be string"),
        ("- {project_id: a, token: ''}\n", "must be longer than or equal to 1"),
        ("- {project_id: a}\n", "neither a token nor an AK/SK"),
        ("{project_id: a, token: t}\n", "must be array"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_credentials_file_is_a_usage_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, complaint: str
) -> None:
    file = tmp_path / "credentials.yaml"
    file.write_text(content)
    with pytest.raises(SystemExit) as caught:
        parse("--credentials", str(file))
    assert caught.value.code == 2
    message = capsys.readouterr().err
    assert str(file) in message and complaint in message, message


def test_missing_credentials_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse("--credentials", "/nonexistent/credentials.yaml")
    assert "/nonexistent/credentials.yaml: No such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--inventory", "/nonexistent/inventory.yaml"], "No such file"),
        (["--token", "t", "--credentials", "{credentials}"], "share a token"),
    ],
)
def test_unusable_setup_stops_start_up_with_a_message(
    tmp_path: Path, argv: list[str], complaint: str
) -> None:
    credentials = tmp_path / "credentials.yaml"
    credentials.write_text("- {project_id: other, token: t}\n")
    argv = [arg.format(credentials=credentials) for arg in argv]
    command = [sys.executable, "-m", "reference_server", "--port", "0", "--project-id", "p", *argv]
    if "--token" not in argv:
        command += ["--token", "x"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and complaint in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_every_option(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reference_server", "--help"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0
    for option in [
        "--host",
        "--port",
        "--db",
        "--project-id",
        "--token",
        "--ak",
        "--sk",
        "--credentials",
        "--inventory",
        "--admin-token",
        "--header-timeout",
        "--max-connections",
    ]:
        assert option in result.stdout


def test_without_credentials_dev_credentials_are_printed_and_work(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "reference_server", "--port", "0", "--db", ":memory:"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        lines = [process.stdout.readline() for _ in range(5)]
        printed = dict(line.strip().split(": ", 1) for line in lines[1:])
        assert set(printed) == {"project id", "token", "AK", "SK"} and all(printed.values())
        url = next(m.group(1) for line in process.stderr if (m := re.search(r"running on (\S+) ", line)))
        response = httpx.post(
            f"{url}/v2/{printed['project id'].strip()}/script-executions",
            json={},
            headers={"X-Auth-Token": printed["token"].strip()},
        )
        assert response.status_code == 200, response.text
        # The command line serves with the same protocol as the tests: no uvicorn plain-text page.
        assert_unparseable_answer(send_raw(url, b"THIS IS NOT HTTP\r\n\r\n"))
    finally:
        process.kill()
        process.wait()
