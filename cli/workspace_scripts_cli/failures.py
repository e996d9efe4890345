"""What went wrong, as one line for the operator, a JSON object for scripts, and an exit code.

Three families: the request was never sent (bad options, a contract rule broken: usage), the service
answered with an error (refused), or no answer came (unreachable). The client raises each as its own type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click

from .exit_codes import ExitCode

# The option that sets each request field, so a broken rule names what the operator typed.
OPTION_OF_FIELD = {
    "script_ids": "--script",
    "command": "--command",
    "command_content": "--command",
    "command_type": "--command-type",
    "resource_ids": "--desktop",
    "desktop_tag": "--desktop-tag",
    "gray_count": "--gray-count",
    "gray_resource_ids": "--gray-desktop",
    "gray_desktop_ids": "--gray-desktop",
    "gray_fail_threshold": "--gray-fail-threshold",
    "execution_timeout": "--execution-timeout",
    "pre_start": "--pre-start",
    "post_finish": "--post-finish",
    "task_id": "--task",
    "record_id": "--record",
    "name": "--name",
    "content": "--file",
    "description": "--description",
    "version": "--version",
    # query parameters of the list commands
    "resource_id": "--desktop",
    "script_id": "--script-id",
    "show_history": "--history",
}


class UsageProblem(click.UsageError):
    """Bad input found by the command itself (an empty desktop file, say): exit 2, nothing sent."""


@dataclass(frozen=True)
class Failure:
    """One failure, ready to show."""

    exit_code: ExitCode
    line: str
    details: dict[str, Any]


def describe(error: BaseException, *, started_work: bool = False) -> Failure | None:
    """The ``Failure`` for an exception the client or the settings raise; None for anything else (a bug,
    which keeps its traceback). ``started_work``: the request was one that starts scripts, so an answer that
    never came may still have started them."""
    import httpx
    from workspace_scripts_client.errors import ApiError
    from workspace_scripts_client.validation import RequestValidationError

    from .settings import SettingsError

    if isinstance(error, RequestValidationError):
        option = OPTION_OF_FIELD.get(error.field)
        line = f"not sent: {error.problem} ({f'option {option}, ' if option else ''}field {error.field})"
        return Failure(
            ExitCode.USAGE, line, {"kind": "invalid_request", "field": error.field, "message": line}
        )
    if isinstance(error, SettingsError):
        return Failure(ExitCode.USAGE, str(error), {"kind": "settings", "message": str(error)})
    if isinstance(error, ApiError):
        code = error.error_code or "-"
        line = f"{error.status_code} {code}: {error.error_msg} (request id {error.request_id or 'none'})"
        details = {
            "kind": "refused",
            "status": error.status_code,
            "error_code": error.error_code,
            "error_msg": error.error_msg,
            "request_id": error.request_id,
        }
        return Failure(ExitCode.REFUSED, line, details)
    if isinstance(error, httpx.TransportError):
        url = error.request.url if _has_request(error) else "the service"
        line = f"no answer from {url}: {type(error).__name__}: {error or 'no detail'}"
        if started_work and not isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
            line += (
                " (the request was sent: it may have started; check `workspace-scripts tasks` before"
                " sending it again)"
            )
        return Failure(ExitCode.UNREACHABLE, line, {"kind": "unreachable", "message": line})
    return None


def _has_request(error: Exception) -> bool:
    try:
        error.request  # type: ignore[attr-defined]  # noqa: B018 - httpx raises RuntimeError when unset
    except RuntimeError:
        return False
    return True
