"""The command line: credential parsing, help, dev credentials (heavy serving is in test_load)."""

from __future__ import annotations

import re
import socket
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
        ("- {project_id: a, password: x}\n", ": unknown field [0].password"),
        # Unquoted digits are a number: only then the hint about quoting.
        (
            "- {project_id: a, ak: AK, sk: 12345}\n",
            ": [0].sk must be string (quote ids that look like numbers)",
        ),
        (
            "- {project_id: 123, token: t}\n",
            ": [0].project_id must be string (quote ids that look like numbers)",
        ),
        ("- {project_id: a, token: ''}\n", ": [0].token must be longer than or equal to 1"),
        ("- {token: t}\n", ": [0].project_id is required"),
        ("- {project_id: a}\n", "neither a token nor an AK/SK"),
        ("{project_id: a, token: t}\n", ": the file must be array"),
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
    assert "data" not in message.replace(str(file), "")  # the validator's name for the document
    assert ("(quote ids that look like numbers)" in message) == ("(quote ids" in complaint)


def test_missing_credentials_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse("--credentials", "/nonexistent/credentials.yaml")
    assert "/nonexistent/credentials.yaml: No such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--token", "t"], "error: --token needs --project-id"),
        (["--ak", "A", "--sk", "S"], "error: --ak and --sk need --project-id"),
        (["--project-id", "p", "--ak", "A"], "error: --ak and --sk go together (--sk missing)"),
        (["--project-id", "p", "--sk", "S"], "error: --sk needs --ak"),
        (["--project-id", "p"], "error: --project-id needs --token or --ak and --sk"),
        (["--project-id", "p", "--token", ""], "error: --token must not be empty"),
    ],
)
def test_incomplete_options_are_named_as_options(
    capsys: pytest.CaptureFixture[str], argv: list[str], complaint: str
) -> None:
    with pytest.raises(SystemExit):
        parse(*argv)
    assert complaint in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "argv", "complaint"),
    [
        (
            "- {project_id: p1, token: same}\n- {project_id: p2, token: same}\n",
            [],
            "two credentials share a token: {file} entry 1 (project p1) and {file} entry 2 (project p2)",
        ),
        (
            "- {project_id: p1, ak: AK1, sk: s1}\n",
            ["--project-id", "p2", "--ak", "AK1", "--sk", "s2"],
            "two credentials share the AK AK1: {file} entry 1 (project p1) and the command-line options"
            " (project p2)",
        ),
        (
            "- {project_id: p1, ak: AK1}\n",
            [],
            "{file} entry 1: credential for project p1: ak and sk go together",
        ),
    ],
)
def test_a_clash_in_a_credentials_file_names_the_file_and_the_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, argv: list[str], complaint: str
) -> None:
    file = tmp_path / "credentials.yaml"
    file.write_text(content)
    with pytest.raises(SystemExit) as caught:
        parse("--credentials", str(file), *argv)
    assert caught.value.code == 2
    assert complaint.format(file=file) in capsys.readouterr().err


def start_up_failure(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reference_server", *argv]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)


def test_a_bad_database_stops_start_up_before_dev_credentials_are_printed(tmp_path: Path) -> None:
    result = start_up_failure(tmp_path, "--port", "0", "--db", str(tmp_path / "nowhere" / "tasks.db"))
    assert result.returncode == 2 and "cannot use" in result.stderr, result.stderr
    assert result.stdout == ""  # no credentials of a server that never ran


def test_a_busy_port_stops_start_up_with_one_line_and_nothing_printed(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = start_up_failure(tmp_path, "--port", str(port), "--db", ":memory:")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"python -m reference_server: error: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
    assert result.stdout == ""


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
