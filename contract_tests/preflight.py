"""Before any clause or fuzzing: does the target answer, and does it take the credential for the project?

One request that must be refused for its body (a string where an Integer belongs), never for its
credential. Anything that stops the run names the setting to fix.
"""

from __future__ import annotations

import json

import pytest
import requests

from contract_tests.target import ENV, Target

BODY = {
    "resource_ids": ["contract-probe-preflight"],
    "script_ids": ["contract-probe-preflight"],
    "gray_count": "x",
}


def _credential_options(target: Target) -> str:
    if target.token:
        return f"--token (or {ENV['token']})"
    return f"--ak and --sk (or {ENV['ak']} and {ENV['sk']})"


def problem(target: Target) -> str | None:
    """Why the run cannot go on against ``target``, or None."""
    where = "the bundled reference server" if target.bundled else target.base_url
    try:
        response = target.send("POST", body=json.dumps(BODY).encode())
    except requests.RequestException as exc:
        return (
            f"cannot reach {where} ({type(exc).__name__}): check --base-url (or {ENV['base_url']}), "
            "and that the server runs and this machine can reach it"
        )
    except pytest.skip.Exception as exc:
        return f"the target did not answer the preflight request: {exc.msg}"
    status = response.status_code
    if status == 401:
        return f"{where} refused the credential (401): check {_credential_options(target)}"
    if status == 403:
        return (
            f"{where} accepted the credential but refused project {target.project_id} (403): check "
            f"--project-id (or {ENV['project_id']}) and the credential's permission workspace:scripts:execute"
        )
    if status == 404:
        return (
            f"{where} answered 404 to {target.url()}: check --base-url (or {ENV['base_url']}; the "
            f"operation lives at /v2/{{project_id}}/script-executions) and --project-id"
        )
    return None


def check(target: Target) -> None:
    found = problem(target)
    if found is not None:
        pytest.exit(f"contract preflight: {found}", returncode=pytest.ExitCode.USAGE_ERROR)
