"""The pytest plugin, as a user meets it: test files in a fresh folder, run by a pytest that finds the
plugin through its entry point alone (no conftest, no ``-p``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = Path(__file__).with_name("user_tests.py")
FIXTURES = ["workspace_server", "workspace_client", "workspace_aksk_client", "workspace_inventory"]


def test_a_users_test_file_passes_with_the_fixtures_alone(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS.read_text())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(re.findall(r"^\s*def test_", USER_TESTS.read_text(), re.M)))


def test_fixtures_are_listed_with_their_documentation(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--fixtures")
    for name in FIXTURES:
        result.stdout.fnmatch_lines([f"{name} -- *reference_server*pytest_plugin.py:*", "    [A-Z]*"])


def test_each_session_gets_fresh_credentials(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_print="def test_print(workspace_server):\n"
        "    print('CREDENTIALS', workspace_server.project_id, workspace_server.token,"
        " workspace_server.ak, workspace_server.sk)\n"
    )
    printed = []
    for _ in range(2):
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-s")
        result.assert_outcomes(passed=1)
        [line] = [line for line in result.outlines if "CREDENTIALS" in line]
        printed.append(line.split("CREDENTIALS ", 1)[1].split())
    first, second = printed
    assert len(first) == len(second) == 4 and all(first)
    assert all(a != b for a, b in zip(first, second, strict=True)), printed


@pytest.mark.parametrize(
    ("inventory", "complaint"),
    [
        ('{"scripts": "script-cleanup"}', 'workspace_inventory["scripts"] must be a list of id strings'),
        ('{"desktops": [1, 2]}', 'workspace_inventory["desktops"] must be a list of id strings'),
        ('{"script": ["s"]}', 'workspace_inventory must be None or a dict with "scripts" and/or "desktops"'),
    ],
)
def test_a_malformed_inventory_is_a_clear_error(
    pytester: pytest.Pytester, inventory: str, complaint: str
) -> None:
    pytester.makepyfile(
        test_bad="import pytest\n\n"
        f"@pytest.fixture\ndef workspace_inventory():\n    return {inventory}\n\n"
        "def test_uses_it(workspace_server):\n    pass\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    assert complaint in result.stdout.str()
